import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyQueueState, type QueueState, type Ticket } from '../../src/domain/queue/state.js';
import { noteWaiting, oldestWaitingAt, settleWaiting } from '../../src/domain/queue/waiting-since.js';
import { MINUTE } from '@hall/testkit/hall-fixture';
import { propertyRuns } from '@hall/testkit/property-runs';
import { queueInMemory } from './queue-in-memory.js';

// The longest-wait heap on its own: entries pushed in any order of issue time and taken away in any order must
// leave the earliest still waiting on top. The whole-queue property (queue-longest-wait) reaches deep heaps only
// now and then; this one builds them directly.

const A_TICKET: Ticket = (() => {
  const q = queueInMemory();
  const id = q.issue();
  return { ...q.state.tickets.get(id)! };
})();

function stateWith(issuedAts: readonly number[]): QueueState {
  const state = emptyQueueState();
  issuedAts.forEach((at, i) => {
    const id = `t${i}`;
    state.tickets.set(id, { ...A_TICKET, id, lineId: 'L', status: 'waiting', issuedAt: at });
    noteWaiting(state, 'L', id, at);
  });
  return state;
}

const earliestWaiting = (state: QueueState): number | null => {
  const ats = [...state.tickets.values()].filter((t) => t.status === 'waiting' && t.lineId === 'L').map((t) => t.issuedAt);
  return ats.length === 0 ? null : Math.min(...ats);
};

describe('the longest-wait heap', () => {
  it('keeps the earliest waiting ticket on top however entries come and go', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }).chain((ats) =>
          fc.tuple(fc.constant(ats), fc.shuffledSubarray(ats.map((_, i) => i), { minLength: ats.length, maxLength: ats.length })),
        ),
        ([ats, leaving]) => {
          const state = stateWith(ats);
          expect(oldestWaitingAt(state, 'L')).toBe(earliestWaiting(state));
          for (const i of leaving) {
            state.tickets.get(`t${i}`)!.status = 'done';
            settleWaiting(state, 'L');
            expect(oldestWaitingAt(state, 'L')).toBe(earliestWaiting(state));
          }
        },
      ),
      propertyRuns(300),
    );
  });

  it('seven entries taken from the top one by one come out in order (every parent compared with both children)', () => {
    const state = stateWith([7, 3, 6, 1, 5, 2, 4].map((m) => m * MINUTE));
    const order: Array<number | null> = [];
    for (let k = 0; k < 7; k++) {
      const top = oldestWaitingAt(state, 'L')!;
      order.push(top / MINUTE);
      for (const t of state.tickets.values()) if (t.issuedAt === top) t.status = 'done';
      settleWaiting(state, 'L');
    }
    order.push(oldestWaitingAt(state, 'L'));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, null]);
  });

  it('a ticket transferred to another line no longer counts for the line it left, though its entry there is still in the heap', () => {
    const q = queueInMemory();
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const first = q.issue();
    q.advance(5 * MINUTE);
    // a green-channel ticket, called before the first: its entry stays in the general heap, below the first's
    const green = q.issue({ priorityGroup: 'elderly' });
    q.ok({ type: 'CallNext', windowNo: '1' });
    expect(q.state.tickets.get(green)!.status).toBe('called');
    q.ok({ type: 'TransferTicket', windowNo: '1', toLineId: 'tax', placement: 'end' });
    expect(q.state.tickets.get(green)).toMatchObject({ status: 'waiting', lineId: 'tax' });
    expect(oldestWaitingAt(q.state, 'general')).toBe(q.state.tickets.get(first)!.issuedAt);
    expect(oldestWaitingAt(q.state, 'tax')).toBe(q.state.tickets.get(green)!.issuedAt);
    // the first is called: nobody waits in general any more, though the green ticket's old entry surfaces there
    q.ok({ type: 'CallNext', windowNo: '1' });
    expect(q.state.tickets.get(first)!.status).toBe('called');
    expect(oldestWaitingAt(q.state, 'general')).toBeNull();
  });
});
