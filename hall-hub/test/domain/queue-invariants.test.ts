import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import type { QueueEvent } from '../../src/domain/queue/events.js';
import { evolve } from '../../src/domain/queue/evolve.js';
import { queueRulesFrom, type QueueRules } from '../../src/domain/queue/rules.js';
import { emptyQueueState, FINAL_STATUSES, OPEN_STATUSES, type QueueState } from '../../src/domain/queue/state.js';
import { fromSnapshot, toSnapshot } from '../../src/domain/queue/snapshot.js';
import { engineFor, fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { propertyRuns, scaledFloor } from '@hall/testkit/property-runs';

type Step =
  | { kind: 'cmd'; pick: (s: QueueState) => QueueCommand | null }
  | { kind: 'wait'; minutes: number };

const WINDOWS = ['1', '2', '3', '4'];
const STAFF: Record<string, string> = { '1': 'S1', '2': 'S2', '3': 'S3', '4': 'S4' };

const anyOf = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

function ticketsIn(s: QueueState, status: string): string[] {
  return [...s.tickets.values()].filter((t) => t.status === status).map((t) => t.id);
}

const window = fc.constantFrom(...WINDOWS);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ line: fc.constantFrom('general', 'tax'), prio: fc.constantFrom(undefined, undefined, 'elderly'), id: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), req: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }) }).map(
    ({ line, prio, id, req }): Step => ({
      kind: 'cmd',
      pick: () => ({
        type: 'IssueTicket',
        lineId: line,
        channel: 'kiosk',
        priorityGroup: prio,
        identity: id === undefined ? undefined : { idKey: `id${id}`, idMasked: 'm', idCipher: 'c' },
        requestId: req === undefined ? undefined : `request-${req}`,
      }),
    }),
  ) },
  { weight: 2, arbitrary: window.map((w): Step => ({ kind: 'cmd', pick: () => ({ type: 'OpenWindow', windowNo: w, staffNo: STAFF[w]! }) })) },
  { weight: 6, arbitrary: fc.tuple(window, fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined })).map(([w, req]): Step => ({ kind: 'cmd', pick: () => ({ type: 'CallNext', windowNo: w, requestId: req === undefined ? undefined : `press-${req}` }) })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.nat()).map(([w, i]): Step => ({ kind: 'cmd', pick: (s) => { const id = anyOf(ticketsIn(s, 'waiting'), i); return id ? { type: 'CallTicket', windowNo: w, ticketId: id } : null; } })) },
  { weight: 3, arbitrary: fc.tuple(window, fc.constantFrom('Recall', 'StartService', 'FinishService', 'MarkNoShow', 'SuspendTicket', 'CloseWindow', 'ResumeWindow')).map(([w, type]): Step => ({ kind: 'cmd', pick: () => ({ type, windowNo: w }) as QueueCommand })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.string({ minLength: 1, maxLength: 6 })).map(([w, reason]): Step => ({ kind: 'cmd', pick: () => ({ type: 'PauseWindow', windowNo: w, reason }) })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.option(window, { nil: undefined }), fc.constantFrom('front', 'keep', 'end') as fc.Arbitrary<'front' | 'keep' | 'end'>).map(([w, to, placement]): Step => ({ kind: 'cmd', pick: () => ({ type: 'TransferTicket', windowNo: w, toWindowNo: to, toLineId: to ? undefined : 'tax', placement }) })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.nat()).map(([w, i]): Step => ({ kind: 'cmd', pick: (s) => { const id = anyOf(s.windows.get(w)?.suspended ?? [], i); return id ? { type: 'ResumeTicket', windowNo: w, ticketId: id } : null; } })) },
  { weight: 1, arbitrary: fc.nat().map((i): Step => ({ kind: 'cmd', pick: (s) => { const id = anyOf(ticketsIn(s, 'no-show'), i); return id ? { type: 'ReinstateTicket', ticketId: id } : null; } })) },
  { weight: 1, arbitrary: fc.nat().map((i): Step => ({ kind: 'cmd', pick: (s) => { const id = anyOf(ticketsIn(s, 'waiting'), i); return id ? { type: 'CancelTicket', ticketId: id, reason: 'left' } : null; } })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((minutes): Step => ({ kind: 'wait', minutes })) },
);

const openAll: Step[] = WINDOWS.map((w) => ({ kind: 'cmd', pick: () => ({ type: 'OpenWindow', windowNo: w, staffNo: STAFF[w]! }) }));
/** Random sequences of full length (fast-check's default size keeps arrays short), windows opened first. */
const steps = (max: number) =>
  fc.array(stepArb, { minLength: 1, maxLength: max, size: 'max' }).map((xs) => [...openAll, ...xs]);

interface Run {
  state: QueueState;
  events: QueueEvent[];
  /** every in-order call, with what was waiting just before it */
  calls: Array<{ ticketId: string; windowNo: string; before: QueueState }>;
}

function runSteps(rules: QueueRules, steps: Step[]): Run {
  const state = emptyQueueState();
  const events: QueueEvent[] = [];
  const calls: Run['calls'] = [];
  let now = MONDAY_0900;
  let n = 0;
  const apply = (cmd: QueueCommand) => {
    const before = fromSnapshot(structuredClone(toSnapshot(state)));
    const d = decide(state, cmd, { now, rules, newId: `id-${++n}` });
    if (!d.ok) return;
    for (const e of d.events) {
      if (e.type === 'TicketCalled' && !e.outOfOrder) calls.push({ ticketId: e.ticketId, windowNo: e.windowNo, before });
      evolve(state, e);
      events.push(e);
    }
  };
  apply({ type: 'StartDay' });
  for (const step of steps) {
    if (step.kind === 'wait') now += step.minutes * MINUTE;
    else {
      const cmd = step.pick(state);
      if (cmd) apply(cmd);
    }
  }
  return { state, events, calls };
}

