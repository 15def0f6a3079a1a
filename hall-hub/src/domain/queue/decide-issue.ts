import { hallTime } from '../time/hall-time.js';
import { ticketingOpen, hallPhase } from '../time/hall-phase.js';
import type { QueueCommand } from './commands.js';
import { accept, no, type DecideContext, type Decision } from './decision.js';
import type { IssuedTicket, Placement } from './events.js';
import { refuse } from './refusals.js';
import { OPEN_STATUSES, type QueueState } from './state.js';

/* Issuing tickets: walk-ins, appointments booked and checked in. */

export function issueTicket(
  state: QueueState,
  cmd: Extract<QueueCommand, { type: 'IssueTicket' }>,
  ctx: DecideContext,
  today: string,
): Decision {
  const line = ctx.rules.lines.get(cmd.lineId);
  if (!line) return no(refuse('unknown_line', { lineId: cmd.lineId }));
  if (cmd.priorityGroup !== undefined && !ctx.rules.priorityGroups.has(cmd.priorityGroup)) {
    return no(refuse('unknown_priority_group', { priorityGroup: cmd.priorityGroup }));
  }
  const t = hallTime(ctx.now, ctx.rules.timeZone);
  if (!ticketingOpen(ctx.rules.calendar, t, line.hours)) {
    return no(refuse('ticketing_closed', { phase: hallPhase(ctx.rules.calendar, t, false) }));
  }
  const issued = state.lines.get(line.id)?.issued ?? 0;
  if (issued >= (line.dailyCap ?? 999)) return no(refuse('daily_cap_reached', { dailyCap: line.dailyCap ?? 999 }));
  if (cmd.identity && hasOpenTicket(state, line.id, cmd.identity.idKey)) return no(refuse('already_waiting'));
  return issue(state, ctx, today, {
    lineId: line.id,
    prefix: line.prefix,
    channel: cmd.channel,
    priorityGroup: cmd.priorityGroup ?? null,
    appointmentCode: null,
    identity: cmd.identity ?? null,
    leadDept: cmd.leadDept ?? null,
  });
}

function hasOpenTicket(state: QueueState, lineId: string, idKey: string): boolean {
  for (const t of state.tickets.values()) {
    if (t.lineId === lineId && t.idKey === idKey && OPEN_STATUSES.has(t.status)) return true;
  }
  return false;
}

interface NewTicket {
  lineId: string;
  prefix: string;
  channel: IssuedTicket['channel'];
  priorityGroup: string | null;
  appointmentCode: string | null;
  identity: { idKey: string; idMasked: string; idCipher: string } | null;
  leadDept?: string | null;
}

function issue(state: QueueState, ctx: DecideContext, _today: string, n: NewTicket): Decision {
  const q = state.lines.get(n.lineId);
  const serial = (q?.issued ?? 0) + 1;
  if (serial > 999) return no(refuse('daily_cap_reached', { dailyCap: 999 }));
  const ticket: IssuedTicket = {
    id: ctx.newId,
    number: `${n.prefix}${String(serial).padStart(3, '0')}`,
    serial,
    lineId: n.lineId,
    channel: n.channel,
    priorityGroup: n.priorityGroup,
    appointmentCode: n.appointmentCode,
    idKey: n.identity?.idKey ?? null,
    idMasked: n.identity?.idMasked ?? null,
    idCipher: n.identity?.idCipher ?? null,
    ...(n.leadDept ? { leadDept: n.leadDept } : {}),
  };
  const placement = placementForNew(state, n);
  return accept([{ type: 'TicketIssued', at: ctx.now, ticket, placement }], ticket.id);
}

/** Green channel at the end of its list; checked-in appointments ahead of walk-ins, in check-in order. */
function placementForNew(state: QueueState, n: NewTicket): Placement {
  const q = state.lines.get(n.lineId);
  if (n.priorityGroup) return { queue: 'priority', index: q?.priority.length ?? 0 };
  if (!n.appointmentCode || !q) return { queue: 'normal', index: q?.normal.length ?? 0 };
  let index = 0;
  while (index < q.normal.length && state.tickets.get(q.normal[index]!)?.appointmentCode) index += 1;
  return { queue: 'normal', index };
}

export function bookAppointment(cmd: Extract<QueueCommand, { type: 'BookAppointment' }>, ctx: DecideContext): Decision {
  if (!ctx.rules.lines.has(cmd.lineId)) return no(refuse('appointment_line_unknown', { lineId: cmd.lineId }));
  return accept([
    {
      type: 'AppointmentBooked',
      at: ctx.now,
      code: cmd.code,
      lineId: cmd.lineId,
      day: hallTime(cmd.slotStart, ctx.rules.timeZone).day,
      slotStart: cmd.slotStart,
      slotEnd: cmd.slotEnd,
      name: cmd.name ?? null,
    },
  ]);
}

export function checkIn(
  state: QueueState,
  cmd: Extract<QueueCommand, { type: 'CheckInAppointment' }>,
  ctx: DecideContext,
  today: string,
): Decision {
  const a = state.appointments.get(cmd.code);
  if (!a) return no(refuse('appointment_not_found'));
  if (a.day !== today) return no(refuse('appointment_not_today', { day: a.day }));
  if (a.ticketId) return no(refuse('appointment_used'));
  const { earlyMinutes, lateMinutes } = ctx.rules.policy.appointment;
  if (ctx.now < a.slotStart - earlyMinutes * 60_000 || ctx.now > a.slotEnd + lateMinutes * 60_000) {
    return no(
      refuse('appointment_outside_slot', {
        slotStart: new Date(a.slotStart).toISOString(),
        slotEnd: new Date(a.slotEnd).toISOString(),
      }),
    );
  }
  const line = ctx.rules.lines.get(a.lineId);
  if (!line) return no(refuse('appointment_line_unknown', { lineId: a.lineId }));
  return issue(state, ctx, today, {
    lineId: line.id,
    prefix: line.prefix,
    channel: 'appointment',
    priorityGroup: null,
    appointmentCode: a.code,
    identity: null,
  });
}
