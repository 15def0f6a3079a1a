import type { StaffBadge } from '@hall/shared';
import type { StaffConfig, WindowConfig } from '../hall-vocabulary.js';

/**
 * The staff badges a window screen shows: everyone posted at the window, then their B-post partners (AB岗) who are
 * not posted there themselves. A photo given as a file is served by the hub; a web address is shown as it is.
 */
export function staffBadgesByWindow(windows: readonly WindowConfig[], staff: readonly StaffConfig[]): Map<string, StaffBadge[]> {
  const byWindow = new Map<string, StaffBadge[]>();
  for (const w of windows) {
    const here = staff.filter((s) => s.windows.includes(w.no));
    const partners = staff.filter((s) => here.some((h) => h.partner === s.no) && !here.includes(s));
    byWindow.set(
      w.no,
      [...here, ...partners].map((s) => ({
        no: s.no,
        name: s.name,
        title: s.title ?? null,
        partyMember: s.partyMember ?? false,
        photoUrl: s.photo ? (/^https?:\/\//.test(s.photo) ? s.photo : `/api/staff/${encodeURIComponent(s.no)}/photo`) : null,
      })),
    );
  }
  return byWindow;
}
