import type { CallRecord, HubEvent, PublicTicket } from '@hall/shared';
import type { QueueEvent } from './events.js';
import type { QueueRules } from './rules.js';
import type { QueueState, Ticket } from './state.js';
import { currentPhase, lineView, windowView } from './views.js';
import { servedLines } from './window-lines.js';

function publicTicket(t: Ticket): PublicTicket {
  return { number: t.number, lineId: t.lineId, status: t.status, windowNo: t.windowNo };
}

function ticketIdOf(e: QueueEvent): string | null {
  if (e.type === 'TicketIssued') return e.ticket.id;
  if ('ticketId' in e) return e.ticketId;
  return null;
}

function windowNoOf(e: QueueEvent): string | null {
  if ('windowNo' in e) return e.windowNo;
  if (e.type === 'TicketTransferred') return e.fromWindowNo;
  return null;
}

/**
 * A committed domain event as clients receive it: never ids or personal data, and the views it changed, so a
 * screen applies it without queue logic. Computed right after the batch commits, from the state after it.
 */
export function toHubEvent(
  state: QueueState,
  rules: QueueRules,
  seq: number,
  e: QueueEvent,
  now: number,
  phase: HubEvent['phase'] = currentPhase(state, rules, now),
): HubEvent {
  const out: HubEvent = { seq, type: e.type, at: new Date(e.at).toISOString(), phase };
  const ticketId = ticketIdOf(e);
  const t = ticketId ? state.tickets.get(ticketId) : undefined;
  if (t && e.type !== 'RequestHandled' && e.type !== 'ServiceRated') out.ticket = publicTicket(t);
  const windowNo = windowNoOf(e);
  if (windowNo && rules.windows.has(windowNo)) out.window = windowView(state, rules, windowNo);
  const lineIds = new Set<string>();
  if (t) lineIds.add(t.lineId);
  if (e.type === 'TicketTransferred') lineIds.add(e.toLineId);
  if (windowNo) for (const l of servedLines(state, rules, windowNo)) lineIds.add(l.line);
  // The lines a window left lose its capacity: their estimates change too.
  if (e.type === 'WindowLinesAssigned') for (const id of rules.lines.keys()) lineIds.add(id);
  if (e.type === 'DayStarted') for (const id of rules.lines.keys()) lineIds.add(id);
  if (lineIds.size > 0 && e.type !== 'RequestHandled' && e.type !== 'ServiceRated') {
    out.lines = [...lineIds].map((id) => lineView(state, rules, id, now));
  }
  if ((e.type === 'TicketCalled' || e.type === 'TicketRecalled') && t) out.call = callRecord(rules, seq, e.windowNo, t, e.type === 'TicketRecalled', e.at);
  return out;
}

export function callRecord(rules: QueueRules, seq: number, windowNo: string, t: Ticket, recall: boolean, at: number): CallRecord {
  const w = rules.windows.get(windowNo);
  return {
    seq,
    ticket: t.number,
    windowNo,
    windowName: w?.name ?? windowNo,
    zone: w?.zone ?? '',
    lineId: t.lineId,
    recall,
    at: new Date(at).toISOString(),
  };
}

/** Fills a voice or LED template: {ticket}, {window}, {windowName}. */
export function fillTemplate(template: string, values: { ticket?: string; window: string; windowName?: string }): string {
  return template
    .replaceAll('{ticket}', values.ticket ?? '')
    .replaceAll('{window}', values.window)
    .replaceAll('{windowName}', values.windowName ?? values.window);
}
