import { describe, expect, it } from 'vitest';
import { ticketView } from '../../src/domain/queue/views.js';
import { currentWarnings } from '../../src/domain/queue/warnings.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { ok, issue, numberOf, callNext } from './queue-engine-steps.js';

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
