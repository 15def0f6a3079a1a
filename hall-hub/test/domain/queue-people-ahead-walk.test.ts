import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityPolicy } from '../../src/domain/hall-vocabulary.js';
import { kindToCall, peopleAhead } from '../../src/domain/queue/selection.js';
import { emptyQueueState, type LineQueue, type QueueKind, type Ticket } from '../../src/domain/queue/state.js';
import { propertyRuns } from '@hall/testkit/property-runs';

// "People ahead" is answered with every ticket issued, over lists thousands long on a busy day; the walk stops
// as soon as the other list is used up. This checks it against the whole walk, one call at a time, as it was.

/** The walk as the policy states it: each call in turn, until our ticket's. */
function aheadByWalk(q: LineQueue, policy: PriorityPolicy, isPriority: boolean, pos: number): number {
  let ahead = 0;
  let ownLeft = pos;
  let otherLeft = isPriority ? q.normal.length : q.priority.length;
  let run = { ...q.run };
  for (;;) {
    const kind: QueueKind = otherLeft === 0 ? (isPriority ? 'priority' : 'normal') : kindToCall(run, policy);
    if ((kind === 'priority') === isPriority) {
      if (ownLeft === 0) return ahead;
      ownLeft -= 1;
    } else otherLeft -= 1;
    ahead += 1;
    run = run.kind === kind ? { kind, count: run.count + 1 } : { kind, count: 1 };
  }
}

function ticket(id: string, priority: boolean): Ticket {
  return {
    id, number: id, serial: 1, day: '2026-11-23', lineId: 'general', channel: 'kiosk', priorityGroup: priority ? 'elderly' : null,
    appointmentCode: null, idKey: null, idMasked: null, idCipher: null, status: 'waiting', windowNo: null, reservedWindow: null,
    issuedAt: 0, calledAt: null, startedAt: null, finishedAt: null, missedAt: null, recallCount: 0, transferCount: 0, rating: null,
  };
}

const policyArb: fc.Arbitrary<PriorityPolicy> = fc.oneof(
  fc.constant<PriorityPolicy>({ mode: 'strict' }),
  fc.record({ mode: fc.constant('interleave' as const), priority: fc.integer({ min: 1, max: 5 }), normal: fc.integer({ min: 1, max: 5 }) }),
);

describe('people ahead', () => {
  it('equals the call-by-call walk for any lists, run and policy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.record({ kind: fc.constantFrom<QueueKind>('priority', 'normal'), count: fc.integer({ min: 0, max: 6 }) }),
        policyArb,
        fc.boolean(),
        fc.nat(),
        (nPriority, nNormal, run, policy, inPriority, at) => {
          const own = inPriority ? nPriority : nNormal;
          fc.pre(own > 0);
          const q: LineQueue = {
            priority: Array.from({ length: nPriority }, (_, i) => `p${i}`),
            normal: Array.from({ length: nNormal }, (_, i) => `n${i}`),
            run,
            issued: 0,
            recentServiceMs: [],
          };
          const pos = at % own;
          const t = ticket(`${inPriority ? 'p' : 'n'}${pos}`, inPriority);
          expect(peopleAhead(emptyQueueState(), q, policy, t)).toBe(aheadByWalk(q, policy, inPriority, pos));
          expect(q.run).toEqual(run); // the line's own run is not touched
        },
      ),
      propertyRuns(2000),
    );
  });
});
