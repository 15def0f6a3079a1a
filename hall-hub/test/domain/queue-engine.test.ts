import { describe, expect, it } from 'vitest';
import { ticketView, queueOverview } from '../../src/domain/queue/views.js';
import { currentWarnings } from '../../src/domain/queue/warnings.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import type { QueueEngine } from '../../src/app/queue-engine.js';
import type { QueueCommand } from '../../src/domain/queue/commands.js';

function ok(engine: QueueEngine, cmd: QueueCommand): string | null {
  const r = engine.execute(cmd);
  if (!r.ok) throw new Error(`refused: ${r.refusal.code}`);
  return r.ticketId;
}
const issue = (e: QueueEngine, extra: Partial<Extract<QueueCommand, { type: 'IssueTicket' }>> = {}) =>
  ok(e, { type: 'IssueTicket', lineId: 'general', channel: 'kiosk', ...extra })!;
const numberOf = (e: QueueEngine, id: string | null) => (id ? e.ticket(id)?.number : null);
const callNext = (e: QueueEngine, windowNo: string) => numberOf(e, ok(e, { type: 'CallNext', windowNo }));

describe('ticket numbers', () => {
  it('are the line prefix and a 3-digit serial, per line', () => {
    const { engine } = engineFor(smallHall());
    expect(numberOf(engine, issue(engine))).toBe('A001');
    expect(numberOf(engine, issue(engine))).toBe('A002');
    expect(numberOf(engine, issue(engine, { lineId: 'tax' }))).toBe('B001');
  });

  it('start again at 001 after local midnight, not UTC midnight', () => {
    const clock = fakeClock(MONDAY_0900);
    const { engine } = engineFor(smallHall(), clock);
    issue(engine);
    issue(engine);
    // 23:59 Monday in Shanghai is 15:59 UTC: still Monday.
    clock.set(Date.UTC(2026, 10, 23, 15, 59));
    expect(engine.state.day).toBe('2026-11-23');
    // Tuesday 09:00 Shanghai.
    clock.set(MONDAY_0900 + 24 * 60 * MINUTE);
    expect(numberOf(engine, issue(engine))).toBe('A001');
    expect(engine.state.day).toBe('2026-11-24');
  });

  it('leftover tickets of yesterday expire at the new day, and stay findable', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    const id = issue(engine);
    clock.advance(24 * 60 * MINUTE);
    engine.ensureDay();
    expect(engine.ticket(id)?.status).toBe('expired');
    expect(engine.ticketByNumber('A001', '2026-11-23')?.id).toBe(id);
  });

  it('refuse when the daily cap is reached', () => {
    const { engine } = engineFor(smallHall({ lines: [{ id: 'general', prefix: 'A', name: '综合', dailyCap: 2 }], windows: [{ no: '1', name: 'w', zone: 'general', lines: [{ line: 'general' }] }], staff: [], devices: [] }));
    issue(engine);
    issue(engine);
    const r = engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    expect(r.ok ? null : r.refusal.code).toBe('daily_cap_reached');
    expect(r.ok ? null : r.refusal.zh).toContain('发完');
  });

  it('a retried request with the same request id gets the same ticket', () => {
    const { engine } = engineFor(smallHall());
    const a = issue(engine, { requestId: 'req-000001' });
    const b = issue(engine, { requestId: 'req-000001' });
    expect(b).toBe(a);
    expect(engine.state.tickets.size).toBe(1);
  });
});

describe('the hall clock', () => {
  it('stops ticketing at the cut-off but keeps calling: 延时服务 until nobody waits', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine);
    issue(engine);
    clock.set(Date.UTC(2026, 10, 23, 8, 40)); // 16:40, cut-off is 16:30
    const refused = engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    expect(refused.ok ? null : refused.refusal.code).toBe('ticketing_closed');
    clock.set(Date.UTC(2026, 10, 23, 9, 10)); // 17:10, past closing
    expect(queueOverview(engine.state, engine.rules, 'h', clock.now()).phase).toBe('extended');
    expect(callNext(engine, '1')).toBe('A001');
    expect(callNext(engine, '1')).toBe('A002');
    ok(engine, { type: 'FinishService', windowNo: '1' });
    expect(queueOverview(engine.state, engine.rules, 'h', clock.now()).phase).toBe('closed');
  });

  it('issues nothing on a holiday or before opening', () => {
    const clock = fakeClock(Date.UTC(2026, 10, 22, 23, 0)); // Monday 07:00
    const { engine } = engineFor(smallHall(), clock);
    expect(engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' }).ok).toBe(false);
    const holiday = engineFor(
      smallHall({ calendar: { holidays: ['2026-11-23'] } }),
      fakeClock(MONDAY_0900),
    ).engine;
    const r = holiday.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    expect(r.ok ? null : r.refusal.details).toEqual({ phase: 'holiday' });
  });
});

