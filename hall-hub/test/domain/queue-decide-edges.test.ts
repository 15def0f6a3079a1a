import { describe, expect, it } from 'vitest';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide, type Decision } from '../../src/domain/queue/decide.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// The queue's decisions at their edges, each refusal by its code (and what it tells), each "nothing to do" as an
// accepted empty decision: the engine tests walk the common paths; these pin every way decide() says no, found
// alive by mutation testing (docs/mutation.md). Pure: decide and evolve on a state in memory, no database.

const hall = queueInMemory;

describe('the day and the request around each command', () => {
  it('refuses every command until the new day is started, and starting it twice changes nothing', () => {
    const h = hall();
    const a = h.issue();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    expect(h.types(h.run({ type: 'StartDay' }))).toEqual([]);
    h.advance(24 * 60 * MINUTE);
    expect(h.no({ type: 'CallNext', windowNo: '1' }).code).toBe('day_not_started');
    const d = h.ok({ type: 'StartDay' });
    expect(d.events).toEqual([{ type: 'DayStarted', at: h.now, day: '2026-11-24', expired: [a] }]);
  });

  it('a repeated request id answers with the first ticket and changes nothing; a refused one is not remembered', () => {
    const h = hall();
    const first = h.ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', requestId: 'r1' });
    expect(first.events.map((e) => e.type)).toEqual(['TicketIssued', 'RequestHandled']);
    expect(first.events[1]).toEqual({ type: 'RequestHandled', at: h.now, requestId: 'r1', ticketId: first.ticketId });
    const again = h.ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', requestId: 'r1' });
    expect(again).toEqual({ ok: true, events: [], ticketId: first.ticketId, duplicate: true });
    expect(h.no({ type: 'CallNext', windowNo: '1', requestId: 'r2' }).code).toBe('window_closed');
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const called = h.ok({ type: 'CallNext', windowNo: '1', requestId: 'r2' });
    expect(called.duplicate).toBe(false);
    expect(called.ticketId).toBe(first.ticketId);
    // accepted with nothing to do: nothing logged, so not remembered either
    const nothing = h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1', requestId: 'r3' });
    expect(nothing.events).toEqual([]);
    expect(h.state.requests.has('r3')).toBe(false);
  });

  it('a request is applied up to its deadline, to the millisecond, and refused after it with how late it was', () => {
    const h = hall();
    expect(h.types(h.run({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1', notAfter: h.now }))).toEqual(['WindowOpened']);
    expect(h.no({ type: 'CloseWindow', windowNo: '1', notAfter: h.now - 5 })).toEqual({ code: 'request_expired', details: { lateByMs: 5 } });
  });
});

describe('windows: open, close, pause, hand back', () => {
  it('names the unknown window and staff member; the same staff member again is nothing to do', () => {
    const h = hall();
    expect(h.no({ type: 'OpenWindow', windowNo: '9', staffNo: 'S1' })).toEqual({ code: 'unknown_window', details: { windowNo: '9' } });
    expect(h.no({ type: 'OpenWindow', windowNo: '1', staffNo: 'S9' })).toEqual({ code: 'unknown_staff', details: { staffNo: 'S9' } });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    expect(h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' }).events).toEqual([]);
    for (const type of ['CloseWindow', 'PauseWindow', 'ResumeWindow', 'HandBackWindow', 'CallNext', 'Recall'] as const) {
      expect(h.no({ type, windowNo: '7', reason: 'x' } as QueueCommand)).toEqual({ code: 'unknown_window', details: { windowNo: '7' } });
    }
  });

  it('one staff member at one window; another window taken is named; the B post covers, then hands back', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    expect(h.no({ type: 'OpenWindow', windowNo: '1', staffNo: 'S2' })).toEqual({ code: 'window_taken', details: { staffNo: 'S1' } });
    expect(h.no({ type: 'OpenWindow', windowNo: '3', staffNo: 'S2' })).toEqual({ code: 'staff_not_allowed', details: undefined });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    expect(h.no({ type: 'OpenWindow', windowNo: '2', staffNo: 'S1' })).toEqual({ code: 'staff_elsewhere', details: { windowNo: '1' } });
    expect(h.no({ type: 'HandBackWindow', windowNo: '1' }).code).toBe('not_covering');
    const covered = h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5', absenceReason: '开会' });
    expect(covered.events).toEqual([{ type: 'WindowOpened', at: h.now, windowNo: '1', staffNo: 'S5', coveringFor: 'S1', absenceReason: '开会' }]);
    expect(h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5' }).events).toEqual([]);
    const back = h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    expect(back.events).toEqual([{ type: 'WindowOpened', at: h.now, windowNo: '1', staffNo: 'S1', coveringFor: null, absenceReason: null }]);
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    expect(h.ok({ type: 'HandBackWindow', windowNo: '1' }).events).toEqual([back.events[0]]);
    h.ok({ type: 'CloseWindow', windowNo: '1' });
    expect(h.no({ type: 'HandBackWindow', windowNo: '1' }).code).toBe('not_covering');
  });

  it('a B post opens a closed window of the colleague it backs, as covering; the absence reason is only for a takeover', () => {
    const h = hall();
    const d = h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5', absenceReason: '休假' });
    expect(d.events).toEqual([{ type: 'WindowOpened', at: h.now, windowNo: '1', staffNo: 'S5', coveringFor: 'S1' }]);
    expect(h.no({ type: 'OpenWindow', windowNo: '2', staffNo: 'S5' }).code).toBe('staff_elsewhere');
  });

  it('closing: a closed window is nothing to do, a window with a ticket in hand is busy', () => {
    const h = hall();
    expect(h.ok({ type: 'CloseWindow', windowNo: '1' }).events).toEqual([]);
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.no({ type: 'CloseWindow', windowNo: '1' }).code).toBe('window_busy');
    expect(h.no({ type: 'PauseWindow', windowNo: '1', reason: '休息' }).code).toBe('window_busy');
    h.ok({ type: 'FinishService', windowNo: '1' });
    expect(h.ok({ type: 'CloseWindow', windowNo: '1' }).events).toEqual([{ type: 'WindowClosed', at: h.now, windowNo: '1' }]);
  });

  it('pausing and resuming: refused at a closed window; resuming a window not paused is nothing to do', () => {
    const h = hall();
    expect(h.no({ type: 'PauseWindow', windowNo: '1', reason: '休息' }).code).toBe('window_closed');
    expect(h.no({ type: 'ResumeWindow', windowNo: '1' }).code).toBe('window_closed');
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    expect(h.ok({ type: 'ResumeWindow', windowNo: '1' }).events).toEqual([]);
    expect(h.ok({ type: 'PauseWindow', windowNo: '1', reason: '休息' }).events).toEqual([{ type: 'WindowPaused', at: h.now, windowNo: '1', reason: '休息' }]);
    expect(h.no({ type: 'CallNext', windowNo: '1' }).code).toBe('window_paused');
    expect(h.ok({ type: 'ResumeWindow', windowNo: '1' }).events).toEqual([{ type: 'WindowResumed', at: h.now, windowNo: '1' }]);
  });
});

describe('the ticket in hand', () => {
  it('needs an open window with a ticket; recall and no-show only while called; starting twice is nothing to do', () => {
    const h = hall();
    expect(h.no({ type: 'Recall', windowNo: '1' }).code).toBe('window_closed');
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    for (const type of ['Recall', 'StartService', 'FinishService', 'MarkNoShow', 'SuspendTicket'] as const) {
      expect(h.no({ type, windowNo: '1' }).code).toBe('no_current_ticket');
    }
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.ok({ type: 'Recall', windowNo: '1' })).toMatchObject({ ticketId: a, events: [{ type: 'TicketRecalled', ticketId: a, windowNo: '1' }] });
    expect(h.ok({ type: 'StartService', windowNo: '1' }).events).toEqual([{ type: 'ServiceStarted', at: h.now, ticketId: a, windowNo: '1' }]);
    expect(h.ok({ type: 'StartService', windowNo: '1' })).toMatchObject({ events: [], ticketId: a });
    expect(h.no({ type: 'Recall', windowNo: '1' }).code).toBe('not_called');
    expect(h.no({ type: 'MarkNoShow', windowNo: '1' }).code).toBe('not_called');
  });

  it('calling: finishes the ticket in hand first; a named call is out of order; nobody waiting calls nobody', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const [a, b, c] = [h.issue(), h.issue(), h.issue()];
    expect(h.ok({ type: 'CallNext', windowNo: '1' }).events).toEqual([{ type: 'TicketCalled', at: h.now, ticketId: a, windowNo: '1', outOfOrder: false, auto: false }]);
    expect(h.ok({ type: 'CallTicket', windowNo: '1', ticketId: c }).events).toEqual([
      { type: 'ServiceFinished', at: h.now, ticketId: a, windowNo: '1' },
      { type: 'TicketCalled', at: h.now, ticketId: c, windowNo: '1', outOfOrder: true, auto: false },
    ]);
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.ok({ type: 'CallNext', windowNo: '1' })).toEqual({ ok: true, events: [{ type: 'ServiceFinished', at: h.now, ticketId: b, windowNo: '1' }], ticketId: null, duplicate: false });
    expect(h.ok({ type: 'CallNext', windowNo: '1' })).toEqual({ ok: true, events: [], ticketId: null, duplicate: false });
  });

  it('a named call: unknown, not waiting (with its status), of a line or department the window does not serve', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    expect(h.no({ type: 'CallTicket', windowNo: '1', ticketId: 'nope' }).code).toBe('unknown_ticket');
    const tax = h.issue({ lineId: 'tax' });
    expect(h.no({ type: 'CallTicket', windowNo: '1', ticketId: tax }).code).toBe('ticket_not_for_window');
    expect(h.ok({ type: 'CallTicket', windowNo: '3', ticketId: tax }).ticketId).toBe(tax);
    expect(h.no({ type: 'CallTicket', windowNo: '1', ticketId: tax })).toEqual({ code: 'ticket_not_waiting', details: { status: 'called' } });
    const joint = h.issue({ leadDept: 'D9' });
    expect(h.no({ type: 'CallTicket', windowNo: '1', ticketId: joint }).code).toBe('ticket_not_for_window');
  });

  it('a ticket suspended at another window cannot be called back here; resuming: nothing suspended, not here, busy', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    expect(h.no({ type: 'ResumeTicket', windowNo: '1' }).code).toBe('nothing_suspended');
    const a = h.issue();
    const b = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'SuspendTicket', windowNo: '1' });
    expect(h.no({ type: 'CallTicket', windowNo: '2', ticketId: a }).code).toBe('ticket_not_suspended_here');
    expect(h.no({ type: 'ResumeTicket', windowNo: '2', ticketId: a }).code).toBe('ticket_not_suspended_here');
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.no({ type: 'ResumeTicket', windowNo: '1' }).code).toBe('window_busy');
    expect(h.ok({ type: 'CallTicket', windowNo: '1', ticketId: a }).events).toEqual([
      { type: 'ServiceFinished', at: h.now, ticketId: b, windowNo: '1' },
      { type: 'TicketResumed', at: h.now, ticketId: a, windowNo: '1' },
    ]);
  });
});

