import type { LoggedEvent } from './log-events.js';

/**
 * The soak's own model of the hall, written from the documented policy (docs/soak-oracle.md) and nothing of the
 * hub's: it shares no code with hall-hub/src/domain, so a mistake in the hub's rules is a disagreement here, not
 * an agreement. It follows the event log (what happened) and says what the policy wanted to happen.
 */

/** The parts of the hall configuration the policy reads (a parsed hall.json fits). */
export interface PolicyHall {
  windows: ReadonlyArray<{ no: string; name: string; zone: string; lines: ReadonlyArray<{ line: string; order: number }> }>;
  lines: ReadonlyArray<{ id: string; warnings?: Partial<Thresholds> | undefined }>;
  warnings: Thresholds;
  policy: { priority: { mode: 'strict' } | { mode: 'interleave'; priority: number; normal: number } };
}

export interface Thresholds {
  waitYellowMinutes: number;
  waitRedMinutes: number;
  serviceYellowMinutes: number;
  serviceRedMinutes: number;
  idleWithQueueMinutes: number;
}

export type Kind = 'green' | 'other';

export interface HallTicket {
  id: string;
  number: string;
  serial: number;
  lineId: string;
  kind: Kind;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'suspended' | 'cancelled';
  windowNo: string | null;
  /** a transfer to a named window: only that window may call it */
  reservedWindow: string | null;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
}

interface LineLists {
  green: string[];
  other: string[];
  /** consecutive in-order calls of one kind, the interleave's memory; a fresh line starts as if after others */
  run: { kind: Kind; count: number };
}

export interface HallWindow {
  status: 'closed' | 'idle' | 'calling' | 'serving' | 'paused';
  /** when the window entered its status */
  since: number;
}

export interface HallModel {
  day: string;
  tickets: Map<string, HallTicket>;
  lines: Map<string, LineLists>;
  windows: Map<string, HallWindow>;
  /** 弹性窗口: a window's lines as last assigned today (the configuration's until then) */
  assigned: Map<string, ReadonlyArray<{ line: string; order: number }>>;
  /** who is on duty at each open window (AB岗: the B post while covering) */
  onDuty: Map<string, string>;
}

export interface OracleWarning {
  kind: 'long-wait' | 'long-service' | 'idle-window';
  level: 'yellow' | 'red';
  lineId: string | null;
  windowNo: string | null;
  ticketNumber: string | null;
}

export const newHall = (): HallModel => ({ day: '', tickets: new Map(), lines: new Map(), windows: new Map(), assigned: new Map(), onDuty: new Map() });

/** The lines a window serves now: as assigned today, else as the hall configuration says. */
export function servedBy(h: HallModel, hall: PolicyHall, windowNo: string): ReadonlyArray<{ line: string; order: number }> {
  return h.assigned.get(windowNo) ?? hall.windows.find((x) => x.no === windowNo)?.lines ?? [];
}

function lists(h: HallModel, lineId: string): LineLists {
  let l = h.lines.get(lineId);
  if (!l) h.lines.set(lineId, (l = { green: [], other: [], run: { kind: 'other', count: 0 } }));
  return l;
}

const listOf = (l: LineLists, q: 'priority' | 'normal') => (q === 'priority' ? l.green : l.other);

function take(h: HallModel, t: HallTicket): void {
  const l = h.lines.get(t.lineId);
  if (!l) return;
  l.green = l.green.filter((id) => id !== t.id);
  l.other = l.other.filter((id) => id !== t.id);
}

function setStatus(h: HallModel, windowNo: string, status: HallWindow['status'], at: number): void {
  const w = h.windows.get(windowNo);
  if (!w || w.status !== status) h.windows.set(windowNo, { status, since: at });
}

/** The ticket in hand is gone: the window is free again, unless it was paused meanwhile. */
function release(h: HallModel, windowNo: string, at: number): void {
  if (h.windows.get(windowNo)?.status !== 'paused') setStatus(h, windowNo, 'idle', at);
}

function ticketOf(h: HallModel, id: string): HallTicket {
  const t = h.tickets.get(id);
  if (!t) throw new Error(`the log names ticket ${id} before issuing it`);
  return t;
}