describe('calling', () => {
  it('calls in arrival order, and two windows never get the same ticket', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    ok(engine, { type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    issue(engine);
    issue(engine);
    expect(callNext(engine, '1')).toBe('A001');
    expect(callNext(engine, '2')).toBe('A002');
    expect(callNext(engine, '2')).toBeNull();
  });

  it('a repeated call-next with the same request id calls nobody new', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine);
    issue(engine);
    const first = ok(engine, { type: 'CallNext', windowNo: '1', requestId: 'press-0001' });
    const again = ok(engine, { type: 'CallNext', windowNo: '1', requestId: 'press-0001' });
    expect(again).toBe(first);
    expect(engine.state.tickets.get(first!)?.status).toBe('called');
    expect(engine.state.lines.get('general')?.normal).toHaveLength(1);
  });

  it('next finishes the ticket in hand first', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    issue(engine);
    callNext(engine, '1');
    callNext(engine, '1');
    expect(engine.ticket(a)?.status).toBe('done');
  });

  it('a window turns to its second-order line only when its own is empty', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '3', staffNo: 'S3' });
    issue(engine, { lineId: 'tax' });
    issue(engine);
    expect(callNext(engine, '3')).toBe('A001');
    expect(callNext(engine, '3')).toBe('B001');
  });

  it('calls a named ticket out of order, but only one this window serves', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine);
    const second = issue(engine);
    const tax = issue(engine, { lineId: 'tax' });
    expect(numberOf(engine, ok(engine, { type: 'CallTicket', windowNo: '1', ticketId: second }))).toBe('A002');
    const r = engine.execute({ type: 'CallTicket', windowNo: '1', ticketId: tax });
    expect(r.ok ? null : r.refusal.code).toBe('ticket_not_for_window');
  });

  it('counts recalls', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'Recall', windowNo: '1' });
    ok(engine, { type: 'Recall', windowNo: '1' });
    expect(engine.ticket(a)?.recallCount).toBe(2);
  });

  it('auto-calls idle windows when enabled', () => {
    const base = smallHall();
    const { engine } = engineFor({ ...base, policy: { ...base.policy, autoCall: true } });
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    expect(engine.ticket(a)?.status).toBe('called');
    expect(engine.ticket(a)?.windowNo).toBe('1');
  });
});

describe('the green channel', () => {
  it('interleave 3:1 — three green-channel calls, then one normal', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    for (let i = 0; i < 3; i++) issue(engine);
    for (let i = 0; i < 5; i++) issue(engine, { priorityGroup: 'elderly' });
    const order = Array.from({ length: 8 }, () => callNext(engine, '1'));
    expect(order).toEqual(['A004', 'A005', 'A006', 'A001', 'A007', 'A008', 'A002', 'A003']);
  });

  it('strict — the green channel always goes first', () => {
    const base = smallHall();
    const { engine } = engineFor({ ...base, policy: { ...base.policy, priority: { mode: 'strict' } } });
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine);
    issue(engine, { priorityGroup: 'military' });
    issue(engine, { priorityGroup: 'elderly' });
    expect([callNext(engine, '1'), callNext(engine, '1'), callNext(engine, '1')]).toEqual(['A002', 'A003', 'A001']);
  });

  it('tells a visitor how many are ahead, following the policy', () => {
    const { engine } = engineFor(smallHall());
    issue(engine);
    issue(engine);
    const p1 = issue(engine, { priorityGroup: 'elderly' });
    const n3 = issue(engine);
    expect(ticketView(engine.state, engine.rules, engine.ticket(p1)!).peopleAhead).toBe(0);
    // calls would go: P1, A001, A002, A004 (interleave 3:1 with only one green ticket)
    expect(ticketView(engine.state, engine.rules, engine.ticket(n3)!).peopleAhead).toBe(3);
  });

  it('refuses an unknown priority group', () => {
    const { engine } = engineFor(smallHall());
    const r = engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', priorityGroup: 'vip' });
    expect(r.ok ? null : r.refusal.code).toBe('unknown_priority_group');
  });
});

