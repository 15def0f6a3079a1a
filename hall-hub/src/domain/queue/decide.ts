import { hallTime } from '../time/hall-time.js';
import type { QueueCommand } from './commands.js';
import type { QueueEvent } from './events.js';
import { accept, no, type DecideContext, type Decision } from './decision.js';
import { bookAppointment, checkIn, issueTicket } from './decide-issue.js';
import { refuse } from './refusals.js';
import { mayCallHere, pickNext } from './selection.js';
import { assignWindowLines, servedLines, windowsServing } from './window-lines.js';
import { OPEN_STATUSES, kindOf, windowState, type QueueState, type Ticket, type WindowState } from './state.js';

export type { DecideContext, Decision } from './decision.js';

/** The queue's decisions: given the state and a command, the events that follow — or why not. Pure. */
export function decide(state: QueueState, cmd: QueueCommand, ctx: DecideContext): Decision {
  const today = hallTime(ctx.now, ctx.rules.timeZone).day;
  if (cmd.type === 'StartDay') return startDay(state, today, ctx.now);
  if (state.day !== today) return no(refuse('day_not_started'));
  const requestId = 'requestId' in cmd ? cmd.requestId : undefined;
  if (requestId !== undefined && state.requests.has(requestId)) {
    return { ok: true, events: [], ticketId: state.requests.get(requestId) ?? null, duplicate: true };
  }
  // After its deadline the device has shown "no answer": applying it now would serve a press nobody awaits.
  if (cmd.notAfter !== undefined && ctx.now > cmd.notAfter) return no(refuse('request_expired', { lateByMs: ctx.now - cmd.notAfter }));
  const d = decideCommand(state, cmd, ctx, today);
  if (!d.ok || requestId === undefined || d.events.length === 0) return d;
  return { ...d, events: [...d.events, { type: 'RequestHandled', at: ctx.now, requestId, ticketId: d.ticketId }] };
}

