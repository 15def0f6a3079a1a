import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from '@hall/hub/domain/queue/commands';
import { evolve } from '@hall/hub/domain/queue/evolve';
import { queueRulesFrom } from '@hall/hub/domain/queue/rules';
import { pickNext } from '@hall/hub/domain/queue/selection';
import { emptyQueueState } from '@hall/hub/domain/queue/state';
import { currentWarnings } from '@hall/hub/domain/queue/warnings';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { propertyRuns, scaledFloor } from '@hall/testkit/property-runs';
import { follow, newHall, policyPick, warningsAt, type PolicyHall } from '../../soak/lib/oracle/hall-policy.js';
import type { LoggedEvent, StoredEvent } from '../../soak/lib/oracle/log-events.js';
import { callIsFor, ticketSaid, windowSaid } from '../../soak/lib/oracle/voice-words.js';
import { liveKey, replayDay } from '../../soak/lib/replay.js';

// The soak's oracle (soak/lib/oracle) is written from the documented policy and imports nothing of the hub's.
// This file checks it two ways: against hand-written days whose right answers are worked out in the comments,
// and against the real queue engine on random days — where the oracle must agree with every call the engine
// made. (Only this test imports the hub's domain: to drive it and to compare; the soak's checks do not.)

const T0 = MONDAY_0900;
// (Set on the parsed config: hall.json's `policy.priority: {mode: 'strict'}` is refused by the config parser
// today — TypeBox fills the union's interleave defaults into it — so the queue tests do the same.)
const base = smallHall();
const hallWith = (priority: PolicyHall['policy']['priority']) => ({ ...base, policy: { ...base.policy, priority } });

let seq = 0;
const log = (...events: LoggedEvent[]): StoredEvent[] => events.map((event) => ({ seq: ++seq, event }));
const issued = (n: number, line: 'general' | 'tax', green: boolean, at = T0 + n * 1000): LoggedEvent => ({
  type: 'TicketIssued',
  at,
  ticket: { id: `t${n}`, number: `${line === 'general' ? 'A' : 'B'}${String(n).padStart(3, '0')}`, serial: n, lineId: line, channel: 'kiosk', priorityGroup: green ? 'elderly' : null },
  placement: { queue: green ? 'priority' : 'normal', index: 0 },
});
/** TicketIssued placed at the end of its list (the FIFO the policy asks for) */
function fifo(events: LoggedEvent[]): LoggedEvent[] {
  const sizes = new Map<string, number>();
  return events.map((e) => {
    if (e.type !== 'TicketIssued') return e;
    const k = `${e.ticket.lineId}/${e.placement.queue}`;
    const index = sizes.get(k) ?? 0;
    sizes.set(k, index + 1);
    return { ...e, placement: { ...e.placement, index } };
  });
}
const called = (id: string, windowNo: string, at: number, outOfOrder = false): LoggedEvent => ({ type: 'TicketCalled', at, ticketId: id, windowNo, outOfOrder, auto: false });