describe('no-shows, transfers, suspensions, pauses', () => {
  it('a missed visitor back within the time goes in after the next K waiting', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    for (let i = 0; i < 5; i++) issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'MarkNoShow', windowNo: '1' });
    expect(engine.ticket(a)?.status).toBe('no-show');
    clock.advance(10 * MINUTE);
    ok(engine, { type: 'ReinstateTicket', ticketId: a });
    expect([callNext(engine, '1'), callNext(engine, '1'), callNext(engine, '1'), callNext(engine, '1')]).toEqual([
      'A002',
      'A003',
      'A004',
      'A001',
    ]);
  });

  it('refuses reinstatement after the time allowed', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'MarkNoShow', windowNo: '1' });
    clock.advance(31 * MINUTE);
    const r = engine.execute({ type: 'ReinstateTicket', ticketId: a });
    expect(r.ok ? null : r.refusal.code).toBe('reinstate_expired');
  });

  it('a transfer to a named window goes to the front, and only that window calls it', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    ok(engine, { type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    issue(engine, { lineId: 'tax' });
    const a = issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'TransferTicket', windowNo: '1', toWindowNo: '4' });
    expect(engine.ticket(a)).toMatchObject({ status: 'waiting', lineId: 'tax', transferCount: 1 });
    expect(callNext(engine, '1')).toBeNull();
    expect(callNext(engine, '4')).toBe('A001');
  });

  it("a transfer with 'keep' keeps the visitor's place by issue time", () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    ok(engine, { type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    issue(engine, { lineId: 'tax' }); // B001 before A001
    clock.advance(MINUTE);
    issue(engine); // A001
    clock.advance(MINUTE);
    issue(engine, { lineId: 'tax' }); // B002 after A001
    callNext(engine, '1');
    ok(engine, { type: 'TransferTicket', windowNo: '1', toLineId: 'tax', placement: 'keep' });
    expect([callNext(engine, '4'), callNext(engine, '4'), callNext(engine, '4')]).toEqual(['B001', 'A001', 'B002']);
  });

  it('suspends a ticket (挂起), serves others, then resumes it', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'SuspendTicket', windowNo: '1' });
    expect(callNext(engine, '1')).toBe('A002');
    const busy = engine.execute({ type: 'ResumeTicket', windowNo: '1', ticketId: a });
    expect(busy.ok ? null : busy.refusal.code).toBe('window_busy');
    ok(engine, { type: 'FinishService', windowNo: '1' });
    ok(engine, { type: 'ResumeTicket', windowNo: '1', ticketId: a });
    expect(engine.ticket(a)?.status).toBe('serving');
  });

  it('a paused window calls nobody until resumed, and says why it paused', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    issue(engine);
    ok(engine, { type: 'PauseWindow', windowNo: '1', reason: '临时离岗' });
    expect(engine.state.windows.get('1')).toMatchObject({ status: 'paused', pauseReason: '临时离岗' });
    const r = engine.execute({ type: 'CallNext', windowNo: '1' });
    expect(r.ok ? null : r.refusal.code).toBe('window_paused');
    ok(engine, { type: 'ResumeWindow', windowNo: '1' });
    expect(callNext(engine, '1')).toBe('A001');
  });
});

describe('staff and windows (AB岗)', () => {
  it('the B post opens the A post’s window, and is recorded as covering', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    expect(engine.state.windows.get('1')).toMatchObject({ staffNo: 'S5', coveringFor: 'S1' });
  });

  it('refuses staff not posted at the window, and one staff member at two windows', () => {
    const { engine } = engineFor(smallHall());
    const r = engine.execute({ type: 'OpenWindow', windowNo: '2', staffNo: 'S1' });
    expect(r.ok ? null : r.refusal.code).toBe('staff_not_allowed');
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S5' });
    const twice = engine.execute({ type: 'OpenWindow', windowNo: '3', staffNo: 'S5' });
    expect(twice.ok ? null : twice.refusal.code).toBe('staff_elsewhere');
  });
});

describe('identity and appointments', () => {
  it('one open ticket per ID card per line', () => {
    const { engine } = engineFor(smallHall());
    const identity = { idKey: 'k1', idMasked: '110105********1234', idCipher: 'c' };
    issue(engine, { identity });
    const r = engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', identity });
    expect(r.ok ? null : r.refusal.code).toBe('already_waiting');
    expect(engine.execute({ type: 'IssueTicket', lineId: 'tax', channel: 'kiosk', identity }).ok).toBe(true);
  });

  it('checks in an appointment inside its slot, ahead of walk-ins', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    ok(engine, {
      type: 'BookAppointment',
      code: 'YY0001',
      lineId: 'general',
      slotStart: MONDAY_0900 + 60 * MINUTE,
      slotEnd: MONDAY_0900 + 90 * MINUTE,
    });
    issue(engine);
    const early = engine.execute({ type: 'CheckInAppointment', code: 'YY0001' });
    expect(early.ok ? null : early.refusal.code).toBe('appointment_outside_slot');
    clock.advance(45 * MINUTE);
    ok(engine, { type: 'CheckInAppointment', code: 'YY0001' });
    const again = engine.execute({ type: 'CheckInAppointment', code: 'YY0001' });
    expect(again.ok ? null : again.refusal.code).toBe('appointment_used');
    expect(callNext(engine, '1')).toBe('A002');
  });
});

