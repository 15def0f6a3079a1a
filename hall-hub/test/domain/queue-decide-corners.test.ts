import { describe, expect, it } from 'vitest';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// The queue's decisions in the corners mutation testing found untested (docs/mutation.md): the AB岗 chain, the
// hand-back while the A post works elsewhere, auto-call past windows that are not idle, transfers that name a
// line and a window, the hub's choice counting every reservation, ratings that look for the latest service,
// the 999th number reached by an appointment. Pure: decide and evolve on a state in memory.

const hall = queueInMemory;
const base = smallHall();

describe('a new day, AB岗 and the hand-back', () => {
  it('a new day expires only the tickets still open; served, missed and cancelled ones are not named', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue(); // served
    h.issue(); // missed
    const cancelled = h.issue();
    const waiting = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    h.ok({ type: 'CancelTicket', ticketId: cancelled, reason: '不办了' });
    const serving = h.issue();
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: serving });
    h.advance(24 * 60 * MINUTE);
    const d = h.ok({ type: 'StartDay' });
    expect(d.events).toEqual([{ type: 'DayStarted', at: h.now, day: '2026-11-24', expired: [waiting, serving] }]);
    expect(h.state.tickets.size).toBe(0);
  });

  it('the B post of a B post cannot take over a window already covered; the A post can be asked back', () => {
    // S5 backs up S1; S6 backs up S5. S6 taking window 1 from S5 (who covers for S1) would leave S1 nobody's.
    const h = hall({
      staff: [...base.staff.map((s) => (s.no === 'S5' ? { ...s, partner: 'S6' } : s)), { no: 'S6', name: '赵敏', windows: [] }],
    });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    expect(h.no({ type: 'OpenWindow', windowNo: '1', staffNo: 'S6' })).toEqual({ code: 'window_taken', details: { staffNo: 'S5' } });
    expect(h.state.windows.get('1')).toMatchObject({ staffNo: 'S5', coveringFor: 'S1' });
  });

  it('the hand-back is refused while the A post works at another open window, and allowed once it is closed', () => {
    // S1 may sit at windows 1 and 2: covered at 1 by S5, S1 opens 2.
    const h = hall({ staff: base.staff.map((s) => (s.no === 'S1' ? { ...s, windows: ['1', '2'] } : s)) });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S1' });
    expect(h.no({ type: 'HandBackWindow', windowNo: '1' })).toEqual({ code: 'staff_elsewhere', details: { windowNo: '2' } });
    // S1 at window 2 is S1 elsewhere, also when S1 asks for window 1 back
    expect(h.no({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' })).toEqual({ code: 'staff_elsewhere', details: { windowNo: '2' } });
    h.ok({ type: 'CloseWindow', windowNo: '2' });
    expect(h.ok({ type: 'HandBackWindow', windowNo: '1' }).events).toEqual([
      { type: 'WindowOpened', at: h.now, windowNo: '1', staffNo: 'S1', coveringFor: null, absenceReason: null },
    ]);
  });
});

describe('calling', () => {
  it('taking back a suspended ticket at a window with nothing in hand finishes nothing', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'SuspendTicket', windowNo: '1' });
    expect(h.ok({ type: 'CallTicket', windowNo: '1', ticketId: a }).events).toEqual([{ type: 'TicketResumed', at: h.now, ticketId: a, windowNo: '1' }]);
  });

  it('auto-call passes over a paused window, however long it has been so, and a closed one', () => {
    const h = hall({ policy: { ...base.policy, autoCall: true } });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    h.ok({ type: 'PauseWindow', windowNo: '1', reason: '休息' });
    h.ok({ type: 'CloseWindow', windowNo: '3' });
    h.advance(MINUTE);
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    const a = h.issue();
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([{ type: 'TicketCalled', at: h.now, ticketId: a, windowNo: '2', outOfOrder: false, auto: true }]);
    // window 2 now has a ticket in hand (calling): the next ticket waits for an idle window, of which there is none
    h.issue();
    expect(h.ok({ type: 'AutoCallOne' }).events).toEqual([]);
  });
});

