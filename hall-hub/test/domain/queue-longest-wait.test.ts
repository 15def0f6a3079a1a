import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import { evolve } from '../../src/domain/queue/evolve.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';
import { fromSnapshot, toSnapshot } from '../../src/domain/queue/snapshot.js';
import { emptyQueueState, type QueueState } from '../../src/domain/queue/state.js';
import { lineView } from '../../src/domain/queue/views.js';
import { oldestWaitingAt } from '../../src/domain/queue/waiting-since.js';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { propertyRuns, scaledFloor } from '@hall/testkit/property-runs';
import { queueInMemory } from './queue-in-memory.js';

// 最长等候 is kept as the events arrive (waiting-since.ts) instead of a pass over the waiting lists for every
// view. These check it against that pass — the code lineView had before — after every event of random days.

/** The pass the incremental value replaced: the earliest issue time of the tickets in the line's lists. */
function oldestByScan(state: QueueState, lineId: string): number | null {
  const q = state.lines.get(lineId);
  let oldest: number | null = null;
  for (const id of q ? [...q.priority, ...q.normal] : []) {
    const t = state.tickets.get(id);
    if (t && (oldest === null || t.issuedAt < oldest)) oldest = t.issuedAt;
  }
  return oldest;
}

const LINES = ['general', 'tax'];
const WINDOWS = ['1', '2', '3', '4'];
const STAFF: Record<string, string> = { '1': 'S1', '2': 'S2', '3': 'S3', '4': 'S4' };
const ids = (s: QueueState, status: string) => [...s.tickets.values()].filter((t) => t.status === status).map((t) => t.id);
const nth = <T,>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

type Step = { pick: (s: QueueState) => QueueCommand | null } | { minutes: number };
const window = fc.constantFrom(...WINDOWS);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...LINES), fc.boolean()).map(([lineId, green]): Step => ({ pick: () => ({ type: 'IssueTicket', lineId, channel: 'kiosk', priorityGroup: green ? 'elderly' : undefined }) })) },
  { weight: 2, arbitrary: window.map((w): Step => ({ pick: () => ({ type: 'OpenWindow', windowNo: w, staffNo: STAFF[w]! }) })) },
  { weight: 3, arbitrary: window.map((w): Step => ({ pick: () => ({ type: 'CallNext', windowNo: w }) })) },
  { weight: 2, arbitrary: fc.tuple(window, fc.nat()).map(([w, i]): Step => ({ pick: (s) => { const id = nth(ids(s, 'waiting'), i); return id ? { type: 'CallTicket', windowNo: w, ticketId: id } : null; } })) },
  { weight: 3, arbitrary: fc.tuple(window, fc.constantFrom('StartService', 'FinishService', 'MarkNoShow', 'SuspendTicket', 'CloseWindow')).map(([w, type]): Step => ({ pick: () => ({ type, windowNo: w }) as QueueCommand })) },
  { weight: 2, arbitrary: fc.tuple(window, fc.option(window, { nil: undefined }), fc.constantFrom(...LINES), fc.constantFrom('front', 'keep', 'end') as fc.Arbitrary<'front' | 'keep' | 'end'>).map(([w, to, line, placement]): Step => ({ pick: () => ({ type: 'TransferTicket', windowNo: w, toWindowNo: to, toLineId: to ? undefined : line, placement }) })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.nat()).map(([w, i]): Step => ({ pick: (s) => { const id = nth(s.windows.get(w)?.suspended ?? [], i); return id ? { type: 'ResumeTicket', windowNo: w, ticketId: id } : null; } })) },
  { weight: 2, arbitrary: fc.nat().map((i): Step => ({ pick: (s) => { const id = nth(ids(s, 'no-show'), i); return id ? { type: 'ReinstateTicket', ticketId: id } : null; } })) },
  { weight: 2, arbitrary: fc.nat().map((i): Step => ({ pick: (s) => { const id = nth(ids(s, 'waiting'), i); return id ? { type: 'PostponeTicket', ticketId: id } : null; } })) },
  { weight: 2, arbitrary: fc.nat().map((i): Step => ({ pick: (s) => { const id = nth([...ids(s, 'waiting'), ...ids(s, 'no-show')], i); return id ? { type: 'CancelTicket', ticketId: id, reason: 'left' } : null; } })) },
  { weight: 1, arbitrary: fc.constant<Step>({ pick: () => ({ type: 'StartDay' }) }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map((minutes): Step => ({ minutes })) },
);

