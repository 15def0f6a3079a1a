import { signal } from '@preact/signals';
import type { WarningGroup, WarningGroupsView } from '@hall/shared';

/** 红黄灯 grouped per line and window, with their workflow (managers' floor) */
export const warningGroups = signal<WarningGroupsView | null>(null);
/** the signed-in staff member's own groups (the caller) */
export const myWarnings = signal<WarningGroupsView | null>(null);

/** Groups red now that were not red before (pure): each one chimes, once, as it turns red. */
export function newlyRed(before: readonly WarningGroup[], after: readonly WarningGroup[]): WarningGroup[] {
  const wasRed = new Set(before.filter((g) => g.level === 'red').map((g) => g.key));
  return after.filter((g) => g.level === 'red' && !wasRed.has(g.key));
}