/** Follows one logged event. */
export function follow(h: HallModel, e: LoggedEvent): void {
  switch (e.type) {
    case 'DayStarted':
      // A new business day: yesterday's queue and windows are gone.
      Object.assign(h, newHall(), { day: e.day });
      return;
    case 'TicketIssued': {
      const t: HallTicket = {
        id: e.ticket.id,
        number: e.ticket.number,
        serial: e.ticket.serial,
        lineId: e.ticket.lineId,
        kind: e.ticket.priorityGroup !== null ? 'green' : 'other',
        status: 'waiting',
        windowNo: null,
        reservedWindow: null,
        issuedAt: e.at,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
      };
      h.tickets.set(t.id, t);
      listOf(lists(h, t.lineId), e.placement.queue).splice(e.placement.index, 0, t.id);
      return;
    }
    case 'WindowOpened': {
      h.onDuty.set(e.windowNo, e.staffNo);
      // A handover (the B post taking over, or handing back) leaves the window as it is, with another person.
      const status = h.windows.get(e.windowNo)?.status ?? 'closed';
      return status === 'closed' ? setStatus(h, e.windowNo, 'idle', e.at) : undefined;
    }
    case 'WindowResumed':
      return setStatus(h, e.windowNo, 'idle', e.at);
    case 'WindowClosed':
      h.onDuty.delete(e.windowNo);
      return setStatus(h, e.windowNo, 'closed', e.at);
    case 'WindowLinesAssigned':
      h.assigned.set(e.windowNo, e.lines.map((l) => ({ line: l.line, order: l.order })));
      return;
    case 'WindowPaused':
      return setStatus(h, e.windowNo, 'paused', e.at);
    case 'TicketCalled': {
      const t = ticketOf(h, e.ticketId);
      take(h, t);
      // Only calls in the policy's order count in the run (a number called by hand does not).
      if (!e.outOfOrder) {
        const l = lists(h, t.lineId);
        l.run = l.run.kind === t.kind ? { kind: t.kind, count: l.run.count + 1 } : { kind: t.kind, count: 1 };
      }
      Object.assign(t, { status: 'called', windowNo: e.windowNo, calledAt: e.at, reservedWindow: null });
      return setStatus(h, e.windowNo, 'calling', e.at);
    }
    case 'ServiceStarted': {
      Object.assign(ticketOf(h, e.ticketId), { status: 'serving', startedAt: e.at });
      return setStatus(h, e.windowNo, 'serving', e.at);
    }
    case 'ServiceFinished': {
      const t = ticketOf(h, e.ticketId);
      Object.assign(t, { status: 'done', startedAt: t.startedAt ?? t.calledAt ?? e.at, finishedAt: e.at });
      return release(h, e.windowNo, e.at);
    }
    case 'TicketMissed':
      ticketOf(h, e.ticketId).status = 'no-show';
      return release(h, e.windowNo, e.at);
    case 'TicketSuspended':
      ticketOf(h, e.ticketId).status = 'suspended';
      return release(h, e.windowNo, e.at);
    case 'TicketResumed': {
      const t = ticketOf(h, e.ticketId);
      Object.assign(t, { status: 'serving', startedAt: t.startedAt ?? e.at });
      return setStatus(h, e.windowNo, 'serving', e.at);
    }
    case 'TicketReinstated': {
      const t = ticketOf(h, e.ticketId);
      Object.assign(t, { status: 'waiting', windowNo: null });
      listOf(lists(h, t.lineId), e.placement.queue).splice(e.placement.index, 0, t.id);
      return;
    }
    case 'TicketPostponed': {
      const t = ticketOf(h, e.ticketId);
      take(h, t);
      listOf(lists(h, t.lineId), e.placement.queue).splice(e.placement.index, 0, t.id);
      return;
    }
    case 'TicketTransferred': {
      const t = ticketOf(h, e.ticketId);
      Object.assign(t, { status: 'waiting', lineId: e.toLineId, reservedWindow: e.reservedWindow, windowNo: null, calledAt: null, startedAt: null });
      listOf(lists(h, t.lineId), e.placement.queue).splice(e.placement.index, 0, t.id);
      return release(h, e.fromWindowNo, e.at);
    }
    case 'TicketCancelled': {
      const t = ticketOf(h, e.ticketId);
      take(h, t);
      Object.assign(t, { status: 'cancelled', finishedAt: e.at });
      return;
    }
    default:
      return;
  }
}

