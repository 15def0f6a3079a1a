import { describe, expect, it } from 'vitest';
import { ticketView, queueOverview } from '../../src/domain/queue/views.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { ok, issue, numberOf, callNext } from './queue-engine-steps.js';

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
