import { describe, expect, it } from 'vitest';
import { currentWarnings } from '../../src/domain/queue/warnings.js';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// 红黄灯预警 whole, at each threshold to the minute: what the wall and the SMS notice show (minutes, the
// threshold crossed), not only which warnings exist — the soak's oracle compares kinds and levels, not these.

const base = smallHall();
// tax has thresholds of its own (a line's own override the hall's)
const lines = base.lines.map((l) => (l.id === 'tax' ? { ...l, warnings: { waitYellowMinutes: 5, waitRedMinutes: 8, serviceYellowMinutes: 3, serviceRedMinutes: 6, idleWithQueueMinutes: 2 } } : l));

describe('warnings, whole', () => {
  it('a long wait: nothing at 19 minutes, yellow from 20, red from 40, with the minutes and the threshold', () => {
    const q = queueInMemory();
    q.issue();
    q.advance(20 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([
      { kind: 'long-wait', level: 'yellow', lineId: 'general', windowNo: null, ticketNumber: 'A001', minutes: 20, thresholdMinutes: 20 },
    ]);
    q.advance(20 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now)).toMatchObject([{ level: 'yellow', minutes: 39, thresholdMinutes: 20 }]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([
      { kind: 'long-wait', level: 'red', lineId: 'general', windowNo: null, ticketNumber: 'A001', minutes: 40, thresholdMinutes: 40 },
    ]);
  });

  it('a long service counts from its start, not its call; a called ticket not yet started is not a long service', () => {
    const q = queueInMemory({ lines });
    q.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    q.issue({ lineId: 'tax' });
    q.ok({ type: 'CallNext', windowNo: '4' });
    q.advance(10 * MINUTE);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([]);
    q.ok({ type: 'StartService', windowNo: '4' });
    q.advance(3 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([
      { kind: 'long-service', level: 'yellow', lineId: 'tax', windowNo: '4', ticketNumber: 'B001', minutes: 3, thresholdMinutes: 3 },
    ]);
    q.advance(3 * MINUTE);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([
      { kind: 'long-service', level: 'red', lineId: 'tax', windowNo: '4', ticketNumber: 'B001', minutes: 6, thresholdMinutes: 6 },
    ]);
  });

  it('an idle window with somebody to call: from the later of idle and arrival; red at twice the minutes; by the line of who is next', () => {
    const q = queueInMemory({ lines });
    q.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    q.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    q.advance(30 * MINUTE);
    q.issue({ lineId: 'tax' });
    q.advance(2 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([
      { kind: 'idle-window', level: 'yellow', lineId: 'tax', windowNo: '4', ticketNumber: null, minutes: 2, thresholdMinutes: 2 },
    ]);
    q.advance(2 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now)).toMatchObject([{ kind: 'idle-window', level: 'yellow', minutes: 3 }]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now)).toMatchObject([{ kind: 'idle-window', level: 'red', minutes: 4, thresholdMinutes: 2 }]);
    // a paused window is not idle
    q.ok({ type: 'PauseWindow', windowNo: '4', reason: '休息' });
    expect(currentWarnings(q.state, q.rules, q.now)).toEqual([]);
  });

  it('a window idle before anybody came counts from the arrival; one opened after it from its opening', () => {
    const q = queueInMemory();
    q.issue();
    q.advance(3 * MINUTE);
    q.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    q.advance(5 * MINUTE - 1);
    expect(currentWarnings(q.state, q.rules, q.now).filter((w) => w.kind === 'idle-window')).toEqual([]);
    q.advance(1);
    expect(currentWarnings(q.state, q.rules, q.now).filter((w) => w.kind === 'idle-window')).toEqual([
      { kind: 'idle-window', level: 'yellow', lineId: 'general', windowNo: '1', ticketNumber: null, minutes: 5, thresholdMinutes: 5 },
    ]);
  });
});