describe('auto-call', () => {
  it('does nothing unless the hall turns it on; then the window idle longest calls, ties by number', () => {
    const off = hall();
    off.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    off.issue();
    expect(off.ok({ type: 'AutoCallOne' }).events).toEqual([]);

    const base = smallHall();
    const h = hall({ policy: { ...base.policy, autoCall: true } });
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([]);
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.advance(MINUTE);
    h.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([]);
    const a = h.issue();
    const tax = h.issue({ lineId: 'tax' });
    // windows 1 and 2 opened together: 1 first by number; window 4 (idle less long) has the tax ticket
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([{ type: 'TicketCalled', at: h.now, ticketId: a, windowNo: '1', outOfOrder: false, auto: true }]);
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([{ type: 'TicketCalled', at: h.now, ticketId: tax, windowNo: '4', outOfOrder: false, auto: true }]);
  });
});

describe('missed, stepped out, cancelled', () => {
  it('reinstating: unknown, not missed, up to the minute allowed, then expired; it goes in after the next three', () => {
    const h = hall();
    expect(h.no({ type: 'ReinstateTicket', ticketId: 'nope' }).code).toBe('unknown_ticket');
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    expect(h.no({ type: 'ReinstateTicket', ticketId: a }).code).toBe('ticket_not_missed');
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    h.issue();
    h.advance(30 * MINUTE);
    expect(h.ok({ type: 'ReinstateTicket', ticketId: a }).events).toEqual([{ type: 'TicketReinstated', at: h.now, ticketId: a, placement: { queue: 'normal', index: 1 } }]);
    const b = h.issue();
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: b });
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    for (let i = 0; i < 4; i++) h.issue();
    h.advance(30 * MINUTE + 1);
    expect(h.no({ type: 'ReinstateTicket', ticketId: b })).toEqual({ code: 'reinstate_expired', details: { reinstateMinutes: 30 } });
  });

  it('stepping out: unknown, not waiting, once only; back behind the next three or at the end', () => {
    const h = hall();
    expect(h.no({ type: 'PostponeTicket', ticketId: 'nope' }).code).toBe('unknown_ticket');
    const ids = [h.issue(), h.issue(), h.issue(), h.issue(), h.issue()];
    expect(h.ok({ type: 'PostponeTicket', ticketId: ids[0]! }).events).toEqual([{ type: 'TicketPostponed', at: h.now, ticketId: ids[0], placement: { queue: 'normal', index: 3 } }]);
    expect(h.no({ type: 'PostponeTicket', ticketId: ids[0]! })).toEqual({ code: 'step_out_limit', details: { stepOutLimit: 1 } });
    expect(h.ok({ type: 'PostponeTicket', ticketId: ids[4]! }).events).toEqual([{ type: 'TicketPostponed', at: h.now, ticketId: ids[4], placement: { queue: 'normal', index: 4 } }]);
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.no({ type: 'PostponeTicket', ticketId: ids[1]! }).code).toBe('ticket_not_waiting');
  });

  it('cancelling: unknown, called (not cancellable), waiting or missed (cancelled with the reason)', () => {
    const h = hall();
    expect(h.no({ type: 'CancelTicket', ticketId: 'nope', reason: 'x' }).code).toBe('unknown_ticket');
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    const b = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.no({ type: 'CancelTicket', ticketId: a, reason: 'x' }).code).toBe('ticket_not_cancellable');
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    expect(h.ok({ type: 'CancelTicket', ticketId: a, reason: '离开' }).events).toEqual([{ type: 'TicketCancelled', at: h.now, ticketId: a, reason: '离开' }]);
    expect(h.ok({ type: 'CancelTicket', ticketId: b, reason: '不办了' }).ticketId).toBe(b);
  });
});

