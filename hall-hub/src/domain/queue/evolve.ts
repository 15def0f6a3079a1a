import type { QueueEvent } from './events.js';
import {
  emptyQueueState,
  kindOf,
  lineQueue,
  windowState,
  type QueueState,
  type Ticket,
  type WindowState,
} from './state.js';
import { noteWaiting, settleWaiting } from './waiting-since.js';

const RECENT_SERVICES = 20;

/** Applies one event to the state, in place, and returns it. Deterministic: replay gives the same state. */
export function evolve(state: QueueState, e: QueueEvent): QueueState {
  switch (e.type) {
    case 'DayStarted':
      return startDay(state, e);
    case 'TicketIssued':
      return addTicket(state, e);
    case 'AppointmentBooked': {
      state.appointments.set(e.code, {
        code: e.code,
        lineId: e.lineId,
        day: e.day,
        slotStart: e.slotStart,
        slotEnd: e.slotEnd,
        name: e.name,
        ticketId: state.appointments.get(e.code)?.ticketId ?? null,
      });
      return state;
    }
    case 'WindowOpened': {
      const person = { staffNo: e.staffNo, coveringFor: e.coveringFor, absenceReason: e.absenceReason ?? null };
      // A handover (AB岗) keeps the window as it is — its ticket in hand, its pause — with another person on duty.
      if (windowState(state, e.windowNo).status !== 'closed') return setWindow(state, e.windowNo, e.at, person);
      return setWindow(state, e.windowNo, e.at, { status: 'idle', ...person, pauseReason: null });
    }
    case 'WindowClosed':
      return setWindow(state, e.windowNo, e.at, { status: 'closed', staffNo: null, coveringFor: null, absenceReason: null, pauseReason: null });
    case 'WindowPaused':
      return setWindow(state, e.windowNo, e.at, { status: 'paused', pauseReason: e.reason });
    case 'WindowResumed':
      return setWindow(state, e.windowNo, e.at, { status: 'idle', pauseReason: null });
    case 'WindowLinesAssigned':
      state.assignedLines.set(e.windowNo, e.lines.map((l) => ({ ...l })));
      return state;
    case 'TicketCalled': {
      const t = ticket(state, e.ticketId);
      removeFromLists(state, t);
      const q = lineQueue(state, t.lineId);
      if (!e.outOfOrder) {
        const kind = kindOf(t);
        q.run = q.run.kind === kind ? { kind, count: q.run.count + 1 } : { kind, count: 1 };
      }
      t.status = 'called';
      t.windowNo = e.windowNo;
      t.calledAt = e.at;
      t.reservedWindow = null;
      settleWaiting(state, t.lineId);
      return setWindow(state, e.windowNo, e.at, { status: 'calling', currentTicketId: t.id });
    }
    case 'TicketRecalled': {
      ticket(state, e.ticketId).recallCount += 1;
      return state;
    }
    case 'ServiceStarted': {
      const t = ticket(state, e.ticketId);
      t.status = 'serving';
      t.startedAt = e.at;
      return setWindow(state, e.windowNo, e.at, { status: 'serving' });
    }
    case 'ServiceFinished': {
      const t = ticket(state, e.ticketId);
      t.status = 'done';
      t.startedAt ??= t.calledAt ?? e.at;
      t.finishedAt = e.at;
      const recent = lineQueue(state, t.lineId).recentServiceMs;
      recent.push(e.at - t.startedAt);
      if (recent.length > RECENT_SERVICES) recent.shift();
      return releaseWindow(state, e.windowNo, e.at);
    }
    case 'TicketMissed': {
      const t = ticket(state, e.ticketId);
      t.status = 'no-show';
      t.missedAt = e.at;
      return releaseWindow(state, e.windowNo, e.at);
    }
    case 'TicketReinstated': {
      const t = ticket(state, e.ticketId);
      t.status = 'waiting';
      t.windowNo = null;
      t.missedAt = null;
      lineQueue(state, t.lineId)[e.placement.queue].splice(e.placement.index, 0, t.id);
      noteWaiting(state, t.lineId, t.id, t.issuedAt);
      return state;
    }
    case 'TicketPostponed': {
      const t = ticket(state, e.ticketId);
      const list = lineQueue(state, t.lineId)[e.placement.queue];
      const at = list.indexOf(t.id);
      if (at >= 0) list.splice(at, 1);
      list.splice(e.placement.index, 0, t.id);
      t.postponeCount = (t.postponeCount ?? 0) + 1;
      return state;
    }
    case 'TicketTransferred': {
      const t = ticket(state, e.ticketId);
      t.status = 'waiting';
      t.lineId = e.toLineId;
      t.reservedWindow = e.reservedWindow;
      // The lead window has accepted the joint application (一口受理): where it sends it, anyone there may call.
      if (t.leadDept) t.leadDept = null;
      t.windowNo = null;
      t.transferCount += 1;
      t.calledAt = null;
      t.startedAt = null;
      lineQueue(state, e.toLineId)[e.placement.queue].splice(e.placement.index, 0, t.id);
      noteWaiting(state, e.toLineId, t.id, t.issuedAt);
      return releaseWindow(state, e.fromWindowNo, e.at);
    }
    case 'TicketSuspended': {
      const t = ticket(state, e.ticketId);
      t.status = 'suspended';
      const w = windowState(state, e.windowNo);
      setWindow(state, e.windowNo, e.at, { suspended: [...w.suspended, t.id] });
      return releaseWindow(state, e.windowNo, e.at);
    }
    case 'TicketResumed': {
      const t = ticket(state, e.ticketId);
      t.status = 'serving';
      t.startedAt ??= e.at;
      const w = windowState(state, e.windowNo);
      return setWindow(state, e.windowNo, e.at, {
        status: 'serving',
        currentTicketId: t.id,
        suspended: w.suspended.filter((id) => id !== t.id),
      });
    }
    case 'ServiceRated': {
      ticket(state, e.ticketId).rating = e.level;
      return state;
    }
    case 'RequestHandled': {
      state.requests.set(e.requestId, e.ticketId);
      return state;
    }
    case 'TicketCancelled': {
      const t = ticket(state, e.ticketId);
      removeFromLists(state, t);
      t.status = 'cancelled';
      t.finishedAt = e.at;
      settleWaiting(state, t.lineId);
      return state;
    }
  }
}

