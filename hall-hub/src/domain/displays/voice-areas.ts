import type { DisplaySettings } from '@hall/shared';

/**
 * Which windows' calls each speaking display announces — its voice area (pure). Every window is announced by
 * the most specific speaking display that covers it: its own window screen if that speaks, else its zone's
 * speaking walls, else the hall walls that speak. So areas never overlap, each area's speakers play at the same
 * time as the others', and switching a display's voice on or off (hall config, console) moves its windows.
 * Displays that are silent, or LED strips, get no windows.
 */
export function voiceAreas(displays: readonly DisplaySettings[], windows: ReadonlyArray<{ no: string; zone: string }>): Map<string, string[]> {
  const speaking = displays.filter((d) => d.voice && d.surface !== 'led-strip');
  const areas = new Map<string, string[]>(displays.map((d) => [d.id, []]));
  for (const w of windows) {
    const own = speaking.filter((d) => d.surface === 'window-screen' && d.windowNo === w.no);
    const zone = speaking.filter((d) => d.surface === 'zone-wall' && d.zone === w.zone);
    const hall = speaking.filter((d) => d.surface === 'hall-wall');
    const speakers = own.length ? own : zone.length ? zone : hall;
    for (const d of speakers) areas.get(d.id)!.push(w.no);
  }
  return areas;
}
