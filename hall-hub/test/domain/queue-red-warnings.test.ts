import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import { evolve } from '../../src/domain/queue/evolve.js';
import { queueRulesFrom, type QueueRules } from '../../src/domain/queue/rules.js';
import { emptyQueueState, type QueueState } from '../../src/domain/queue/state.js';
import { currentWarnings, redWarnings } from '../../src/domain/queue/warnings.js';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { propertyRuns, scaledFloor } from '@hall/testkit/property-runs';

// The managers' SMS look for new red warnings after every event. redWarnings skips the pass over the day's
// tickets when no line's longest wait and no service is past red; these check it lists exactly the red ones of
// the full pass, in its order, after every event of random days.

/** The tax line's waits turn red early (12 minutes), the general line's at the hall's 40; services at 4 and 3. */
function rules(): QueueRules {
  const base = queueRulesFrom(smallHall());
  const own = (id: string) => (id === 'tax' ? { waitYellowMinutes: 3, waitRedMinutes: 12, serviceRedMinutes: 4 } : { serviceYellowMinutes: 2, serviceRedMinutes: 3 });
  const lines = new Map([...base.lines].map(([id, l]) => [id, { ...l, warnings: own(id) }]));
  return { ...base, lines };
}

const WINDOWS = ['1', '2', '3', '4'];
const STAFF: Record<string, string> = { '1': 'S1', '2': 'S2', '3': 'S3', '4': 'S4' };
const waiting = (s: QueueState) => [...s.tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id);

type Step = { pick: (s: QueueState) => QueueCommand | null } | { minutes: number };
const window = fc.constantFrom(...WINDOWS);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('general', 'tax').map((lineId): Step => ({ pick: () => ({ type: 'IssueTicket', lineId, channel: 'kiosk' }) })) },
  { weight: 5, arbitrary: fc.tuple(window, fc.constantFrom('CallNext', 'StartService')).map(([w, type]): Step => ({ pick: () => ({ type, windowNo: w }) })) },
  { weight: 2, arbitrary: fc.tuple(window, fc.constantFrom('FinishService', 'MarkNoShow', 'SuspendTicket', 'PauseWindow', 'ResumeWindow')).map(([w, type]): Step => ({ pick: () => (type === 'PauseWindow' ? { type, windowNo: w, reason: '休息' } : { type, windowNo: w }) as QueueCommand })) },
  { weight: 1, arbitrary: fc.tuple(window, fc.constantFrom('front', 'end') as fc.Arbitrary<'front' | 'end'>).map(([w, placement]): Step => ({ pick: () => ({ type: 'TransferTicket', windowNo: w, toLineId: 'tax', placement }) })) },
  { weight: 1, arbitrary: fc.nat().map((i): Step => ({ pick: (s) => { const ids = waiting(s); const id = ids[i % Math.max(1, ids.length)]; return id ? { type: 'CancelTicket', ticketId: id, reason: 'left' } : null; } })) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }).map((minutes): Step => ({ minutes })) },
);

describe('red warnings after every event', () => {
  const r = rules();

  it('are the red ones of the full pass, in its order, whether or not the pass over the tickets is skipped', () => {
    let withRed = 0;
    let withoutRed = 0;
    /** red services while no wait is red: only the windows' tickets tell the shortcut to make the pass */
    let serviceOnly = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        const state = emptyQueueState();
        let now = MONDAY_0900;
        let n = 0;
        const apply = (cmd: QueueCommand) => {
          const d = decide(state, cmd, { now, rules: r, newId: `t${++n}` });
          if (!d.ok) return;
          for (const e of d.events) {
            evolve(state, e);
            const red = currentWarnings(state, r, now).filter((w) => w.level === 'red');
            expect(redWarnings(state, r, now)).toEqual(red);
            if (red.some((w) => w.kind !== 'idle-window')) withRed += 1;
            else withoutRed += 1;
            if (red.some((w) => w.kind === 'long-service') && !red.some((w) => w.kind === 'long-wait')) serviceOnly += 1;
          }
        };
        apply({ type: 'StartDay' });
        for (const w of WINDOWS) apply({ type: 'OpenWindow', windowNo: w, staffNo: STAFF[w]! });
        for (const step of steps) {
          if ('minutes' in step) now += step.minutes * MINUTE;
          else {
            const cmd = step.pick(state);
            if (cmd) apply(cmd);
          }
        }
      }),
      propertyRuns(300),
    );
    // Both sides of the shortcut must be exercised, or the property proves little.
    expect(withRed).toBeGreaterThan(scaledFloor(1000, 300));
    expect(withoutRed).toBeGreaterThan(scaledFloor(2000, 300));
    expect(serviceOnly).toBeGreaterThan(scaledFloor(120, 300));
  });

  it('a wait or a service turns red at its threshold minute exactly, and the shortcut then makes the pass', () => {
    const state = emptyQueueState();
    let now = MONDAY_0900;
    let n = 0;
    const apply = (cmd: QueueCommand) => {
      const d = decide(state, cmd, { now, rules: r, newId: `t${++n}` });
      if (!d.ok) throw new Error(`${cmd.type} refused: ${d.refusal.code}`);
      for (const e of d.events) evolve(state, e);
    };
    const red = () => redWarnings(state, r, now).map((w) => `${w.kind} ${w.ticketNumber ?? w.windowNo} ${w.minutes}`);
    apply({ type: 'StartDay' });
    apply({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    // general: served at the window, red after 3 minutes of service (its wait turns red only at the hall's 40)
    apply({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    apply({ type: 'CallNext', windowNo: '1' });
    apply({ type: 'StartService', windowNo: '1' });
    now += 3 * MINUTE - 1;
    expect(red().filter((w) => !w.startsWith('idle'))).toEqual([]);
    now += 1;
    expect(red().filter((w) => w.startsWith('long-service'))).toHaveLength(1);
    expect(redWarnings(state, r, now)).toEqual(currentWarnings(state, r, now).filter((w) => w.level === 'red'));
    apply({ type: 'FinishService', windowNo: '1' });
    // tax: waiting, red at 12 minutes; nothing else is red
    const issued = now;
    apply({ type: 'IssueTicket', lineId: 'tax', channel: 'kiosk' });
    now = issued + 12 * MINUTE - 1;
    expect(red().filter((w) => w.startsWith('long-wait'))).toEqual([]);
    now = issued + 12 * MINUTE;
    expect(red().filter((w) => w.startsWith('long-wait'))).toHaveLength(1);
    expect(redWarnings(state, r, now)).toEqual(currentWarnings(state, r, now).filter((w) => w.level === 'red'));
  });
});