function decideCommand(state: QueueState, cmd: Exclude<QueueCommand, { type: 'StartDay' }>, ctx: DecideContext, today: string): Decision {
  switch (cmd.type) {
    case 'IssueTicket':
      return issueTicket(state, cmd, ctx, today);
    case 'BookAppointment':
      return bookAppointment(cmd, ctx);
    case 'CheckInAppointment':
      return checkIn(state, cmd, ctx, today);
    case 'OpenWindow':
      return openWindow(state, cmd, ctx);
    case 'HandBackWindow':
      return withWindow(state, ctx, cmd.windowNo, (w) => handBack(state, ctx, w));
    case 'CloseWindow':
      return withWindow(state, ctx, cmd.windowNo, (w) => {
        if (w.status === 'closed') return accept([]);
        if (w.currentTicketId) return no(refuse('window_busy'));
        return accept([{ type: 'WindowClosed', at: ctx.now, windowNo: w.no }]);
      });
    case 'CallNext':
      return call(state, ctx, cmd.windowNo, null);
    case 'CallTicket':
      return call(state, ctx, cmd.windowNo, cmd.ticketId);
    case 'AutoCallOne':
      return autoCallOne(state, ctx);
    case 'Recall':
      return withCurrent(state, ctx, cmd.windowNo, (w, t) =>
        t.status !== 'called'
          ? no(refuse('not_called'))
          : accept([{ type: 'TicketRecalled', at: ctx.now, ticketId: t.id, windowNo: w.no }], t.id),
      );
    case 'StartService':
      return withCurrent(state, ctx, cmd.windowNo, (w, t) =>
        t.status === 'serving'
          ? accept([], t.id)
          : accept([{ type: 'ServiceStarted', at: ctx.now, ticketId: t.id, windowNo: w.no }], t.id),
      );
    case 'FinishService':
      return withCurrent(state, ctx, cmd.windowNo, (w, t) =>
        accept([{ type: 'ServiceFinished', at: ctx.now, ticketId: t.id, windowNo: w.no }], t.id),
      );
    case 'MarkNoShow':
      return withCurrent(state, ctx, cmd.windowNo, (w, t) =>
        t.status !== 'called'
          ? no(refuse('not_called'))
          : accept([{ type: 'TicketMissed', at: ctx.now, ticketId: t.id, windowNo: w.no }], t.id),
      );
    case 'ReinstateTicket':
      return reinstate(state, cmd.ticketId, ctx);
    case 'PostponeTicket':
      return postpone(state, cmd.ticketId, ctx);
    case 'TransferTicket':
      return transfer(state, cmd, ctx);
    case 'SuspendTicket':
      return withCurrent(state, ctx, cmd.windowNo, (w, t) =>
        accept([{ type: 'TicketSuspended', at: ctx.now, ticketId: t.id, windowNo: w.no }], t.id),
      );
    case 'ResumeTicket':
      return withWindow(state, ctx, cmd.windowNo, (w) => {
        const ticketId = cmd.ticketId ?? w.suspended.at(-1);
        if (ticketId === undefined) return no(refuse('nothing_suspended'));
        if (!w.suspended.includes(ticketId)) return no(refuse('ticket_not_suspended_here'));
        if (w.currentTicketId) return no(refuse('window_busy'));
        return accept([{ type: 'TicketResumed', at: ctx.now, ticketId, windowNo: w.no }], ticketId);
      });
    case 'PauseWindow':
      return withWindow(state, ctx, cmd.windowNo, (w) => {
        if (w.status === 'closed') return no(refuse('window_closed'));
        if (w.currentTicketId) return no(refuse('window_busy'));
        return accept([{ type: 'WindowPaused', at: ctx.now, windowNo: w.no, reason: cmd.reason }]);
      });
    case 'ResumeWindow':
      return withWindow(state, ctx, cmd.windowNo, (w) => {
        if (w.status === 'closed') return no(refuse('window_closed'));
        if (w.status !== 'paused') return accept([]);
        return accept([{ type: 'WindowResumed', at: ctx.now, windowNo: w.no }]);
      });
    case 'AssignWindowLines':
      return assignWindowLines(state, cmd, ctx);
    case 'CancelTicket': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) return no(refuse('unknown_ticket'));
      if (t.status !== 'waiting' && t.status !== 'no-show') return no(refuse('ticket_not_cancellable'));
      return accept([{ type: 'TicketCancelled', at: ctx.now, ticketId: t.id, reason: cmd.reason }], t.id);
    }
    case 'RateService':
      return rate(state, cmd, ctx);
  }
}

function startDay(state: QueueState, today: string, now: number): Decision {
  if (state.day === today) return accept([]);
  const expired = [...state.tickets.values()].filter((t) => OPEN_STATUSES.has(t.status)).map((t) => t.id);
  return accept([{ type: 'DayStarted', at: now, day: today, expired }]);
}

function openWindow(state: QueueState, cmd: Extract<QueueCommand, { type: 'OpenWindow' }>, ctx: DecideContext): Decision {
  if (!ctx.rules.windows.has(cmd.windowNo)) return no(refuse('unknown_window', { windowNo: cmd.windowNo }));
  const staff = ctx.rules.staff.get(cmd.staffNo);
  if (!staff) return no(refuse('unknown_staff', { staffNo: cmd.staffNo }));
  const w = windowState(state, cmd.windowNo);
  if (w.status !== 'closed' && w.staffNo === cmd.staffNo) return accept([]);
  // The A post back at the window their B post covers: the one action that hands it back.
  if (w.status !== 'closed' && w.coveringFor === cmd.staffNo) return handBack(state, ctx, w);
  for (const other of state.windows.values()) {
    if (other.staffNo === cmd.staffNo && other.status !== 'closed') {
      return no(refuse('staff_elsewhere', { windowNo: other.no }));
    }
  }
  if (w.status !== 'closed') {
    // AB岗: the B post signs in at the A post's open window and becomes the person on duty there.
    const onDuty = w.staffNo ? ctx.rules.staff.get(w.staffNo) : undefined;
    if (onDuty?.partner !== staff.no || w.coveringFor !== null) return no(refuse('window_taken', { staffNo: w.staffNo }));
    return accept([
      { type: 'WindowOpened', at: ctx.now, windowNo: w.no, staffNo: staff.no, coveringFor: onDuty.no, absenceReason: cmd.absenceReason ?? null },
    ]);
  }
  let coveringFor: string | null = null;
  if (!staff.windows.includes(cmd.windowNo)) {
    // AB岗: a B post may open the windows of the colleagues it backs up.
    const covered = [...ctx.rules.staff.values()].find(
      (s) => s.partner === staff.no && s.windows.includes(cmd.windowNo),
    );
    if (!covered) return no(refuse('staff_not_allowed'));
    coveringFor = covered.no;
  }
  return accept([{ type: 'WindowOpened', at: ctx.now, windowNo: cmd.windowNo, staffNo: staff.no, coveringFor }]);
}

