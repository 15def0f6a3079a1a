import type { CallRecord, HubEvent, LineView, Snapshot, WindowView } from '@hall/shared';

/**
 * The live floor as the console knows it: lines, windows, the latest calls, and when each line last
 * changed (its longest wait grows by itself between events). Built from a snapshot, then event by event.
 */
export interface FloorView {
  seq: number;
  day: string;
  phase: string;
  /** the hub's time of the latest snapshot or event, epoch ms */
  hubTime: number;
  lines: LineView[];
  windows: WindowView[];
  recentCalls: CallRecord[];
  /** line id → hub time its view was last sent */
  lineAsOf: Record<string, number>;
}

export const emptyFloor: FloorView = { seq: -1, day: '', phase: 'closed', hubTime: 0, lines: [], windows: [], recentCalls: [], lineAsOf: {} };

const CALLS_KEPT = 12;

export function fromSnapshot(s: Snapshot): FloorView {
  const at = Date.parse(s.overview.now);
  return {
    seq: s.seq,
    day: s.overview.day,
    phase: s.overview.phase,
    hubTime: at,
    lines: s.overview.lines,
    windows: s.overview.windows,
    recentCalls: s.recentCalls.slice(-CALLS_KEPT).reverse(),
    lineAsOf: Object.fromEntries(s.overview.lines.map((l) => [l.id, at])),
  };
}

/**
 * Applies one hub event (pure). Events at or below the current sequence were applied already; a gap means
 * one was missed, and the caller asks the hub to resync.
 */
export function applyServerEvent(view: FloorView, e: HubEvent): { view: FloorView; gap: boolean } {
  if (e.seq <= view.seq) return { view, gap: false };
  if (view.seq >= 0 && e.seq !== view.seq + 1) return { view, gap: true };
  const at = Date.parse(e.at);
  let { lines, windows, recentCalls, lineAsOf } = view;
  if (e.lines) {
    const changed = new Map(e.lines.map((l) => [l.id, l]));
    lines = lines.map((l) => changed.get(l.id) ?? l);
    lineAsOf = { ...lineAsOf };
    for (const id of changed.keys()) lineAsOf[id] = at;
  }
  if (e.window) {
    const w = e.window;
    windows = windows.some((x) => x.no === w.no) ? windows.map((x) => (x.no === w.no ? w : x)) : [...windows, w];
  }
  if (e.call) recentCalls = [e.call, ...recentCalls].slice(0, CALLS_KEPT);
  return { view: { ...view, seq: e.seq, phase: e.phase, hubTime: at, lines, windows, recentCalls, lineAsOf }, gap: false };
}

/** A line's longest wait now: as sent, plus the minutes since (the oldest ticket is still waiting, or an event would have said). */
export function longestWaitNow(view: FloorView, line: LineView, hubNow: number): number | null {
  if (line.longestWaitMinutes === null || line.waiting === 0) return null;
  const asOf = view.lineAsOf[line.id] ?? hubNow;
  return line.longestWaitMinutes + Math.max(0, Math.floor((hubNow - asOf) / 60_000));
}
