import type { ShiftEventRow } from './report-input.js';

/** A staff member at a window from `from` until `to` (null: still there). */
export interface Shift {
  windowNo: string;
  staffNo: string;
  coveringFor: string | null;
  from: number;
  to: number | null;
}

/** Who sat where, from the window events in log order; a new day closes every open window. */
export function windowShifts(events: Iterable<ShiftEventRow>): Shift[] {
  const shifts: Shift[] = [];
  const open = new Map<string, Shift>();
  const close = (no: string, at: number) => {
    const s = open.get(no);
    if (s) {
      s.to = at;
      open.delete(no);
    }
  };
  for (const e of events) {
    if (e.type === 'DayStarted') {
      for (const no of [...open.keys()]) close(no, e.at);
    } else if (e.type === 'WindowOpened') {
      // Opening an open window hands it over (the B post taking over from the A post).
      close(e.windowNo, e.at);
      const s: Shift = { windowNo: e.windowNo, staffNo: e.staffNo, coveringFor: e.coveringFor, from: e.at, to: null };
      shifts.push(s);
      open.set(e.windowNo, s);
    } else {
      close(e.windowNo, e.at);
    }
  }
  return shifts;
}

/** Finds the staff member at a window at an instant; shifts of one window never overlap. */
export function createStaffLookup(shifts: readonly Shift[]): (windowNo: string, at: number) => Shift | null {
  const byWindow = new Map<string, Shift[]>();
  for (const s of shifts) {
    const list = byWindow.get(s.windowNo) ?? [];
    list.push(s);
    byWindow.set(s.windowNo, list);
  }
  for (const list of byWindow.values()) list.sort((a, b) => a.from - b.from);
  return (windowNo, at) => {
    const list = byWindow.get(windowNo);
    if (!list) return null;
    // The last shift that began at or before the instant (binary search), if it had not ended yet.
    let lo = 0;
    let hi = list.length - 1;
    let found: Shift | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (s.from <= at) {
        found = s;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found && (found.to === null || at <= found.to) ? found : null;
  };
}