describe('transfers', () => {
  it('to an unknown window or line is refused and named; without a target the hub chooses', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.no({ type: 'TransferTicket', windowNo: '1', toWindowNo: '9' })).toEqual({ code: 'unknown_window', details: { windowNo: '9' } });
    expect(h.no({ type: 'TransferTicket', windowNo: '1', toLineId: 'visa' })).toEqual({ code: 'unknown_line', details: { lineId: 'visa' } });
    expect(h.no({ type: 'TransferTicket', windowNo: '2', toLineId: 'tax' }).code).toBe('window_closed');
  });

  it('to a window that does not serve the ticket’s line: to the first line in that window’s order', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    const tax = h.issue({ lineId: 'tax' });
    h.ok({ type: 'CallNext', windowNo: '4' });
    expect(h.ok({ type: 'TransferTicket', windowNo: '4', toWindowNo: '3' }).events).toMatchObject([{ ticketId: tax, toLineId: 'tax', reservedWindow: '3' }]);
    const h2 = hall();
    h2.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h2.issue();
    h2.ok({ type: 'CallNext', windowNo: '1' });
    expect(h2.ok({ type: 'TransferTicket', windowNo: '1', toWindowNo: '4' }).events).toMatchObject([{ toLineId: 'tax', reservedWindow: '4' }]);
  });

  it('placement: front, end, or by issue time (keep), the command’s choice over the hall’s', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue({ lineId: 'tax' });
    h.advance(MINUTE);
    const a = h.issue();
    h.advance(MINUTE);
    h.issue({ lineId: 'tax' });
    h.issue({ lineId: 'tax' });
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: a });
    const placed = (placement?: 'front' | 'keep' | 'end') => {
      const d = h.run({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax', ...(placement ? { placement } : {}) });
      return d.ok ? null : d.refusal.code;
    };
    const index = (placement?: 'front' | 'keep' | 'end') => {
      const d = decide(h.state, { type: 'TransferTicket', windowNo: '1', toLineId: 'tax', ...(placement ? { placement } : {}) }, { now: h.now, rules: queueRulesFrom(smallHall()), newId: 'x' });
      return d.ok && d.events[0]?.type === 'TicketTransferred' ? d.events[0].placement.index : null;
    };
    expect([index(), index('front'), index('keep'), index('end')]).toEqual([0, 0, 1, 3]);
    expect(placed('end')).toBeNull();
  });

  it('keep, when every ticket waiting came before it: at the end', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue({ lineId: 'tax' });
    h.issue({ lineId: 'tax' });
    h.advance(MINUTE);
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax', placement: 'keep' }).events).toMatchObject([{ placement: { queue: 'normal', index: 2 } }]);
  });
});