/** AB岗 hand-back: the A post the window's B post covers for is on duty again; refused if they are at another window. */
function handBack(state: QueueState, ctx: DecideContext, w: WindowState): Decision {
  const a = w.coveringFor;
  if (w.status === 'closed' || a === null) return no(refuse('not_covering'));
  for (const other of state.windows.values()) {
    if (other.no !== w.no && other.staffNo === a && other.status !== 'closed') return no(refuse('staff_elsewhere', { windowNo: other.no }));
  }
  return accept([{ type: 'WindowOpened', at: ctx.now, windowNo: w.no, staffNo: a, coveringFor: null, absenceReason: null }]);
}

function withWindow(
  state: QueueState,
  ctx: DecideContext,
  windowNo: string,
  f: (w: WindowState) => Decision,
): Decision {
  if (!ctx.rules.windows.has(windowNo)) return no(refuse('unknown_window', { windowNo }));
  return f(windowState(state, windowNo));
}

function withCurrent(
  state: QueueState,
  ctx: DecideContext,
  windowNo: string,
  f: (w: WindowState, t: Ticket) => Decision,
): Decision {
  return withWindow(state, ctx, windowNo, (w) => {
    if (w.status === 'closed') return no(refuse('window_closed'));
    const t = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    return t ? f(w, t) : no(refuse('no_current_ticket'));
  });
}

/**
 * Call next (ticketId null) or a named ticket. A ticket still in hand is finished first: a caller keypad's
 * "next" key means "done with this one, next please".
 */
function call(
  state: QueueState,
  ctx: DecideContext,
  windowNo: string,
  ticketId: string | null,
): Decision {
  return withWindow(state, ctx, windowNo, (w) => {
    if (w.status === 'closed') return no(refuse('window_closed'));
    if (w.status === 'paused') return no(refuse('window_paused'));
    let target: Ticket | null;
    if (ticketId === null) {
      target = pickNext(state, ctx.rules, w.no);
    } else {
      target = state.tickets.get(ticketId) ?? null;
      if (!target) return no(refuse('unknown_ticket'));
      if (target.status === 'suspended') return callSuspended(ctx, w, target);
      if (target.status !== 'waiting') return no(refuse('ticket_not_waiting', { status: target.status }));
      const served = servedLines(state, ctx.rules, w.no).some((l) => l.line === target?.lineId);
      if (!served || !mayCallHere(target, w.no, ctx.rules.windows.get(w.no)?.dept)) {
        return no(refuse('ticket_not_for_window'));
      }
    }
    const events: QueueEvent[] = [];
    if (w.currentTicketId) {
      events.push({ type: 'ServiceFinished', at: ctx.now, ticketId: w.currentTicketId, windowNo: w.no });
    }
    if (target) {
      events.push({
        type: 'TicketCalled',
        at: ctx.now,
        ticketId: target.id,
        windowNo: w.no,
        outOfOrder: ticketId !== null,
        auto: false,
      });
    }
    return accept(events, target?.id ?? null);
  });
}

/**
 * Calling a ticket suspended at this window by its number takes it back (挂起 → 恢复): the visitor it belongs to
 * is already known to the window. A ticket still in hand is finished first, as with any call.
 */
function callSuspended(ctx: DecideContext, w: WindowState, t: Ticket): Decision {
  if (!w.suspended.includes(t.id)) return no(refuse('ticket_not_suspended_here'));
  const events: QueueEvent[] = [];
  if (w.currentTicketId) events.push({ type: 'ServiceFinished', at: ctx.now, ticketId: w.currentTicketId, windowNo: w.no });
  events.push({ type: 'TicketResumed', at: ctx.now, ticketId: t.id, windowNo: w.no });
  return accept(events, t.id);
}

