import type { HelpRequest } from '@hall/shared';
import { signal } from '@preact/signals';

/** Kiosk visitors asking for staff (请工作人员帮助), newest first: loaded once, then live from the hub. */
export const helpRequests = signal<HelpRequest[]>([]);

export function addHelpRequest(r: HelpRequest): void {
  if (helpRequests.value.some((x) => x.id === r.id)) return;
  helpRequests.value = [r, ...helpRequests.value].slice(0, 50);
}
