import type { LineMove } from '@hall/shared';
import { thresholdsFor, type QueueRules } from './rules.js';
import { pickNext } from './selection.js';
import type { QueueState } from './state.js';
import { servedLines } from './window-lines.js';

/** The lines where somebody has waited past the red threshold: the lines a manager would move windows onto. */
export function redLines(state: QueueState, rules: QueueRules, now: number): string[] {
  const red: string[] = [];
  for (const [lineId, q] of state.lines) {
    const limit = thresholdsFor(rules, lineId).waitRedMinutes * 60_000;
    const waitedTooLong = [...q.priority, ...q.normal].some((id) => {
      const t = state.tickets.get(id);
      return t !== undefined && now - t.issuedAt >= limit;
    });
    if (waitedTooLong) red.push(lineId);
  }
  return red;
}

/** Why a window may take a line on: its own or its staff member's department serves it, or the member's skills. */
function allowedBecause(rules: QueueRules, windowNo: string, staffNo: string | null, lineId: string): LineMove['because'] | null {
  const depts = rules.lines.get(lineId)?.serves.deptCodes ?? [];
  const staff = staffNo ? rules.staff.get(staffNo) : undefined;
  const windowDept = rules.windows.get(windowNo)?.dept;
  if ((windowDept !== undefined && depts.includes(windowDept)) || (staff?.dept !== undefined && depts.includes(staff.dept))) return 'department';
  if (staff?.skills?.includes(lineId)) return 'skill';
  return null;
}

/**
 * 弹性窗口 proposals: for each red line, the open windows sitting idle with nobody of their own to call whose
 * department or staff skills allow the line, longest idle first. The move adds the line at the window's first
 * order: its waiting visitors are the oldest, so they are called next, and the window's own line still shares.
 */
export function proposeLineMoves(state: QueueState, rules: QueueRules, now: number): LineMove[] {
  const moves: LineMove[] = [];
  const idle = [...state.windows.values()]
    .filter((w) => w.status === 'idle' && w.currentTicketId === null && pickNext(state, rules, w.no) === null)
    .sort((a, b) => a.since - b.since || a.no.localeCompare(b.no, 'en', { numeric: true }));
  for (const lineId of redLines(state, rules, now)) {
    for (const w of idle) {
      const lines = servedLines(state, rules, w.no);
      if (lines.some((l) => l.line === lineId)) continue;
      const because = allowedBecause(rules, w.no, w.staffNo, lineId);
      if (!because) continue;
      const first = Math.min(...lines.map((l) => l.order));
      moves.push({
        lineId,
        lineName: rules.lines.get(lineId)?.name ?? lineId,
        windowNo: w.no,
        windowName: rules.windows.get(w.no)?.name ?? w.no,
        staffNo: w.staffNo,
        staffName: w.staffNo ? (rules.staff.get(w.staffNo)?.name ?? null) : null,
        because,
        idleMinutes: Math.max(0, Math.floor((now - w.since) / 60_000)),
        lines: [...lines.map((l) => ({ line: l.line, order: l.order })), { line: lineId, order: Number.isFinite(first) ? first : 1 }],
      });
    }
  }
  return moves;
}
