import type { HallPhase, LineView, QueueOverview, TicketView, WindowView } from '@hall/shared';
import { hallPhase, ticketingOpen } from '../time/hall-phase.js';
import { hallTime } from '../time/hall-time.js';
import { estimateWaitMinutes, lineCapacity } from './estimate.js';
import { thresholdsFor, type QueueRules } from './rules.js';
import { peopleAhead } from './selection.js';
import { OPEN_STATUSES, windowState, type QueueState, type Ticket } from './state.js';
import { oldestWaitingAt } from './waiting-since.js';
import { servedLines, windowsServing } from './window-lines.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function ticketView(state: QueueState, rules: QueueRules, t: Ticket): TicketView {
  const q = state.lines.get(t.lineId);
  const ahead = t.status === 'waiting' && q ? peopleAhead(state, q, rules.policy.priority, t) : null;
  return {
    id: t.id,
    number: t.number,
    day: t.day,
    lineId: t.lineId,
    lineName: rules.lines.get(t.lineId)?.name ?? t.lineId,
    channel: t.channel,
    priorityGroup: t.priorityGroup,
    appointmentCode: t.appointmentCode,
    idMasked: t.idMasked,
    status: t.status,
    windowNo: t.windowNo,
    issuedAt: new Date(t.issuedAt).toISOString(),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    recallCount: t.recallCount,
    transferCount: t.transferCount,
    peopleAhead: ahead,
    estimatedWaitMinutes: ahead === null ? null : estimateWaitMinutes(state, rules, t.lineId, ahead),
    servingWindows: windowsServing(state, rules, t.lineId)
      .filter((w) => !t.leadDept || rules.windows.get(w.windowNo)?.dept === t.leadDept)
      .map((w) => w.windowNo),
  };
}

export function windowView(state: QueueState, rules: QueueRules, no: string): WindowView {
  const w = windowState(state, no);
  const cfg = rules.windows.get(no);
  const current = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  return {
    no,
    name: cfg?.name ?? no,
    zone: cfg?.zone ?? '',
    status: w.status,
    staffNo: w.staffNo,
    staffName: w.staffNo ? (rules.staff.get(w.staffNo)?.name ?? null) : null,
    coveringFor: w.coveringFor,
    absenceReason: w.absenceReason ?? null,
    pauseReason: w.pauseReason,
    currentTicket: current?.number ?? null,
    currentTicketId: current?.id ?? null,
    suspendedTickets: w.suspended.map((id) => state.tickets.get(id)?.number ?? id),
    since: new Date(w.since || Date.UTC(1970, 0, 1)).toISOString(),
    lines: [...servedLines(state, rules, no)].sort((a, b) => a.order - b.order).map((l) => l.line),
  };
}

/** Whether anybody is still waiting, called or being served: keeps the hall in 延时服务 after closing. */
export function anybodyInHall(state: QueueState): boolean {
  for (const t of state.tickets.values()) if (OPEN_STATUSES.has(t.status) && t.status !== 'suspended') return true;
  return false;
}

export function currentPhase(state: QueueState, rules: QueueRules, now: number): HallPhase {
  const phase = hallPhase(rules.calendar, hallTime(now, rules.timeZone), false);
  // Within opening hours nobody's presence changes the phase: the pass over the day's tickets is needed only
  // outside them, to tell 延时服务 from closed.
  if (phase === 'open' || phase === 'break' || phase === 'cut-off') return phase;
  return anybodyInHall(state) ? 'extended' : phase;
}

export function lineView(state: QueueState, rules: QueueRules, lineId: string, now: number): LineView {
  const cfg = rules.lines.get(lineId);
  const q = state.lines.get(lineId);
  const waiting = q ? q.priority.length + q.normal.length : 0;
  const oldest = oldestWaitingAt(state, lineId);
  const issued = q?.issued ?? 0;
  const cap = cfg?.dailyCap ?? null;
  const estimate = estimateWaitMinutes(state, rules, lineId, waiting);
  // 等候较多: someone taking a ticket now would likely wait past the line's red threshold.
  const overloaded = waiting > 0 && estimate !== null && estimate >= thresholdsFor(rules, lineId).waitRedMinutes;
  return {
    id: lineId,
    prefix: cfg?.prefix ?? '',
    name: cfg?.name ?? lineId,
    nameEn: cfg?.nameEn ?? null,
    waiting,
    waitingPriority: q?.priority.length ?? 0,
    issuedToday: issued,
    dailyCap: cap,
    longestWaitMinutes: oldest === null ? null : Math.floor((now - oldest) / 60_000),
    estimatedWaitMinutes: estimate,
    ...(overloaded ? { overloadMinutes: estimate } : {}),
    openWindows: lineCapacity(state, rules, lineId).open,
    ticketing:
      ticketingOpen(rules.calendar, hallTime(now, rules.timeZone), cfg?.hours) && issued < (cap ?? 999),
  };
}

export function queueOverview(state: QueueState, rules: QueueRules, hallId: string, now: number): QueueOverview {
  return {
    hallId,
    day: state.day ?? hallTime(now, rules.timeZone).day,
    phase: currentPhase(state, rules, now),
    now: new Date(now).toISOString(),
    lines: [...rules.lines.keys()].map((id) => lineView(state, rules, id, now)),
    windows: [...rules.windows.keys()].map((no) => windowView(state, rules, no)),
  };
}