describe('missed tickets', () => {
  it('a missed ticket cancelled since cannot be reinstated', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    h.ok({ type: 'CancelTicket', ticketId: a, reason: '离开' });
    expect(h.no({ type: 'ReinstateTicket', ticketId: a }).code).toBe('ticket_not_missed');
  });
});

describe('transfers', () => {
  it('naming a line and a window: the line named, reserved for that window', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    // window 3 serves general too, but the command names tax
    expect(h.ok({ type: 'TransferTicket', windowNo: '1', toWindowNo: '3', toLineId: 'tax' }).events).toMatchObject([
      { ticketId: a, toLineId: 'tax', reservedWindow: '3' },
    ]);
  });

  it('to a window whose lines are listed out of order: to its line of the lowest order', () => {
    const h = hall({
      lines: [...base.lines, { id: 'visa', prefix: 'C', name: '出入境', serves: { deptCodes: ['D3'] } }],
      windows: [
        ...base.windows.map((w) => (w.no === '3' ? { ...w, lines: [{ line: 'tax', order: 2 }, { line: 'general', order: 1 }] } : w)),
        { no: '5', name: '出入境窗口', zone: 'general', lines: [{ line: 'visa', order: 1 }] },
      ],
      staff: [...base.staff, { no: 'S6', name: '赵敏', windows: ['5'] }],
    });
    h.ok({ type: 'OpenWindow', windowNo: '5', staffNo: 'S6' });
    h.issue({ lineId: 'visa' });
    h.ok({ type: 'CallNext', windowNo: '5' });
    expect(h.ok({ type: 'TransferTicket', windowNo: '5', toWindowNo: '3' }).events).toMatchObject([{ toLineId: 'general', reservedWindow: '3' }]);
  });

  it('to a line nobody has queued in yet: first there, at the end as at the front', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax', placement: 'end' }).events).toMatchObject([
      { toLineId: 'tax', placement: { queue: 'normal', index: 0 } },
    ]);
  });

  it('keep: behind a ticket issued at the same moment; ahead of all when it came first', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.issue();
    h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    // the other ticket was issued at the same millisecond: it keeps its place ahead
    expect(h.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'general', placement: 'keep' }).events).toMatchObject([
      { placement: { queue: 'normal', index: 1 } },
    ]);

    const h2 = hall();
    h2.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h2.issue();
    h2.advance(MINUTE);
    h2.issue({ lineId: 'tax' });
    h2.issue({ lineId: 'tax' });
    h2.ok({ type: 'CallNext', windowNo: '1' });
    expect(h2.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax', placement: 'keep' }).events).toMatchObject([
      { toLineId: 'tax', placement: { queue: 'normal', index: 0 } },
    ]);
  });

  it('the hub’s choice counts the green channel’s reservations too', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    h.advance(MINUTE);
    h.ok({ type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const p = h.issue({ priorityGroup: 'elderly' });
    const n = h.issue();
    expect(h.ok({ type: 'CallNext', windowNo: '1' }).ticketId).toBe(p);
    // windows 2 and 3 have nothing reserved: 2, idle longer, gets the green-channel ticket
    expect(h.ok({ type: 'TransferTicket', windowNo: '1' }).events).toMatchObject([{ ticketId: p, reservedWindow: '2' }]);
    expect(h.ok({ type: 'CallNext', windowNo: '1' }).ticketId).toBe(n);
    expect(h.ok({ type: 'TransferTicket', windowNo: '1' }).events).toMatchObject([{ ticketId: n, reservedWindow: '3' }]);
  });

  it('the hub’s choice: of windows idle equally long and equally reserved, the lowest number, 9 before 10', () => {
    const h = hall({
      windows: [...base.windows, { no: '10', name: '综合窗口10', zone: 'general', lines: [{ line: 'general', order: 1 }] }, { no: '9', name: '综合窗口9', zone: 'general', lines: [{ line: 'general', order: 1 }] }],
      staff: [...base.staff, { no: 'S9', name: '周杰', windows: ['9'] }, { no: 'S10', name: '吴磊', windows: ['10'] }],
    });
    h.ok({ type: 'OpenWindow', windowNo: '10', staffNo: 'S10' });
    h.ok({ type: 'OpenWindow', windowNo: '9', staffNo: 'S9' });
    h.advance(MINUTE);
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = h.issue();
    h.ok({ type: 'CallNext', windowNo: '1' });
    expect(h.ok({ type: 'TransferTicket', windowNo: '1' }).events).toMatchObject([{ ticketId: a, reservedWindow: '9' }]);
  });

  it('the hub’s choice: of windows equally reserved, the one idle longest, whichever is listed first', () => {
    for (const [first, second] of [['2', '3'], ['3', '2']] as const) {
      const h = hall();
      h.ok({ type: 'OpenWindow', windowNo: first, staffNo: `S${first}` });
      h.advance(MINUTE);
      h.ok({ type: 'OpenWindow', windowNo: second, staffNo: `S${second}` });
      h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
      h.issue();
      h.ok({ type: 'CallNext', windowNo: '1' });
      expect(h.ok({ type: 'TransferTicket', windowNo: '1' }).events).toMatchObject([{ reservedWindow: first }]);
    }
  });
});

