import type { DisplaySettings, Targets } from '@hall/shared';

/** Whether a notice, emergency, schedule or image is meant for this display. */
export function targetsDisplay(t: Targets, d: Pick<DisplaySettings, 'id' | 'groups'>): boolean {
  return t.all || t.displays.includes(d.id) || t.groups.some((g) => d.groups.includes(g));
}
