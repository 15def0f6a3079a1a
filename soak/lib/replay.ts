import type { CallRecord, Warning } from '../../shared/src/index.js';
import type { QueueEvent } from '../../hall-hub/src/domain/queue/events.js';
import { evolve } from '../../hall-hub/src/domain/queue/evolve.js';
import type { QueueRules } from '../../hall-hub/src/domain/queue/rules.js';
import { pickNext } from '../../hall-hub/src/domain/queue/selection.js';
import { emptyQueueState, type QueueState } from '../../hall-hub/src/domain/queue/state.js';
import { currentWarnings } from '../../hall-hub/src/domain/queue/warnings.js';
import { callRecord } from '../../hall-hub/src/domain/queue/wire.js';
import { warningKey } from '../../hall-hub/src/domain/uplink/notices.js';

export interface StoredEvent {
  seq: number;
  event: QueueEvent;
}

/** A moment the soak wants the hall's warnings recomputed at: a red-warning SMS, or one end of a poll. */
export interface Probe {
  at: number;
  /** red warning keys (warningKey) the hub's rules give at `at` */
  red?: Set<string>;
  /** every warning (kind|level|line|window|ticket) the hub's rules give at `at` */
  all?: Set<string>;
  /** for an SMS probe: its key, and whether the rules justify it (red at `at`, or right after an event at `at`) */
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
  /** calls by CallNext whose ticket is not the one the hub's own selection rules pick from the state before */
  priorityViolations: PriorityFinding[];
  /** calls checked against the selection rules */
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
  final: QueueState;
}

export const liveKey = (w: Warning) => `${w.kind}|${w.level}|${w.lineId ?? '-'}|${w.windowNo ?? '-'}|${w.ticketNumber ?? '-'}`;

/**
 * The day replayed from the hub's event log with the hub's own pure rules (evolve, pickNext, currentWarnings):
 * what each call should have been, which red warnings existed after each event, and the warnings at each
 * probe's moment. The probes must be sorted by time.
 */
export function replayDay(events: readonly StoredEvent[], rules: QueueRules, probes: Probe[]): Replay {
  let state = emptyQueueState();
  const out: Replay = {
    calls: [],
    priorityViolations: [],
    callsChecked: 0,
    normalBeforeWaitingPriority: 0,
    priorityCalls: 0,
    redAtEvents: new Set(),
    warningsSeen: { yellow: new Set(), red: new Set() },
    clockBackwards: 0,
    final: state,
  };
  let p = 0;
  let lastAt = -Infinity;
  const evaluate = (probe: Probe, at: number) => {
    const ws = currentWarnings(state, rules, at);
    const day = state.day ?? '';
    if (probe.smsKey !== undefined) {
      probe.red = new Set(ws.filter((w) => w.level === 'red').map((w) => warningKey(day, w)));
      probe.justified = probe.justified || probe.red.has(probe.smsKey);
    } else probe.all = new Set(ws.map(liveKey));
  };
  for (const { seq, event: e } of events) {
    if (e.at < lastAt) out.clockBackwards += 1;
    lastAt = Math.max(lastAt, e.at);
    for (; p < probes.length && probes[p]!.at < e.at; p++) evaluate(probes[p]!, probes[p]!.at);
    if (e.type === 'TicketCalled') checkCall(state, rules, seq, e, out);
    state = evolve(state, e);
    if (e.type === 'TicketCalled' || e.type === 'TicketRecalled') {
      const t = state.tickets.get(e.ticketId);
      if (t) out.calls.push(callRecord(rules, seq, e.windowNo, t, e.type === 'TicketRecalled', e.at));
    }
    // The hub looks for new red warnings after every committed queue event (app/phone-notices.ts).
    if (e.type === 'AppointmentBooked' || e.type === 'RequestHandled' || e.type === 'DayStarted') continue;
    const ws = currentWarnings(state, rules, e.at);
    const day = state.day ?? '';
    for (const w of ws) {
      const k = warningKey(day, w);
      out.warningsSeen[w.level].add(k);
      if (w.level === 'red') out.redAtEvents.add(k);
    }
    // An SMS written in this event's transaction saw exactly this state.
    for (let q = p; q < probes.length && probes[q]!.at === e.at; q++) {
      const probe = probes[q]!;
      if (probe.smsKey !== undefined && !probe.justified) {
        probe.justified = ws.some((w) => w.level === 'red' && warningKey(day, w) === probe.smsKey);
      }
    }
  }
  for (; p < probes.length; p++) evaluate(probes[p]!, probes[p]!.at);
  out.final = state;
  return out;
}

function checkCall(state: QueueState, rules: QueueRules, seq: number, e: Extract<QueueEvent, { type: 'TicketCalled' }>, out: Replay): void {
  const called = state.tickets.get(e.ticketId);
  if (!called) return;
  if (called.priorityGroup !== null) out.priorityCalls += 1;
  else {
    const q = state.lines.get(called.lineId);
    if (q && q.priority.some((id) => state.tickets.get(id)?.status === 'waiting')) out.normalBeforeWaitingPriority += 1;
  }
  // A number called by hand (call a number, outOfOrder) or by auto-call is not the policy's pick.
  if (e.outOfOrder || e.auto) return;
  out.callsChecked += 1;
  // CallNext finishes the window's current ticket first; that never changes the waiting lists.
  const expected = pickNext(state, rules, e.windowNo);
  if (expected?.id !== e.ticketId) {
    out.priorityViolations.push({ seq, windowNo: e.windowNo, called: called.number, expected: expected?.number ?? null });
  }
}