describe('ratings without a ticket named', () => {
  it('an unknown window is named', () => {
    expect(hall().no({ type: 'RateService', windowNo: '9', level: 'very-satisfied', channel: 'evaluator' })).toEqual({ code: 'unknown_window', details: { windowNo: '9' } });
  });

  it('go to the latest service finished at this window: not another window’s, not a cancelled ticket’s, not the last issued', () => {
    const h = hall();
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    const a = h.issue();
    const b = h.issue();
    const c = h.issue();
    // window 1 calls a, sets it aside, serves b, then finishes a: a finished last though issued first
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: a });
    h.ok({ type: 'SuspendTicket', windowNo: '1' });
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: b });
    h.advance(MINUTE);
    h.ok({ type: 'FinishService', windowNo: '1' });
    h.advance(MINUTE);
    h.ok({ type: 'ResumeTicket', windowNo: '1', ticketId: a });
    h.advance(MINUTE);
    h.ok({ type: 'FinishService', windowNo: '1' });
    // window 2 finishes c later still
    h.ok({ type: 'CallTicket', windowNo: '2', ticketId: c });
    h.advance(MINUTE);
    h.ok({ type: 'FinishService', windowNo: '2' });
    // a ticket missed at window 1 and cancelled afterwards has a finish time too, the latest of all
    const d = h.issue();
    h.ok({ type: 'CallTicket', windowNo: '1', ticketId: d });
    h.ok({ type: 'MarkNoShow', windowNo: '1' });
    h.advance(MINUTE);
    h.ok({ type: 'CancelTicket', ticketId: d, reason: '离开' });
    expect(h.ok({ type: 'RateService', windowNo: '1', level: 'very-satisfied', channel: 'evaluator' }).ticketId).toBe(a);
  });
});

describe('issuing', () => {
  it('booking on an unknown line is refused and names it', () => {
    const h = hall();
    expect(h.no({ type: 'BookAppointment', code: 'Y1', lineId: 'visa', slotStart: h.now, slotEnd: h.now + 30 * MINUTE })).toEqual({
      code: 'appointment_line_unknown',
      details: { lineId: 'visa' },
    });
  });

  it('an appointment checked in after the 999th ticket of its line is refused: no number is left', () => {
    const h = hall();
    h.ok({ type: 'BookAppointment', code: 'Y1', lineId: 'general', slotStart: h.now, slotEnd: h.now + 30 * MINUTE });
    for (let i = 0; i < 999; i++) h.issue();
    expect(h.no({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' })).toEqual({ code: 'daily_cap_reached', details: { dailyCap: 999 } });
    expect(h.no({ type: 'CheckInAppointment', code: 'Y1' })).toEqual({ code: 'daily_cap_reached', details: { dailyCap: 999 } });
  });
});