describe('the oracle, on days worked out by hand', () => {
  it('interleave 3:1 — three green-channel calls, then one other, while both wait; FIFO within each', () => {
    const hall = hallWith({ mode: 'interleave', priority: 3, normal: 1 });
    // A001..A003 others, A004..A008 green channel, all waiting. Expected order: green ×3, other, green ×2, others.
    const day = fifo([{ type: 'DayStarted', at: T0, day: '2026-11-23' }, ...[1, 2, 3].map((n) => issued(n, 'general', false)), ...[4, 5, 6, 7, 8].map((n) => issued(n, 'general', true))]);
    const want = ['A004', 'A005', 'A006', 'A001', 'A007', 'A008', 'A002', 'A003'];
    const number = (id: string) => day.flatMap((e) => (e.type === 'TicketIssued' && e.ticket.id === id ? [e.ticket.number] : []))[0];
    const calls = want.map((n, i) => called(`t${Number(n.slice(1))}`, '1', T0 + 60_000 + i));
    const r = replayDay(log(...day, ...calls), hall, []);
    expect(r.priorityViolations).toEqual([]);
    expect(r.calls.map((c) => c.ticket)).toEqual(want);
    expect(number('t4')).toBe('A004');
    // The same calls with the other first: a violation, naming the one the policy wanted.
    const wrong = replayDay(log(...day, called('t1', '1', T0 + 60_000)), hall, []);
    expect(wrong.priorityViolations.map((v) => [v.called, v.expected])).toEqual([['A001', 'A004']]);
  });

  it('the run goes on counting while one list is empty: a green-channel visitor after a run of others is next', () => {
    const hall = hallWith({ mode: 'interleave', priority: 2, normal: 2 });
    const day = fifo([{ type: 'DayStarted', at: T0, day: '2026-11-23' }, ...[1, 2, 3, 4].map((n) => issued(n, 'general', false))]);
    const calls = [called('t1', '1', T0 + 10_000), called('t2', '1', T0 + 11_000), called('t3', '1', T0 + 12_000)];
    const late = issued(9, 'general', true, T0 + 13_000);
    // After three others in a row (≥ 2), the green channel is due: A009 before A004.
    expect(replayDay(log(...day, ...calls, late, called('t9', '1', T0 + 14_000)), hall, []).priorityViolations).toEqual([]);
    expect(replayDay(log(...day, ...calls, late, called('t4', '1', T0 + 14_000)), hall, []).priorityViolations).toHaveLength(1);
  });

  it('strict: the green channel always first; a number called by hand does not count, and is not checked', () => {
    const hall = hallWith({ mode: 'strict' });
    const day = fifo([{ type: 'DayStarted', at: T0, day: '2026-11-23' }, issued(1, 'general', false), issued(2, 'general', true), issued(3, 'general', true)]);
    const r = replayDay(log(...day, called('t1', '1', T0 + 10_000, true), called('t2', '1', T0 + 11_000), called('t3', '2', T0 + 12_000)), hall, []);
    expect(r.priorityViolations).toEqual([]);
    expect(r.callsChecked).toBe(2);
    expect(replayDay(log(...day, called('t1', '1', T0 + 10_000)), hall, []).priorityViolations).toHaveLength(1);
  });

  it('line order: window 3 takes tax (order 2) only when general has nobody; window 4 serves tax only', () => {
    const hall = hallWith({ mode: 'strict' });
    const day = fifo([{ type: 'DayStarted', at: T0, day: '2026-11-23' }, issued(1, 'tax', true), issued(2, 'general', false)]);
    const h = newHall();
    for (const { event } of log(...day)) follow(h, event);
    expect(policyPick(h, hall, '3')?.number).toBe('A002');
    expect(policyPick(h, hall, '4')?.number).toBe('B001');
    expect(policyPick(h, hall, '9')).toBeNull();
  });

  it('warnings: yellow and red waits, a long service, an idle window while somebody waits (red at twice the minutes)', () => {
    const hall = hallWith({ mode: 'strict' }); // thresholds: wait 20/40, service 20/40, idle 5
    const day = fifo([
      { type: 'DayStarted', at: T0, day: '2026-11-23' },
      { type: 'WindowOpened', at: T0, windowNo: '1', staffNo: 'S1', coveringFor: null },
      { type: 'WindowOpened', at: T0, windowNo: '2', staffNo: 'S2', coveringFor: null },
      issued(1, 'general', false, T0),
      issued(2, 'general', false, T0 + 30 * MINUTE),
      { type: 'TicketCalled', at: T0 + 30 * MINUTE, ticketId: 't1', windowNo: '2', outOfOrder: false, auto: false },
      { type: 'ServiceStarted', at: T0 + 30 * MINUTE, ticketId: 't1', windowNo: '2' },
    ]);
    const h = newHall();
    for (const { event } of log(...day)) follow(h, event);
    const at = (min: number) => new Set(warningsAt(h, hall, T0 + min * MINUTE).map(liveKey));
    // 30 min: A002 just issued; window 1 idle since 09:00 but A002 arrived at 09:30 → idle 0 min.
    expect(at(30)).toEqual(new Set());
    expect(at(35)).toEqual(new Set(['idle-window|yellow|general|1|-']));
    expect(at(40)).toEqual(new Set(['idle-window|red|general|1|-']));
    expect(at(50)).toEqual(new Set(['idle-window|red|general|1|-', 'long-wait|yellow|general|-|A002', 'long-service|yellow|general|2|A001']));
    expect(at(70)).toEqual(new Set(['idle-window|red|general|1|-', 'long-wait|red|general|-|A002', 'long-service|red|general|2|A001']));
  });

  it('voice words: the ticket sign by sign, windows 1–99 as Chinese numbers; screens by area', () => {
    expect(ticketSaid('A001')).toEqual(['A', '零', '零', '一']);
    expect(ticketSaid('vip09')).toEqual(['V', 'I', 'P', '零', '九']);
    expect(['3', '10', '12', '20', '35', '99'].map((w) => windowSaid(w).join(''))).toEqual(['三', '十', '十二', '二十', '三十五', '九十九']);
    expect(['05', '100', 'B2'].map((w) => windowSaid(w).join(''))).toEqual(['零五', '一零零', 'B二']);
    const call = { windowNo: '3', zone: 'tax' };
    expect([callIsFor(call, { windowNo: '3' }), callIsFor(call, { windowNo: '4' }), callIsFor(call, { zone: 'tax' }), callIsFor(call, { zone: 'z' }), callIsFor(call, {})]).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
  });
});