describe('ratings (一次一评)', () => {
  it('a named ticket: unknown, not served, of another window, rated already', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const rate = (extra: Partial<Extract<QueueCommand, { type: 'RateService' }>>) =>
      h.run({ type: 'RateService', windowNo: '1', level: 'very-satisfied', channel: 'evaluator', ...extra });
    const code = (d: Decision) => (d.ok ? 'ok' : d.refusal.code);
    expect(code(rate({ windowNo: '9' }))).toBe('unknown_window');
    expect(code(rate({ ticketId: 'nope' }))).toBe('unknown_ticket');
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(code(rate({ ticketId: a }))).toBe('not_served');
    h.ok({ type: 'FinishService', windowNo: '1' });
    expect(code(rate({ ticketId: a, windowNo: '2' }))).toBe('ticket_not_for_window');
    const d = rate({ ticketId: a, reasons: [], comment: '' });
    expect(d.ok && d.events).toEqual([{ type: 'ServiceRated', at: h.now, ticketId: a, windowNo: '1', level: 'very-satisfied', dimensions: {}, channel: 'evaluator' }]);
    expect(code(rate({ ticketId: a }))).toBe('already_rated');
  });

  it('without a ticket: the latest finished at the window, within the minutes allowed, once; reasons and comment kept', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const rate = (extra: Partial<Extract<QueueCommand, { type: 'RateService' }>> = {}) =>
      h.run({ type: 'RateService', windowNo: '1', level: 'dissatisfied', channel: 'evaluator', ...extra });
    const code = (d: Decision) => (d.ok ? 'ok' : d.refusal.code);
    expect(code(rate())).toBe('nothing_to_rate');
    const a = h.issue();
    const b = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.advance(MINUTE);
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.advance(MINUTE);
    h.ok({ type: 'FinishService', windowNo: '1' });
    expect(h.state.tickets.get(a)?.finishedAt).toBeLessThan(h.state.tickets.get(b)!.finishedAt!);
    h.advance(10 * MINUTE);
    const d = rate({ reasons: ['slow'], comment: '太慢', dimensions: { attitude: 3 } });
    expect(d.ok && d.events).toEqual([{ type: 'ServiceRated', at: h.now, ticketId: b, windowNo: '1', level: 'dissatisfied', dimensions: { attitude: 3 }, channel: 'evaluator', reasons: ['slow'], comment: '太慢' }]);
    expect(code(rate())).toBe('already_rated');
    const c = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'FinishService', windowNo: '1' });
    h.advance(10 * MINUTE + 1);
    expect(code(rate())).toBe('nothing_to_rate');
    expect(h.state.tickets.get(c)?.rating).toBeNull();
  });
});

