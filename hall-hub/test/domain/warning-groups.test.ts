import type { Warning } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { groupStatus, groupWarnings, stepRedEpisodes, type RedEpisode } from '../../src/domain/queue/warning-groups.js';
import { currentWarnings } from '../../src/domain/queue/warnings.js';
import { lineView } from '../../src/domain/queue/views.js';
import { engineFor } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { callNext, issue, ok } from './queue-engine-steps.js';

const wait = (ticketNumber: string, minutes: number, lineId = 'general'): Warning => ({
  kind: 'long-wait',
  level: minutes >= 40 ? 'red' : 'yellow',
  lineId,
  windowNo: null,
  ticketNumber,
  minutes,
  thresholdMinutes: minutes >= 40 ? 40 : 20,
});

describe('红黄灯 grouped per line and per window', () => {
  it('the waits of a line are one row, a window’s long service and idleness another; red first, worst light and oldest wait shown', () => {
    const { engine, clock } = engineFor(smallHall());
    for (let i = 0; i < 4; i++) issue(engine); // A001..A004
    issue(engine, { lineId: 'tax' }); // B001
    ok(engine, { type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    clock.advance(25 * MINUTE);
    expect(callNext(engine, '1')).toBe('A001');
    ok(engine, { type: 'StartService', windowNo: '1' });
    clock.advance(20 * MINUTE);
    const groups = groupWarnings(currentWarnings(engine.state, engine.rules, clock.now()));
    // 45 minutes for A002..A004 and B001 (red); A001 in service for 20 minutes at window 1 (the yellow service
    // threshold).
    expect(groups.map((g) => [g.key, g.level, g.count, g.red, g.yellow, g.longestMinutes])).toEqual([
      ['line:general', 'red', 3, 3, 0, 45],
      ['line:tax', 'red', 1, 1, 0, 45],
      ['window:1', 'yellow', 1, 0, 1, 20],
    ]);
    expect(groups[0]!.warnings.map((w) => w.ticketNumber)).toEqual(['A002', 'A003', 'A004']);
    expect(groups[2]).toMatchObject({ scope: 'window', windowNo: '1', lineId: null });
  });

  it('a group is as bad as its worst warning, however many yellows it holds', () => {
    const [g] = groupWarnings([wait('A001', 21), wait('A002', 41), wait('A003', 22)]);
    expect(g).toMatchObject({ key: 'line:general', level: 'red', count: 3, red: 1, yellow: 2, longestMinutes: 41 });
    expect(g!.warnings.map((w) => w.ticketNumber)).toEqual(['A002', 'A003', 'A001']);
  });
});

describe('a red episode: one SMS from turning red until the group has been calm a while', () => {
  const CALM = 5 * MINUTE;
  const run = (looks: Array<[at: number, red: string[]]>) => {
    let open: RedEpisode[] = [];
    const started: Array<[number, string]> = [];
    for (const [at, red] of looks) {
      const step = stepRedEpisodes(open, new Set(red), at, CALM);
      started.push(...step.started.map((e): [number, string] => [at, e.key]));
      open = step.open;
    }
    return { started, open };
  };

  it('refreshes while red start nothing new', () => {
    const { started, open } = run([
      [0, []],
      [1, ['line:a']],
      [2, ['line:a']],
      [3, ['line:a', 'window:3']],
      [4, ['line:a', 'window:3']],
    ]);
    expect(started).toEqual([
      [1, 'line:a'],
      [3, 'window:3'],
    ]);
    expect(open.map((e) => [e.key, e.startedAt, e.calmSince])).toEqual([
      ['line:a', 1, null],
      ['window:3', 3, null],
    ]);
  });

  it('a flicker out of red and back inside the calm period is the same episode; red after a calm period is a new one', () => {
    const { started } = run([
      [0, ['line:a']],
      [1 * MINUTE, []],
      [3 * MINUTE, ['line:a']], // back within 5 minutes: same episode
      [4 * MINUTE, []],
      [8 * MINUTE, []], // 4 minutes calm: still open
      [9 * MINUTE, []], // 5 minutes calm: over
      [10 * MINUTE, ['line:a']], // a new episode
    ]);
    expect(started).toEqual([
      [0, 'line:a'],
      [10 * MINUTE, 'line:a'],
    ]);
  });

  it('an episode is over only after the calm period, and says since when it was calm', () => {
    const a = stepRedEpisodes([{ key: 'line:a', startedAt: 0, calmSince: null }], new Set(), 2 * MINUTE, CALM);
    expect(a.ended).toEqual([]);
    expect(a.open).toEqual([{ key: 'line:a', startedAt: 0, calmSince: 2 * MINUTE }]);
    const b = stepRedEpisodes(a.open, new Set(), 7 * MINUTE, CALM);
    expect(b.ended).toEqual([{ key: 'line:a', startedAt: 0, calmSince: 2 * MINUTE }]);
    expect(b.open).toEqual([]);
  });
});

describe('what a group’s actions amount to', () => {
  it('an acknowledgement of the yellow does not cover the red; the assignment stands until replaced', () => {
    const actions = [
      { action: 'acknowledge' as const, assignee: null, at: 10 },
      { action: 'assign' as const, assignee: 'S2 王芳', at: 11 },
      { action: 'escalate' as const, assignee: null, at: 12 },
    ];
    expect(groupStatus(actions, null)).toEqual({ acknowledged: true, assignee: 'S2 王芳', escalated: true });
    expect(groupStatus(actions, 20)).toEqual({ acknowledged: false, assignee: 'S2 王芳', escalated: false });
    expect(groupStatus([...actions, { action: 'acknowledge', assignee: null, at: 21 }, { action: 'assign', assignee: '值班主任 周敏', at: 22 }], 20)).toEqual({
      acknowledged: true,
      assignee: '值班主任 周敏',
      escalated: false,
    });
  });
});

describe('等候较多 on the walls: derived from the wait estimate', () => {
  it('a line whose estimate reaches its red wait threshold is marked with the estimate, and unmarked when it clears', () => {
    const { engine, clock } = engineFor(smallHall());
    ok(engine, { type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    // The tax line's average service is the configured 8 minutes; one window: 5 waiting ≈ 40 minutes (red is 40).
    for (let i = 0; i < 4; i++) issue(engine, { lineId: 'tax' });
    expect(lineView(engine.state, engine.rules, 'tax', clock.now()).overloadMinutes).toBeUndefined();
    issue(engine, { lineId: 'tax' });
    expect(lineView(engine.state, engine.rules, 'tax', clock.now())).toMatchObject({ estimatedWaitMinutes: 40, overloadMinutes: 40 });
    expect(callNext(engine, '4')).toBe('B001');
    expect(lineView(engine.state, engine.rules, 'tax', clock.now()).overloadMinutes).toBeUndefined();
  });
});