function checkInvariants(rules: QueueRules, run: Run): void {
  const { state } = run;
  // Numbers unique per day and line: one ticket per number, and per (line prefix, serial).
  const numbers = [...state.tickets.values()].map((t) => t.number);
  expect(new Set(numbers).size).toBe(numbers.length);
  // No ticket at two windows; a window's ticket is called or serving there.
  const held = [...state.windows.values()].map((w) => w.currentTicketId).filter((x): x is string => x !== null);
  expect(new Set(held).size).toBe(held.length);
  for (const w of state.windows.values()) {
    if (!w.currentTicketId) continue;
    const t = state.tickets.get(w.currentTicketId)!;
    expect(['called', 'serving']).toContain(t.status);
    expect(t.windowNo).toBe(w.no);
  }
  // Every ticket is open or in exactly one final state; waiting ones are listed exactly once, others never.
  const listed = [...state.lines.values()].flatMap((q) => [...q.priority, ...q.normal]);
  expect(new Set(listed).size).toBe(listed.length);
  for (const t of state.tickets.values()) {
    expect(OPEN_STATUSES.has(t.status) !== FINAL_STATUSES.has(t.status)).toBe(true);
    expect(listed.includes(t.id)).toBe(t.status === 'waiting');
    if (t.status === 'called' || t.status === 'serving') expect(held).toContain(t.id);
  }
  // Call order obeys the policy: FIFO within a kind, and the kind is the one the policy picks.
  const policy = rules.policy.priority;
  for (const { ticketId, windowNo, before } of run.calls) {
    const t = before.tickets.get(ticketId)!;
    const q = before.lines.get(t.lineId)!;
    const kind = t.priorityGroup ? 'priority' : 'normal';
    const callable = (id: string) => {
      const r = before.tickets.get(id)!.reservedWindow;
      return r === null || r === windowNo || id === ticketId;
    };
    expect(q[kind].filter(callable)[0]).toBe(ticketId);
    const otherWaiting = q[kind === 'priority' ? 'normal' : 'priority'].filter(callable).length > 0;
    if (otherWaiting && policy.mode === 'interleave' && q.run.kind === kind) {
      expect(q.run.count).toBeLessThan(kind === 'priority' ? policy.priority : policy.normal);
    }
  }
}

describe('queue invariants under random command sequences', () => {
  const rules = queueRulesFrom(smallHall());

  it('numbers unique; no ticket at two windows; one state each; order obeys the policy', () => {
    let calls = 0;
    let tickets = 0;
    fc.assert(
      fc.property(steps(150), (steps) => {
        const run = runSteps(rules, steps);
        calls += run.calls.length;
        tickets += run.state.tickets.size;
        checkInvariants(rules, run);
      }),
      propertyRuns(300),
    );
    // The generator must really exercise calling, or the properties above prove little.
    expect(calls).toBeGreaterThan(scaledFloor(1000, 300));
    expect(tickets).toBeGreaterThan(scaledFloor(2000, 300));
  });

  it('the same invariants under the strict policy', () => {
    const base = smallHall();
    const strict = queueRulesFrom({ ...base, policy: { ...base.policy, priority: { mode: 'strict' } } });
    fc.assert(
      fc.property(steps(150), (steps) => {
        const run = runSteps(strict, steps);
        checkInvariants(strict, run);
        for (const { ticketId, windowNo, before } of run.calls) {
          const t = before.tickets.get(ticketId)!;
          if (!t.priorityGroup) {
            // strict: a normal ticket is only called when no green-channel ticket of its line could be
            const q = before.lines.get(t.lineId)!;
            const callablePriority = q.priority.filter((id) => {
              const r = before.tickets.get(id)!.reservedWindow;
              return r === null || r === windowNo;
            });
            expect(callablePriority).toEqual([]);
          }
        }
      }),
      propertyRuns(200),
    );
  });

  it('replaying the event log rebuilds exactly the same state', () => {
    fc.assert(
      fc.property(steps(100), (steps) => {
        const run = runSteps(rules, steps);
        const replayed = emptyQueueState();
        for (const e of structuredClone(run.events)) evolve(replayed, e);
        expect(toSnapshot(replayed)).toEqual(toSnapshot(run.state));
      }),
      propertyRuns(200),
    );
  });

  it('an engine reopened on its SQLite file has the state it had', () => {
    fc.assert(
      fc.property(steps(60), (steps) => {
        const clock = fakeClock();
        const first = engineFor(smallHall(), clock);
        for (const step of steps) {
          if (step.kind === 'wait') clock.advance(step.minutes * MINUTE);
          else {
            const cmd = step.pick(first.engine.state);
            if (cmd) first.engine.execute(cmd);
          }
        }
        const before = toSnapshot(first.engine.state);
        first.engine.close();
        first.db.close();
        const reopened = engineFor(smallHall(), clock, first.dbFile);
        expect(toSnapshot(reopened.engine.state)).toEqual(before);
        reopened.engine.close();
        reopened.db.close();
      }),
      propertyRuns(40),
    );
  });
});