describe('issuing', () => {
  it('names the unknown line and priority group; one open ticket per ID per line; the cap per line', () => {
    const h = hall();
    expect(h.no({ type: 'IssueTicket', lineId: 'visa', channel: 'kiosk' })).toEqual({ code: 'unknown_line', details: { lineId: 'visa' } });
    expect(h.no({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', priorityGroup: 'vip' })).toEqual({ code: 'unknown_priority_group', details: { priorityGroup: 'vip' } });
    const identity = { idKey: 'k1', idMasked: '1101**********0011', idCipher: 'c' };
    h.issue({ identity });
    expect(h.no({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', identity }).code).toBe('already_waiting');
    h.issue({ identity, lineId: 'tax' });
    h.issue({ identity: { ...identity, idKey: 'k2' } });
    for (let i = 1; i < 50; i++) h.issue({ lineId: 'tax' });
    expect(h.no({ type: 'IssueTicket', lineId: 'tax', channel: 'kiosk' })).toEqual({ code: 'daily_cap_reached', details: { dailyCap: 50 } });
  });

  it('a walk-in line without a cap stops at 999, the last number a ticket can show', () => {
    const h = hall();
    for (let i = 0; i < 999; i++) h.issue();
    expect(h.state.tickets.size).toBe(999);
    expect(h.no({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' })).toEqual({ code: 'daily_cap_reached', details: { dailyCap: 999 } });
  });

  it('the issued ticket whole: number, identity, lead department; green channel at the end of its own list', () => {
    const h = hall();
    h.issue({ priorityGroup: 'elderly' });
    const d = h.ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', priorityGroup: 'military', identity: { idKey: 'k', idMasked: 'm', idCipher: 'c' }, leadDept: 'D1' });
    expect(d.events).toEqual([
      {
        type: 'TicketIssued',
        at: h.now,
        ticket: { id: d.ticketId, number: 'A002', serial: 2, lineId: 'general', channel: 'kiosk', priorityGroup: 'military', appointmentCode: null, idKey: 'k', idMasked: 'm', idCipher: 'c', leadDept: 'D1' },
        placement: { queue: 'priority', index: 1 },
      },
    ]);
    const plain = h.ok({ type: 'IssueTicket', lineId: 'general', channel: 'staff' });
    expect(plain.events[0]).toMatchObject({ ticket: { priorityGroup: null, idKey: null, idMasked: null, idCipher: null }, placement: { queue: 'normal', index: 0 } });
    expect('leadDept' in (plain.events[0] as { ticket: object }).ticket).toBe(false);
  });

  it('appointments: unknown line, not found, not today, used, outside the slot (30 min early to 15 late), ahead of walk-ins in check-in order', () => {
    const h = hall();
    const book = (code: string, slotStart: number, lineId = 'general') =>
      h.run({ type: 'BookAppointment', code, lineId, slotStart, slotEnd: slotStart + 30 * MINUTE });
    expect(h.types(book('X', h.now, 'visa'))).toBe('appointment_line_unknown');
    const booked = book('P1', h.now + 30 * MINUTE);
    expect(booked.ok && booked.events).toEqual([{ type: 'AppointmentBooked', at: h.now, code: 'P1', lineId: 'general', day: '2026-11-23', slotStart: h.now + 30 * MINUTE, slotEnd: h.now + 60 * MINUTE, name: null }]);
    book('P2', h.now);
    book('P3', h.now + 24 * 60 * MINUTE);
    book('P4', h.now - 45 * MINUTE);
    book('P5', h.now - 45 * MINUTE - 1);
    expect(h.no({ type: 'CheckInAppointment', code: 'nope' }).code).toBe('appointment_not_found');
    expect(h.no({ type: 'CheckInAppointment', code: 'P3' })).toEqual({ code: 'appointment_not_today', details: { day: '2026-11-24' } });
    const walkIn = h.issue();
    const p1 = h.ok({ type: 'CheckInAppointment', code: 'P1' });
    expect(p1.events).toMatchObject([{ ticket: { channel: 'appointment', appointmentCode: 'P1', number: 'A002' }, placement: { queue: 'normal', index: 0 } }]);
    expect(h.no({ type: 'CheckInAppointment', code: 'P1' }).code).toBe('appointment_used');
    expect(h.ok({ type: 'CheckInAppointment', code: 'P2' }).events).toMatchObject([{ placement: { index: 1 } }]);
    expect(h.ok({ type: 'CheckInAppointment', code: 'P4' }).ticketId).not.toBeNull();
    expect(h.no({ type: 'CheckInAppointment', code: 'P5' })).toEqual({
      code: 'appointment_outside_slot',
      details: { slotStart: new Date(h.now - 45 * MINUTE - 1).toISOString(), slotEnd: new Date(h.now - 15 * MINUTE - 1).toISOString() },
    });
    expect(h.state.lines.get('general')?.normal.at(-1)).toBe(walkIn);
    book('P6', h.now + 30 * MINUTE + 1);
    expect(h.no({ type: 'CheckInAppointment', code: 'P6' }).code).toBe('appointment_outside_slot');
  });
});