function ticket(state: QueueState, id: string): Ticket {
  const t = state.tickets.get(id);
  // An event names a ticket that decide() found; a missing one means the log is corrupt.
  if (!t) throw new Error(`event refers to unknown ticket ${id}`);
  return t;
}

function removeFromLists(state: QueueState, t: Ticket): void {
  const q = state.lines.get(t.lineId);
  if (!q) return;
  for (const list of [q.priority, q.normal]) {
    const i = list.indexOf(t.id);
    if (i >= 0) list.splice(i, 1);
  }
}

function setWindow(state: QueueState, no: string, at: number, patch: Partial<WindowState>): QueueState {
  const w = windowState(state, no);
  const statusChanged = patch.status !== undefined && patch.status !== w.status;
  state.windows.set(no, { ...w, ...patch, since: statusChanged || w.since === 0 ? at : w.since });
  return state;
}

/** The ticket in hand is gone; a paused window stays paused, any other becomes idle. */
function releaseWindow(state: QueueState, no: string, at: number): QueueState {
  const w = windowState(state, no);
  return setWindow(state, no, at, { currentTicketId: null, status: w.status === 'paused' ? 'paused' : 'idle' });
}

function startDay(state: QueueState, e: Extract<QueueEvent, { type: 'DayStarted' }>): QueueState {
  const appointments = state.appointments;
  const fresh = emptyQueueState();
  fresh.day = e.day;
  for (const [code, a] of appointments) if (a.day >= e.day) fresh.appointments.set(code, a);
  return Object.assign(state, fresh);
}

function addTicket(state: QueueState, e: Extract<QueueEvent, { type: 'TicketIssued' }>): QueueState {
  const t: Ticket = {
    ...e.ticket,
    day: state.day ?? '',
    status: 'waiting',
    windowNo: null,
    reservedWindow: null,
    issuedAt: e.at,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    missedAt: null,
    recallCount: 0,
    transferCount: 0,
    rating: null,
  };
  state.tickets.set(t.id, t);
  state.byNumber.set(t.number, t.id);
  const q = lineQueue(state, t.lineId);
  q.issued = Math.max(q.issued, t.serial);
  q[e.placement.queue].splice(e.placement.index, 0, t.id);
  noteWaiting(state, t.lineId, t.id, t.issuedAt);
  if (t.appointmentCode) {
    const a = state.appointments.get(t.appointmentCode);
    if (a) a.ticketId = t.id;
  }
  return state;
}
