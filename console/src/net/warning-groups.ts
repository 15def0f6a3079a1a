import type { WarningGroupAction, WarningGroupActionBody, WarningGroupsView } from '@hall/shared';
import { myWarnings, warningGroups } from '../store/warning-groups.js';
import { get, post, type ApiResult } from './api.js';

/** The floor's warning groups; returns them so the caller of the check can compare with the last ones. */
export async function loadWarningGroups(): Promise<WarningGroupsView | null> {
  const r = await get<WarningGroupsView>('/api/warnings/groups');
  if (!r.ok) return null;
  warningGroups.value = r.data;
  return r.data;
}

export async function loadMyWarnings(): Promise<void> {
  const r = await get<WarningGroupsView>('/api/warnings/mine');
  if (r.ok) myWarnings.value = r.data;
}

/** Acknowledge, assign or escalate a group; the lists are read again so the row shows who did it. */
export async function actOnGroup(key: string, body: WarningGroupActionBody, mine = false): Promise<ApiResult<WarningGroupAction>> {
  const r = await post<WarningGroupAction>(`/api/warnings/groups/${encodeURIComponent(key)}/actions`, body);
  if (r.ok) await (mine ? loadMyWarnings() : loadWarningGroups());
  return r;
}