describe('最长等候, kept as events arrive', () => {
  const rules = queueRulesFrom(smallHall());

  it('after every event of random days it equals the pass over the waiting lists, and survives a snapshot', () => {
    /** events that took a ticket out of a line with others still waiting, and that put an older one back */
    let left = 0;
    let returned = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 200, size: 'max' }), (steps) => {
        const state = emptyQueueState();
        let now = MONDAY_0900;
        let n = 0;
        const check = (s: QueueState) => {
          for (const lineId of LINES) {
            expect(oldestWaitingAt(s, lineId)).toBe(oldestByScan(s, lineId));
            const oldest = oldestByScan(s, lineId);
            expect(lineView(s, rules, lineId, now).longestWaitMinutes).toBe(oldest === null ? null : Math.floor((now - oldest) / 60_000));
          }
        };
        const apply = (cmd: QueueCommand) => {
          const d = decide(state, cmd, { now, rules, newId: `t${++n}` });
          if (!d.ok) return;
          for (const e of d.events) {
            evolve(state, e);
            check(state);
            const line = 'ticketId' in e && e.ticketId !== null ? state.tickets.get(e.ticketId)?.lineId : undefined;
            const waiting = line !== undefined && oldestByScan(state, line) !== null;
            if (waiting && (e.type === 'TicketCalled' || e.type === 'TicketCancelled')) left += 1;
            if (waiting && (e.type === 'TicketReinstated' || e.type === 'TicketTransferred')) returned += 1;
          }
        };
        const startDay = () => {
          apply({ type: 'StartDay' });
          for (const w of WINDOWS) apply({ type: 'OpenWindow', windowNo: w, staffNo: STAFF[w]! });
        };
        startDay();
        for (const step of steps) {
          // A StartDay on the same day is refused; a wait past midnight makes the next one start a new day.
          if ('minutes' in step) now += step.minutes * MINUTE;
          else {
            const cmd = step.pick(state);
            if (cmd?.type === 'StartDay') {
              now += 24 * 60 * MINUTE;
              startDay();
            } else if (cmd) apply(cmd);
          }
        }
        check(fromSnapshot(structuredClone(toSnapshot(state))));
      }),
      propertyRuns(300),
    );
    // The days must really take tickets out of lines and put them back, or the property proves little.
    expect(left).toBeGreaterThan(scaledFloor(1200, 300));
    expect(returned).toBeGreaterThan(scaledFloor(200, 300));
  });

  it('moves on to the next oldest when the oldest is called, and back when an older ticket returns', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const first = q.issue(); // 09:00
    q.advance(5 * MINUTE);
    q.issue(); // 09:05
    q.advance(5 * MINUTE);
    const longest = () => lineView(q.state, q.rules, 'general', q.now).longestWaitMinutes;
    expect(longest()).toBe(10);
    q.ok({ type: 'CallNext', windowNo: '1' }); // the 09:00 ticket
    expect(longest()).toBe(5);
    q.ok({ type: 'MarkNoShow', windowNo: '1' });
    q.ok({ type: 'ReinstateTicket', ticketId: first }); // back in the line, its wait still counted from 09:00
    expect(longest()).toBe(10);
    q.ok({ type: 'CancelTicket', ticketId: first, reason: 'left' });
    expect(longest()).toBe(5);
    q.ok({ type: 'CallNext', windowNo: '1' });
    expect(longest()).toBe(null);
  });
});
