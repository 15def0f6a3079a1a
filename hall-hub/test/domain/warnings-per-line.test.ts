import fc from 'fast-check';
import type { Warning } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import { evolve } from '../../src/domain/queue/evolve.js';
import { queueRulesFrom, thresholdsFor, type QueueRules } from '../../src/domain/queue/rules.js';
import { emptyQueueState, type QueueState } from '../../src/domain/queue/state.js';
import { currentWarnings } from '../../src/domain/queue/warnings.js';

/** The tax line has thresholds of its own, half of them overriding the hall's. */
function rulesWithLineThresholds(): QueueRules {
  const rules = queueRulesFrom(smallHall());
  const lines = new Map([...rules.lines].map(([id, l]) => [id, id === 'tax' ? { ...l, warnings: { waitYellowMinutes: 3, waitRedMinutes: 7, serviceYellowMinutes: 2 } } : l]));
  return { ...rules, lines };
}

/** The tickets' warnings as the specification states them: each ticket against its own line's thresholds. */
function ticketWarningsByDefinition(state: QueueState, rules: QueueRules, now: number): Warning[] {
  const out: Warning[] = [];
  for (const t of state.tickets.values()) {
    const th = thresholdsFor(rules, t.lineId);
    const since = t.status === 'waiting' ? t.issuedAt : t.status === 'serving' ? t.startedAt : null;
    if (since === null) continue;
    const m = Math.floor((now - since) / 60_000);
    const [yellow, red] = t.status === 'waiting' ? [th.waitYellowMinutes, th.waitRedMinutes] : [th.serviceYellowMinutes, th.serviceRedMinutes];
    if (m < yellow) continue;
    out.push({
      kind: t.status === 'waiting' ? 'long-wait' : 'long-service',
      level: m >= red ? 'red' : 'yellow',
      lineId: t.lineId,
      windowNo: t.status === 'waiting' ? null : t.windowNo,
      ticketNumber: t.number,
      minutes: m,
      thresholdMinutes: m >= red ? red : yellow,
    });
  }
  return out;
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), line: fc.constantFrom('general', 'tax') }),
  fc.record({ kind: fc.constant('call' as const), window: fc.constantFrom('1', '2', '3', '4') }),
  fc.record({ kind: fc.constant('start' as const), window: fc.constantFrom('1', '2', '3', '4') }),
  fc.record({ kind: fc.constant('finish' as const), window: fc.constantFrom('1', '2', '3', '4') }),
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 0, max: 4 }) }),
);

describe('long-wait and long-service warnings', () => {
  it('on random days, each ticket is held to its own line’s thresholds, in issue order', () => {
    const rules = rulesWithLineThresholds();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 30 }), (steps, lateBy) => {
        const state = emptyQueueState();
        let now = MONDAY_0900;
        let n = 0;
        const run = (cmd: QueueCommand) => {
          const d = decide(state, cmd, { now, rules, newId: `t${++n}` });
          if (d.ok) for (const e of d.events) evolve(state, e);
        };
        run({ type: 'StartDay' });
        for (const [no, staffNo] of [['1', 'S1'], ['2', 'S2'], ['3', 'S3'], ['4', 'S4']] as const) run({ type: 'OpenWindow', windowNo: no, staffNo });
        for (const s of steps) {
          if (s.kind === 'issue') run({ type: 'IssueTicket', lineId: s.line, channel: 'kiosk' });
          else if (s.kind === 'call') run({ type: 'CallNext', windowNo: s.window });
          else if (s.kind === 'start') run({ type: 'StartService', windowNo: s.window });
          else if (s.kind === 'finish') run({ type: 'FinishService', windowNo: s.window });
          else now += s.minutes * 60_000 + 7_000;
        }
        now += lateBy * 60_000;
        const tickets = currentWarnings(state, rules, now).filter((w) => w.kind !== 'idle-window');
        expect(tickets).toEqual(ticketWarningsByDefinition(state, rules, now));
      }),
      { numRuns: 200 },
    );
  });
});
