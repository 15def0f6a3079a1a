import { servedBy, type HallModel, type PolicyHall } from './hall-policy.js';
import type { LoggedEvent } from './log-events.js';

/**
 * What the day's scenes are checked with, gathered while the oracle replays the log (replay.ts observers): the
 * first call of each window after the opening bell; a line's red state around the manager's moves, and the calls
 * of each window against the lines it served at that moment; who was on duty at each window and who finished
 * each service. All from the log and the documented policy (docs/soak-oracle.md), none of it from the hub.
 */
export interface SceneFacts {
  /** each window's first TicketCalled at or after the bell, in log order */
  rushCalls: Array<{ seq: number; at: number; windowNo: string; ticketId: string; number: string; green: boolean }>;
  line: {
    /** WindowLinesAssigned that gave a window the watched line it did not serve before */
    movesInLog: Array<{ seq: number; at: number; windowNo: string; redBefore: boolean; redSinceAt: number | null }>;
    /** spans of hall time the watched line was red by the policy (to: null, still red at the end) */
    redSpans: Array<{ from: number; to: number | null }>;
    /** hall time, after the first move, the line was first no longer red (null: never) */
    clearedAt: number | null;
    callsAtMovedWindowsBeforeMove: number;
    callsAtMovedWindowsAfterMove: number;
  };
  /** calls of a ticket whose line the calling window did not serve at that moment (transfers to a named window apart) */
  callsOutsideServedLines: Array<{ seq: number; windowNo: string; number: string; lineId: string }>;
  /** the person on duty at each window after each change of it (null: closed) */
  duty: Map<string, Array<{ seq: number; staffNo: string | null; coveringFor: string | null }>>;
  /** the person on duty at the window when each ticket's service finished */
  finishedBy: Map<string, { windowNo: string; staffNo: string | null }>;
  /** a ticket's rating (一次一评: the first) */
  ratings: Map<string, string>;
}

export interface SceneWatch {
  facts: SceneFacts;
  before(h: HallModel, seq: number, e: LoggedEvent): void;
  after(h: HallModel, seq: number, e: LoggedEvent): void;
}

const MINUTE = 60_000;

/** The oldest waiting ticket's issue time on a line, if anybody has waited past red at `now`. */
export function redSince(h: HallModel, lineId: string, redMinutes: number, now: number): number | null {
  const l = h.lines.get(lineId);
  if (!l) return null;
  let oldest: number | null = null;
  for (const id of [...l.green, ...l.other]) {
    const t = h.tickets.get(id);
    if (t?.status === 'waiting' && now - t.issuedAt >= redMinutes * MINUTE) oldest = Math.min(oldest ?? t.issuedAt, t.issuedAt);
  }
  return oldest === null ? null : oldest + redMinutes * MINUTE;
}

export function watchScenes(hall: PolicyHall, opts: { bellAt: number | null; redLine: { lineId: string; redMinutes: number } | null }): SceneWatch {
  const facts: SceneFacts = {
    rushCalls: [],
    line: { movesInLog: [], redSpans: [], clearedAt: null, callsAtMovedWindowsBeforeMove: 0, callsAtMovedWindowsAfterMove: 0 },
    callsOutsideServedLines: [],
    duty: new Map(),
    finishedBy: new Map(),
    ratings: new Map(),
  };
  const rushed = new Set<string>();
  const configured = (windowNo: string, lineId: string) => hall.windows.find((w) => w.no === windowNo)?.lines.some((l) => l.line === lineId) ?? false;
  const movedAt = new Map<string, number>();
  const red = opts.redLine;

  return {
    facts,
    before(h, seq, e) {
      if (e.type === 'TicketCalled') {
        const t = h.tickets.get(e.ticketId);
        if (!t) return;
        if (opts.bellAt !== null && e.at >= opts.bellAt && !rushed.has(e.windowNo)) {
          rushed.add(e.windowNo);
          facts.rushCalls.push({ seq, at: e.at, windowNo: e.windowNo, ticketId: t.id, number: t.number, green: t.kind === 'green' });
        }
        if (t.reservedWindow !== e.windowNo && !servedBy(h, hall, e.windowNo).some((l) => l.line === t.lineId)) {
          facts.callsOutsideServedLines.push({ seq, windowNo: e.windowNo, number: t.number, lineId: t.lineId });
        }
        if (red && t.lineId === red.lineId && !configured(e.windowNo, red.lineId)) {
          if (movedAt.has(e.windowNo)) facts.line.callsAtMovedWindowsAfterMove += 1;
          else facts.line.callsAtMovedWindowsBeforeMove += 1;
        }
      } else if (e.type === 'WindowLinesAssigned' && red) {
        const had = servedBy(h, hall, e.windowNo).some((l) => l.line === red.lineId);
        if (!had && e.lines.some((l) => l.line === red.lineId) && !movedAt.has(e.windowNo)) {
          movedAt.set(e.windowNo, seq);
          const since = redSince(h, red.lineId, red.redMinutes, e.at);
          facts.line.movesInLog.push({ seq, at: e.at, windowNo: e.windowNo, redBefore: since !== null, redSinceAt: since });
        }
      }
    },
    after(h, seq, e) {
      if (red) {
        const isRed = redSince(h, red.lineId, red.redMinutes, e.at) !== null;
        const spans = facts.line.redSpans;
        const last = spans[spans.length - 1];
        if (isRed && (!last || last.to !== null)) spans.push({ from: e.at, to: null });
        else if (!isRed && last && last.to === null) last.to = e.at;
      }
      if (red && facts.line.movesInLog.length > 0 && facts.line.clearedAt === null && redSince(h, red.lineId, red.redMinutes, e.at) === null) {
        facts.line.clearedAt = e.at;
      }
      if (e.type === 'WindowOpened' || e.type === 'WindowClosed') {
        const list = facts.duty.get(e.windowNo) ?? [];
        list.push({ seq, staffNo: e.type === 'WindowOpened' ? e.staffNo : null, coveringFor: e.type === 'WindowOpened' ? e.coveringFor : null });
        facts.duty.set(e.windowNo, list);
      } else if (e.type === 'ServiceFinished') {
        facts.finishedBy.set(e.ticketId, { windowNo: e.windowNo, staffNo: h.onDuty.get(e.windowNo) ?? null });
      } else if (e.type === 'ServiceRated' && !facts.ratings.has(e.ticketId)) {
        facts.ratings.set(e.ticketId, e.level);
      } else if (e.type === 'DayStarted') {
        facts.duty.clear();
      }
    },
  };
}
