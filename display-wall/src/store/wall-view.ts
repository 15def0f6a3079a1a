import type { CallRecord, HubEvent, LineView, Snapshot, WindowView } from '@hall/shared';

/** What a display knows of the hall: lines, windows, the latest calls, and which windows just finished a service. */
export interface WallView {
  seq: number;
  phase: string;
  lines: LineView[];
  windows: WindowView[];
  /** newest first */
  calls: CallRecord[];
  /** window → the ticket whose service just finished there (the window screen invites a rating) */
  finished: Record<string, string>;
}

export const MAX_CALLS = 30;
export const emptyWallView: WallView = { seq: -1, phase: 'closed', lines: [], windows: [], calls: [], finished: {} };

export function fromSnapshot(s: Snapshot): WallView {
  return {
    seq: s.seq,
    phase: s.overview.phase,
    lines: s.overview.lines,
    windows: s.overview.windows,
    calls: [...s.recentCalls].reverse().slice(0, MAX_CALLS),
    finished: {},
  };
}

/**
 * Applies one hub event (pure). Events at or below the current sequence were already applied; a gap means
 * one was missed, and the caller asks for a resync instead.
 */
export function applyServerEvent(view: WallView, e: HubEvent): { view: WallView; gap: boolean } {
  if (e.seq <= view.seq) return { view, gap: false };
  if (view.seq >= 0 && e.seq !== view.seq + 1) return { view, gap: true };
  let { lines, windows, calls, finished } = view;
  if (e.lines) {
    const changed = new Map(e.lines.map((l) => [l.id, l]));
    lines = lines.map((l) => changed.get(l.id) ?? l);
  }
  if (e.window) {
    const w = e.window;
    windows = windows.map((x) => (x.no === w.no ? w : x));
    if (e.type === 'ServiceFinished' && e.ticket) finished = { ...finished, [w.no]: e.ticket.number };
    else if (finished[w.no] && (e.call || e.type === 'WindowClosed' || e.type === 'WindowPaused' || e.type === 'ServiceRated')) {
      const { [w.no]: _gone, ...rest } = finished;
      finished = rest;
    }
  }
  if (e.call) calls = [e.call, ...calls].slice(0, MAX_CALLS);
  if (e.type === 'DayStarted') {
    calls = [];
    finished = {};
  }
  return { view: { seq: e.seq, phase: e.phase, lines, windows, calls, finished }, gap: false };
}

/** The part of the hall a display covers: everything (hall wall), one zone, or one window. */
export interface Area {
  zone: string | null;
  windowNo: string | null;
}

export function windowsIn(view: WallView, area: Area): WindowView[] {
  return view.windows.filter((w) => (area.windowNo ? w.no === area.windowNo : area.zone ? w.zone === area.zone : true));
}

/** Busy windows rank first; calling and serving rank alike, so a window does not move when its visitor arrives. */
const GRID_RANK: Record<WindowView['status'], number> = { calling: 0, serving: 0, idle: 1, paused: 2, closed: 3 };

/**
 * The order of the wall's window grid, which pages when the windows do not fit: windows with a visitor first
 * (where people look for their number), then idle, paused and closed ones — each group in the hall's own order
 * (the sort is stable) — so idle windows never fill page 1 while a busy one waits on page 2.
 */
export function gridOrder(windows: readonly WindowView[]): WindowView[] {
  return [...windows].sort((a, b) => GRID_RANK[a.status] - GRID_RANK[b.status]);
}

export function callsIn(view: WallView, area: Area): CallRecord[] {
  return view.calls.filter((c) => (area.windowNo ? c.windowNo === area.windowNo : area.zone ? c.zone === area.zone : true));
}

/** Lines served by the area's windows (a zone wall shows only its own lines). */
export function linesIn(view: WallView, area: Area): LineView[] {
  if (!area.zone && !area.windowNo) return view.lines;
  const served = new Set(windowsIn(view, area).flatMap((w) => w.lines));
  return view.lines.filter((l) => served.has(l.id));
}

export function callInArea(c: CallRecord, area: Area): boolean {
  return area.windowNo ? c.windowNo === area.windowNo : area.zone ? c.zone === area.zone : true;
}