/** With auto-call on: the window idle longest that has somebody to call calls them. */
function autoCallOne(state: QueueState, ctx: DecideContext): Decision {
  if (!ctx.rules.policy.autoCall) return accept([]);
  const idle = [...state.windows.values()]
    .filter((w) => w.status === 'idle' && !w.currentTicketId)
    .sort((a, b) => a.since - b.since || a.no.localeCompare(b.no));
  for (const w of idle) {
    const t = pickNext(state, ctx.rules, w.no);
    if (t) {
      return accept(
        [{ type: 'TicketCalled', at: ctx.now, ticketId: t.id, windowNo: w.no, outOfOrder: false, auto: true }],
        t.id,
      );
    }
  }
  return accept([]);
}

function reinstate(state: QueueState, ticketId: string, ctx: DecideContext): Decision {
  const t = state.tickets.get(ticketId);
  if (!t) return no(refuse('unknown_ticket'));
  if (t.status !== 'no-show' || t.missedAt === null) return no(refuse('ticket_not_missed'));
  const { reinstateMinutes, rejoinAfter } = ctx.rules.policy.noShow;
  if (ctx.now - t.missedAt > reinstateMinutes * 60_000) return no(refuse('reinstate_expired', { reinstateMinutes }));
  const q = state.lines.get(t.lineId);
  const queue = kindOf(t);
  const length = q ? q[queue].length : 0;
  return accept(
    [{ type: 'TicketReinstated', at: ctx.now, ticketId: t.id, placement: { queue, index: Math.min(rejoinAfter, length) } }],
    t.id,
  );
}

/**
 * "I am stepping out": a waiting visitor asks for more time. The ticket moves back as a reinstated no-show
 * would go in — behind the next `rejoinAfter` waiting — at most `stepOutLimit` times; the visitors it lets
 * pass lose nothing. If they are still away when called, the no-show rule takes over.
 */
function postpone(state: QueueState, ticketId: string, ctx: DecideContext): Decision {
  const t = state.tickets.get(ticketId);
  if (!t) return no(refuse('unknown_ticket'));
  if (t.status !== 'waiting') return no(refuse('ticket_not_waiting'));
  const { rejoinAfter, stepOutLimit } = ctx.rules.policy.noShow;
  if ((t.postponeCount ?? 0) >= stepOutLimit) return no(refuse('step_out_limit', { stepOutLimit }));
  const queue = kindOf(t);
  const list = state.lines.get(t.lineId)?.[queue] ?? [];
  const at = list.indexOf(t.id);
  // Index in the list without this ticket: it goes in after the next `rejoinAfter` behind it.
  const index = Math.min(at + rejoinAfter, list.length - 1);
  return accept([{ type: 'TicketPostponed', at: ctx.now, ticketId: t.id, placement: { queue, index } }], t.id);
}

function transfer(state: QueueState, cmd: Extract<QueueCommand, { type: 'TransferTicket' }>, ctx: DecideContext): Decision {
  return withCurrent(state, ctx, cmd.windowNo, (w, t) => {
    let toLineId = cmd.toLineId;
    let reservedWindow: string | null = null;
    if (cmd.toWindowNo !== undefined) {
      const target = ctx.rules.windows.get(cmd.toWindowNo);
      if (!target) return no(refuse('unknown_window', { windowNo: cmd.toWindowNo }));
      reservedWindow = target.no;
      const targetLines = servedLines(state, ctx.rules, target.no);
      if (toLineId === undefined) {
        const own = targetLines.find((l) => l.line === t.lineId);
        toLineId = own ? own.line : [...targetLines].sort((a, b) => a.order - b.order)[0]?.line;
      }
    }
    if (toLineId === undefined && cmd.toWindowNo === undefined) {
      const choice = hubsTransferChoice(state, ctx, w.no, t);
      toLineId = choice.lineId;
      reservedWindow = choice.windowNo;
    }
    if (toLineId === undefined) return no(refuse('transfer_target_missing'));
    if (!ctx.rules.lines.has(toLineId)) return no(refuse('unknown_line', { lineId: toLineId }));
    const queue = kindOf(t);
    const list = state.lines.get(toLineId)?.[queue] ?? [];
    const mode = cmd.placement ?? ctx.rules.policy.transferPlacement;
    let index = mode === 'front' ? 0 : list.length;
    if (mode === 'keep') {
      index = list.findIndex((id) => (state.tickets.get(id)?.issuedAt ?? 0) > t.issuedAt);
      if (index < 0) index = list.length;
    }
    return accept(
      [{ type: 'TicketTransferred', at: ctx.now, ticketId: t.id, fromWindowNo: w.no, toLineId, reservedWindow, placement: { queue, index } }],
      t.id,
    );
  });
}