/** Which kind the line's policy calls now, when both kinds wait. */
function kindDue(run: LineLists['run'], policy: PolicyHall['policy']['priority']): Kind {
  if (policy.mode === 'strict') return 'green';
  // P green calls, then N others, and so on: after P greens in a row an other is due, after N others a green.
  if (run.kind === 'green') return run.count >= policy.priority ? 'other' : 'green';
  return run.count === 0 || run.count >= policy.normal ? 'green' : 'other';
}

/** The ticket the documented policy calls next at a window, or null. */
export function policyPick(h: HallModel, hall: PolicyHall, windowNo: string): HallTicket | null {
  if (!hall.windows.some((x) => x.no === windowNo)) return null;
  const w = { lines: servedBy(h, hall, windowNo) };
  const callable = (ids: readonly string[]) =>
    ids.map((id) => h.tickets.get(id)).find((t): t is HallTicket => t !== undefined && (t.reservedWindow === null || t.reservedWindow === windowNo)) ?? null;
  // Lower order first; a higher order only when no line of a lower one has anybody this window may call.
  for (const order of [...new Set(w.lines.map((l) => l.order))].sort((a, b) => a - b)) {
    const picks: HallTicket[] = [];
    for (const { line } of w.lines.filter((l) => l.order === order)) {
      const l = h.lines.get(line);
      if (!l) continue;
      const green = callable(l.green);
      const other = callable(l.other);
      const pick = green && other ? (kindDue(l.run, hall.policy.priority) === 'green' ? green : other) : (green ?? other);
      if (pick) picks.push(pick);
    }
    // Lines of one order share: a green-channel pick first, then the ticket issued first.
    picks.sort((a, b) => (a.kind === b.kind ? a.issuedAt - b.issuedAt || a.serial - b.serial : a.kind === 'green' ? -1 : 1));
    if (picks[0]) return picks[0];
  }
  return null;
}

function thresholds(hall: PolicyHall, lineId: string): Thresholds {
  return { ...hall.warnings, ...(hall.lines.find((l) => l.id === lineId)?.warnings ?? {}) };
}

const wholeMinutes = (now: number, since: number) => Math.floor((now - since) / 60_000);

/**
 * 红黄灯预警 at `now`: a waiting visitor (since issue) or a service (since it started) past the line's yellow or
 * red minutes; an idle window while somebody it would call waits, for the idle minutes (yellow) or twice
 * them (red), counted from the later of the window going idle and that visitor's ticket.
 */
export function warningsAt(h: HallModel, hall: PolicyHall, now: number): OracleWarning[] {
  const out: OracleWarning[] = [];
  const grade = (m: number, yellow: number, red: number) => (m >= red ? 'red' : m >= yellow ? 'yellow' : null);
  for (const t of h.tickets.values()) {
    const th = thresholds(hall, t.lineId);
    if (t.status === 'waiting') {
      const level = grade(wholeMinutes(now, t.issuedAt), th.waitYellowMinutes, th.waitRedMinutes);
      if (level) out.push({ kind: 'long-wait', level, lineId: t.lineId, windowNo: null, ticketNumber: t.number });
    } else if (t.status === 'serving' && t.startedAt !== null) {
      const level = grade(wholeMinutes(now, t.startedAt), th.serviceYellowMinutes, th.serviceRedMinutes);
      if (level) out.push({ kind: 'long-service', level, lineId: t.lineId, windowNo: t.windowNo, ticketNumber: t.number });
    }
  }
  for (const [no, w] of h.windows) {
    if (w.status !== 'idle') continue;
    const next = policyPick(h, hall, no);
    if (!next) continue;
    const idle = thresholds(hall, next.lineId).idleWithQueueMinutes;
    const m = wholeMinutes(now, Math.max(w.since, next.issuedAt));
    if (m >= idle) out.push({ kind: 'idle-window', level: m >= idle * 2 ? 'red' : 'yellow', lineId: next.lineId, windowNo: no, ticketNumber: null });
  }
  return out;
}