describe('estimates and warnings', () => {
  it('estimates the wait from recent service times and open windows', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    ok(engine, { type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'StartService', windowNo: '1' });
    clock.advance(10 * MINUTE);
    ok(engine, { type: 'FinishService', windowNo: '1' });
    for (let i = 0; i < 4; i++) issue(engine);
    const last = engine.ticketByNumber('A005')!;
    // 4 ahead... the 5th has 3 ahead × 10 min ÷ (2 windows + ½ of window 3? closed) = 15 min
    expect(ticketView(engine.state, engine.rules, last)).toMatchObject({ peopleAhead: 3, estimatedWaitMinutes: 15 });
  });

  it('raises yellow then red for a long wait, and an idle-window warning', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    issue(engine);
    clock.advance(21 * MINUTE);
    expect(currentWarnings(engine.state, engine.rules, clock.now())).toEqual([
      expect.objectContaining({ kind: 'long-wait', level: 'yellow', ticketNumber: 'A001' }),
    ]);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    clock.advance(20 * MINUTE);
    const w = currentWarnings(engine.state, engine.rules, clock.now());
    expect(w).toContainEqual(expect.objectContaining({ kind: 'long-wait', level: 'red' }));
    expect(w).toContainEqual(expect.objectContaining({ kind: 'idle-window', windowNo: '1', level: 'red' }));
    callNext(engine, '1');
    expect(currentWarnings(engine.state, engine.rules, clock.now())).toEqual([]);
  });
});

describe('requests applied once, ratings once', () => {
  it('a repeated recall with the same request id (a QoS 1 redelivery) counts once', () => {
    const { engine } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'Recall', windowNo: '1', requestId: 'kp1-000042' });
    ok(engine, { type: 'Recall', windowNo: '1', requestId: 'kp1-000042' });
    expect(engine.ticket(a)?.recallCount).toBe(1);
  });

  it('一次一评: the visitor just served rates once; a missing rating stays null (未评价)', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall(), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    const b = issue(engine);
    callNext(engine, '1');
    ok(engine, { type: 'FinishService', windowNo: '1' });
    ok(engine, { type: 'RateService', windowNo: '1', level: 'satisfied', channel: 'evaluator' });
    const again = engine.execute({ type: 'RateService', windowNo: '1', level: 'very-dissatisfied', channel: 'evaluator' });
    expect(again.ok ? null : again.refusal.code).toBe('already_rated');
    expect(engine.ticket(a)?.rating).toBe('satisfied');
    callNext(engine, '1');
    ok(engine, { type: 'FinishService', windowNo: '1' });
    clock.advance(11 * MINUTE);
    const late = engine.execute({ type: 'RateService', windowNo: '1', level: 'satisfied', channel: 'evaluator' });
    expect(late.ok ? null : late.refusal.code).toBe('nothing_to_rate');
    expect(engine.ticket(b)?.rating).toBeNull();
  });

  it('how long a rating at the window may come after the service is the hall’s choice (evaluation.atWindowMinutes)', () => {
    const clock = fakeClock();
    const { engine } = engineFor(smallHall({ evaluation: { atWindowMinutes: 20 } }), clock);
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const a = issue(engine);
    const b = issue(engine);
    for (const t of [a, b]) {
      expect(numberOf(engine, t)).toBe(callNext(engine, '1'));
      ok(engine, { type: 'FinishService', windowNo: '1' });
      clock.advance(t === a ? 19 * MINUTE : 21 * MINUTE);
      const r = engine.execute({ type: 'RateService', windowNo: '1', level: 'basic', channel: 'evaluator' });
      expect(r.ok ? 'rated' : r.refusal.code).toBe(t === a ? 'rated' : 'nothing_to_rate');
    }
    expect(engine.ticket(a)?.rating).toBe('basic');
    expect(engine.ticket(b)?.rating).toBeNull();
  });
});