/**
 * A transfer with no target ("the hub's choice", a keypad's transfer key without a number): the open window
 * other than this one that serves the ticket's line and has the fewest tickets reserved for it (ties: idle
 * longest, then the lowest number) gets it reserved; with no such window it goes back to its line for anyone.
 */
function hubsTransferChoice(state: QueueState, ctx: DecideContext, fromWindowNo: string, t: Ticket): { lineId: string; windowNo: string | null } {
  const reserved = new Map<string, number>();
  for (const id of [...(state.lines.get(t.lineId)?.priority ?? []), ...(state.lines.get(t.lineId)?.normal ?? [])]) {
    const r = state.tickets.get(id)?.reservedWindow;
    if (r) reserved.set(r, (reserved.get(r) ?? 0) + 1);
  }
  const candidates = windowsServing(state, ctx.rules, t.lineId)
    .map((l) => windowState(state, l.windowNo))
    .filter((w) => w.no !== fromWindowNo && w.status !== 'closed')
    .sort((a, b) => (reserved.get(a.no) ?? 0) - (reserved.get(b.no) ?? 0) || a.since - b.since || a.no.localeCompare(b.no, 'en', { numeric: true }));
  return { lineId: t.lineId, windowNo: candidates[0]?.no ?? null };
}

/**
 * 一次一评: the visitor just served at this window rates the service, once. A rating that names its ticket goes
 * to it; one that does not goes to the window's latest finished ticket, if it finished within the hall's
 * `evaluation.atWindowMinutes` and has no rating yet.
 */

function rate(state: QueueState, cmd: Extract<QueueCommand, { type: 'RateService' }>, ctx: DecideContext): Decision {
  if (!ctx.rules.windows.has(cmd.windowNo)) return no(refuse('unknown_window', { windowNo: cmd.windowNo }));
  const rated = (t: Ticket): Decision => {
    const extra = { ...(cmd.reasons?.length ? { reasons: cmd.reasons } : {}), ...(cmd.comment ? { comment: cmd.comment } : {}) };
    return accept(
      [{ type: 'ServiceRated', at: ctx.now, ticketId: t.id, windowNo: cmd.windowNo, level: cmd.level, dimensions: cmd.dimensions ?? {}, channel: cmd.channel, ...extra }],
      t.id,
    );
  };
  // A named ticket (window screen, tablet, the ticket's QR): 一次一评 across every channel.
  if (cmd.ticketId !== undefined) {
    const t = state.tickets.get(cmd.ticketId);
    if (!t) return no(refuse('unknown_ticket'));
    if (t.status !== 'done') return no(refuse('not_served'));
    if (t.windowNo !== cmd.windowNo) return no(refuse('ticket_not_for_window'));
    if (t.rating !== null) return no(refuse('already_rated'));
    return rated(t);
  }
  let latest: Ticket | null = null;
  for (const t of state.tickets.values()) {
    if (t.windowNo === cmd.windowNo && t.status === 'done' && t.finishedAt !== null && (!latest || t.finishedAt > (latest.finishedAt ?? 0))) latest = t;
  }
  if (!latest || ctx.now - (latest.finishedAt ?? 0) > ctx.rules.ratingAtWindowMs) return no(refuse('nothing_to_rate'));
  if (latest.rating !== null) return no(refuse('already_rated'));
  return rated(latest);
}
