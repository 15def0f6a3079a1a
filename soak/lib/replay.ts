import type { CallRecord } from '@hall/shared';
import { follow, newHall, policyPick, warningsAt, type HallModel, type OracleWarning, type PolicyHall } from './oracle/hall-policy.js';
import type { LoggedEvent, StoredEvent } from './oracle/log-events.js';

export type { StoredEvent } from './oracle/log-events.js';

/** A moment the soak wants the hall's warnings recomputed at: a red-warning SMS, or one end of a poll. */
export interface Probe {
  at: number;
  /** red warning keys (smsWarningKey) the policy gives at `at` */
  red?: Set<string>;
  /** every warning (kind|level|line|window|ticket) the policy gives at `at` */
  all?: Set<string>;
  /** for an SMS probe: its key, and whether the policy justifies it (red at `at`, or right after an event at `at`) */
  smsKey?: string;
  justified?: boolean;
}

export interface PriorityFinding {
  seq: number;
  windowNo: string;
  called: string;
  expected: string | null;
}

export interface Replay {
  /** every call and recall, as the screens get it (with its sequence number), in log order */
  calls: Array<CallRecord>;
  /** calls by CallNext whose ticket is not the one the documented policy picks from the state before */
  priorityViolations: PriorityFinding[];
  /** calls checked against the policy */
  callsChecked: number;
  /** normal tickets called while a green-channel ticket of the same line waited (allowed by an interleave policy) */
  normalBeforeWaitingPriority: number;
  priorityCalls: number;
  /** red warning keys present right after some committed event: the hub must have raised each */
  redAtEvents: Set<string>;
  /** every key (any level) ever present right after an event, for the report */
  warningsSeen: { yellow: Set<string>; red: Set<string> };
  /** event timestamps that went backwards (a restarted hub's clock must continue, not restart) */
  clockBackwards: number;
  final: HallModel;
}

/** the oracle's warnings, or the hub's (whose kinds also include printers, which no queue policy computes) */
type WarningLike = Pick<OracleWarning, 'level' | 'lineId' | 'windowNo' | 'ticketNumber'> & { kind: string };

/** A warning as the console lists it (GET /api/warnings), minus the minutes that tick. */
export const liveKey = (w: WarningLike) => `${w.kind}|${w.level}|${w.lineId ?? '-'}|${w.windowNo ?? '-'}|${w.ticketNumber ?? '-'}`;

/** A red warning's key in its SMS notice (`<hall>:notice:warning:<this>`), as the notices stream carries it. */
export const smsWarningKey = (day: string, w: WarningLike) => `${day}:${w.kind}:${w.lineId ?? '-'}:${w.windowNo ?? '-'}:${w.ticketNumber ?? '-'}`;

/**
 * Someone following the replay (a scene's check): shown the oracle's hall just before and just after each event
 * of the log. It must not change the hall.
 */
export interface ReplayObserver {
  before?(h: HallModel, seq: number, e: LoggedEvent): void;
  after?(h: HallModel, seq: number, e: LoggedEvent): void;
}

/** Events after which the hub looks for new red warnings (every committed queue event that can change them). */
const QUIET = new Set<LoggedEvent['type']>(['AppointmentBooked', 'RequestHandled', 'DayStarted']);

/**
 * The day replayed from the hub's event log by the soak's own oracle (oracle/hall-policy.ts, written from the
 * documented policy and sharing nothing with the hub's domain): what each call should have been, which red
 * warnings existed after each event, and the warnings at each probe's moment. The probes must be sorted by time.
 */
export function replayDay(events: readonly StoredEvent[], hall: PolicyHall, probes: Probe[], observers: readonly ReplayObserver[] = []): Replay {
  const h = newHall();
  const out: Replay = {
    calls: [],
    priorityViolations: [],
    callsChecked: 0,
    normalBeforeWaitingPriority: 0,
    priorityCalls: 0,
    redAtEvents: new Set(),
    warningsSeen: { yellow: new Set(), red: new Set() },
    clockBackwards: 0,
    final: h,
  };
  const windows = new Map(hall.windows.map((w) => [w.no, w]));
  let p = 0;
  let lastAt = -Infinity;
  const evaluate = (probe: Probe, at: number) => {
    const ws = warningsAt(h, hall, at);
    if (probe.smsKey !== undefined) {
      probe.red = new Set(ws.filter((w) => w.level === 'red').map((w) => smsWarningKey(h.day, w)));
      probe.justified = probe.justified || probe.red.has(probe.smsKey);
    } else probe.all = new Set(ws.map(liveKey));
  };
  for (const { seq, event: e } of events) {
    if (e.at < lastAt) out.clockBackwards += 1;
    lastAt = Math.max(lastAt, e.at);
    for (; p < probes.length && probes[p]!.at < e.at; p++) evaluate(probes[p]!, probes[p]!.at);
    if (e.type === 'TicketCalled') checkCall(h, hall, seq, e, out);
    for (const o of observers) o.before?.(h, seq, e);
    follow(h, e);
    for (const o of observers) o.after?.(h, seq, e);
    if (e.type === 'TicketCalled' || e.type === 'TicketRecalled') {
      const t = h.tickets.get(e.ticketId);
      const w = windows.get(e.windowNo);
      if (t) {
        out.calls.push({
          seq,
          ticket: t.number,
          windowNo: e.windowNo,
          windowName: w?.name ?? e.windowNo,
          zone: w?.zone ?? '',
          lineId: t.lineId,
          recall: e.type === 'TicketRecalled',
          at: new Date(e.at).toISOString(),
        });
      }
    }
    if (QUIET.has(e.type)) continue;
    const ws = warningsAt(h, hall, e.at);
    for (const w of ws) {
      const k = smsWarningKey(h.day, w);
      out.warningsSeen[w.level].add(k);
      if (w.level === 'red') out.redAtEvents.add(k);
    }
    // An SMS written in this event's transaction saw exactly this state.
    for (let q = p; q < probes.length && probes[q]!.at === e.at; q++) {
      const probe = probes[q]!;
      if (probe.smsKey !== undefined && !probe.justified) {
        probe.justified = ws.some((w) => w.level === 'red' && smsWarningKey(h.day, w) === probe.smsKey);
      }
    }
  }
  for (; p < probes.length; p++) evaluate(probes[p]!, probes[p]!.at);
  return out;
}

function checkCall(h: HallModel, hall: PolicyHall, seq: number, e: Extract<LoggedEvent, { type: 'TicketCalled' }>, out: Replay): void {
  const called = h.tickets.get(e.ticketId);
  if (!called) return;
  if (called.kind === 'green') out.priorityCalls += 1;
  else {
    const l = h.lines.get(called.lineId);
    if (l && l.green.some((id) => h.tickets.get(id)?.status === 'waiting')) out.normalBeforeWaitingPriority += 1;
  }
  // A number called by hand (call a number, outOfOrder) or by auto-call is not the policy's pick.
  if (e.outOfOrder || e.auto) return;
  out.callsChecked += 1;
  // CallNext finishes the window's current ticket first; that never changes the waiting lists.
  const expected = policyPick(h, hall, e.windowNo);
  if (expected?.id !== e.ticketId) {
    out.priorityViolations.push({ seq, windowNo: e.windowNo, called: called.number, expected: expected?.number ?? null });
  }
}