/** A random stretch of a hall day as commands; most are accepted, some refused (that is the engine's business). */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('issue' as const), line: fc.constantFrom('general', 'general', 'tax'), green: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('call' as const, 'call' as const, 'start' as const, 'finish' as const, 'miss' as const), window: fc.constantFrom('1', '2', '3', '4') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('pause' as const, 'resume' as const, 'transfer' as const, 'byHand' as const), window: fc.constantFrom('1', '2', '3', '4') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 25 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function command(s: Step, waiting: () => string[]): QueueCommand | QueueCommand[] | null {
  switch (s.op) {
    case 'issue':
      return { type: 'IssueTicket', lineId: s.line, channel: 'kiosk', ...(s.green ? { priorityGroup: 'elderly' } : {}) };
    case 'call':
      // the window is done with whoever it had, then calls the next (a call while busy is refused)
      return [{ type: 'FinishService', windowNo: s.window }, { type: 'CallNext', windowNo: s.window }];
    case 'start':
      return { type: 'StartService', windowNo: s.window };
    case 'finish':
      return { type: 'FinishService', windowNo: s.window };
    case 'miss':
      return { type: 'MarkNoShow', windowNo: s.window };
    case 'pause':
      return { type: 'PauseWindow', windowNo: s.window, reason: '午休' };
    case 'resume':
      return { type: 'ResumeWindow', windowNo: s.window };
    case 'transfer':
      return s.window === '4' ? { type: 'TransferTicket', windowNo: s.window, toWindowNo: '3' } : { type: 'TransferTicket', windowNo: s.window, toLineId: 'tax' };
    case 'byHand': {
      const w = waiting();
      return w.length > 0 ? { type: 'CallTicket', windowNo: s.window, ticketId: w[w.length - 1]! } : null;
    }
    case 'wait':
      return null;
  }
}

describe('the oracle against the real queue engine, on random days', () => {
  for (const priority of [{ mode: 'interleave', priority: 3, normal: 1 }, { mode: 'interleave', priority: 1, normal: 2 }, { mode: 'strict' }] as const) {
    it(`${priority.mode === 'strict' ? 'strict' : `interleave ${priority.priority}:${priority.normal}`}: every call the engine made is the one the oracle expects; warnings and picks agree after every event`, () => {
      const config = hallWith(priority);
      const rules = queueRulesFrom(config);
      // Not vacuous: over the runs, calls were checked, green-channel tickets called, warnings of each kind seen.
      const seen = { callsChecked: 0, greenCalls: 0, normalWhileGreenWaited: 0, warnings: new Set<string>() };
      fc.assert(
        fc.property(fc.array(step, { minLength: 30, maxLength: 120, size: 'max' }), (steps) => {
          const clock = fakeClock();
          const { engine, db } = engineFor(config, clock);
          for (const w of ['1', '2', '3', '4']) engine.execute({ type: 'OpenWindow', windowNo: w, staffNo: `S${w}` });
          for (const s of steps) {
            if (s.op === 'wait') clock.advance(s.minutes * MINUTE);
            const cmd = command(s, () => [...engine.state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id));
            for (const c of cmd === null ? [] : Array.isArray(cmd) ? cmd : [cmd]) engine.execute(c);
          }
          const events = (db.prepare('SELECT seq, data FROM events ORDER BY seq').all() as Array<{ seq: number; data: string }>).map((r) => ({ seq: r.seq, event: JSON.parse(r.data) as LoggedEvent }));
          db.close();

          const replay = replayDay(events, config, []);
          expect(replay.priorityViolations).toEqual([]);
          seen.callsChecked += replay.callsChecked;
          seen.greenCalls += replay.priorityCalls;
          seen.normalWhileGreenWaited += replay.normalBeforeWaitingPriority;
          // Step by step, the oracle's view and the engine's own rules agree on who is next and what is late.
          const hub = emptyQueueState();
          const oracle = newHall();
          for (const [i, { event }] of events.entries()) {
            evolve(hub, event as Parameters<typeof evolve>[1]);
            follow(oracle, event);
            const next = events[i + 1]?.event.at ?? event.at + 30 * MINUTE;
            for (const now of [event.at, next - 1]) {
              const mine = warningsAt(oracle, config, now);
              for (const w of mine) seen.warnings.add(`${w.kind}|${w.level}`);
              expect(new Set(mine.map(liveKey))).toEqual(new Set(currentWarnings(hub, rules, now).map(liveKey)));
            }
            for (const w of ['1', '2', '3', '4']) expect(policyPick(oracle, config, w)?.id ?? null).toBe(pickNext(hub, rules, w)?.id ?? null);
          }
        }),
        propertyRuns(25),
      );
      // 25 random days of 30–120 steps make 150–300 calls; well above none, whatever the draw
      expect(seen.callsChecked).toBeGreaterThan(scaledFloor(100, 25));
      expect(seen.greenCalls).toBeGreaterThan(scaledFloor(20, 25));
      if (priority.mode === 'interleave') expect(seen.normalWhileGreenWaited).toBeGreaterThan(0);
      expect([...seen.warnings].sort()).toEqual(['idle-window|red', 'idle-window|yellow', 'long-service|red', 'long-service|yellow', 'long-wait|red', 'long-wait|yellow']);
    }, 120_000);
  }
});
