import type { DisplaySettings, SignageTargets } from '@hall/shared';

type Targeted = Pick<DisplaySettings, 'id' | 'groups' | 'surface' | 'zone' | 'windowNo'>;

/**
 * The zone a display belongs to for signage: a zone wall's own zone, a window screen's or strip's window's zone.
 * Hall walls and boards serve the whole hall: they belong to no zone.
 */
export function signageZone(d: Targeted, zoneOfWindow: (windowNo: string) => string | null): string | null {
  if (d.surface === 'zone-wall') return d.zone;
  if ((d.surface === 'window-screen' || d.surface === 'led-strip') && d.windowNo) return zoneOfWindow(d.windowNo);
  return null;
}

/** Whether a campaign's targets reach this display: all, by id, by display group, or by zone. */
export function campaignReaches(t: SignageTargets, d: Targeted, zoneOfWindow: (windowNo: string) => string | null): boolean {
  if (t.all || t.displays.includes(d.id) || t.groups.some((g) => d.groups.includes(g))) return true;
  if (t.zones.length === 0) return false;
  const zone = signageZone(d, zoneOfWindow);
  return zone !== null && t.zones.includes(zone);
}
