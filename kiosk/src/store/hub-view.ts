import type { HubEvent, LineView, Snapshot, WindowView } from '@hall/shared';

/** What the kiosk knows of the hall right now: the lines with their waiting counts, and the windows. */
export interface HubView {
  seq: number;
  lines: LineView[];
  windows: WindowView[];
  phase: string;
}

export const emptyHubView: HubView = { seq: -1, lines: [], windows: [], phase: 'closed' };

export function fromSnapshot(s: Snapshot): HubView {
  return { seq: s.seq, lines: s.overview.lines, windows: s.overview.windows, phase: s.overview.phase };
}

/**
 * Applies one hub event (pure). Events at or below the current sequence were already applied; a gap means
 * an event was missed, and the caller asks the hub to resync.
 */
export function applyServerEvent(view: HubView, e: HubEvent): { view: HubView; gap: boolean } {
  if (e.seq <= view.seq) return { view, gap: false };
  if (view.seq >= 0 && e.seq !== view.seq + 1) return { view, gap: true };
  let lines = view.lines;
  if (e.lines) {
    const changed = new Map(e.lines.map((l) => [l.id, l]));
    lines = lines.map((l) => changed.get(l.id) ?? l);
  }
  let windows = view.windows;
  if (e.window) {
    const w = e.window;
    windows = windows.map((x) => (x.no === w.no ? w : x));
  }
  return { view: { seq: e.seq, lines, windows, phase: e.phase }, gap: false };
}
