import type { Warning } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { averageServiceMs } from '../../src/domain/queue/estimate.js';
import { thresholdsFor } from '../../src/domain/queue/rules.js';
import { peopleAhead, pickNext } from '../../src/domain/queue/selection.js';
import { groupStatus, groupWarnings, keysFor, stepRedEpisodes } from '../../src/domain/queue/warning-groups.js';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { queueInMemory } from './queue-in-memory.js';

// Who is called next and what follows from it, at the edges mutation testing found untested (docs/mutation.md):
// two lines of one order at one window, lines configured out of order, "people ahead" under interleave, a
// window's lines assigned again, the grouping and episodes of 红黄灯. Pure: no database.

const base = smallHall();
/** Window 1 serves 综合 and 税务 alike (both order 1); window 3 lists its lines out of order. */
const sharedHall = () =>
  queueInMemory({
    windows: base.windows.map((w) =>
      w.no === '1'
        ? { ...w, lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 1 }] }
        : w.no === '3'
          ? { ...w, lines: [{ line: 'tax', order: 2 }, { line: 'general', order: 1 }] }
          : w,
    ),
  });
const next = (h: ReturnType<typeof sharedHall>, windowNo: string) => pickNext(h.state, h.rules, windowNo)?.number ?? null;

describe('two lines of the same order at one window', () => {
  it('the ticket issued first, whichever line it is on', () => {
    const h = sharedHall();
    h.issue();
    h.advance(MINUTE);
    h.issue({ lineId: 'tax' });
    expect(next(h, '1')).toBe('A001');
    const g = sharedHall();
    g.issue({ lineId: 'tax' });
    g.advance(MINUTE);
    g.issue();
    expect(next(g, '1')).toBe('B001');
  });

  it('issued at the same moment: the lower serial; the same serial too: the line the window lists first', () => {
    const h = sharedHall();
    h.issue();
    h.issue();
    h.issue({ lineId: 'tax' });
    h.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    h.ok({ type: 'CallNext', windowNo: '2' }); // A001 away: A002 (serial 2) against B001 (serial 1)
    expect(next(h, '1')).toBe('B001');

    const g = sharedHall();
    g.issue({ lineId: 'tax' });
    g.issue({ lineId: 'tax' });
    g.issue();
    g.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    g.ok({ type: 'CallNext', windowNo: '4' }); // B001 away: A001 (serial 1) against B002 (serial 2)
    expect(next(g, '1')).toBe('A001');

    const f = sharedHall();
    f.issue();
    f.issue({ lineId: 'tax' });
    expect(next(f, '1')).toBe('A001');

    // issued earlier wins over a lower serial
    const e = sharedHall();
    e.issue();
    e.issue();
    e.ok({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' });
    e.ok({ type: 'CallNext', windowNo: '2' });
    e.advance(MINUTE);
    e.issue({ lineId: 'tax' }); // B001 (serial 1), a minute after A002 (serial 2)
    expect(next(e, '1')).toBe('A002');
  });

  it('a green-channel ticket before any other, on either line', () => {
    const h = sharedHall();
    h.issue();
    h.advance(MINUTE);
    h.issue({ lineId: 'tax', priorityGroup: 'elderly' });
    expect(next(h, '1')).toBe('B001');
    const g = sharedHall();
    g.issue({ lineId: 'tax' });
    g.advance(MINUTE);
    g.issue({ priorityGroup: 'elderly' });
    expect(next(g, '1')).toBe('A001');
  });

  it('a line whose visitors were all called does not hide the other line’s', () => {
    const h = sharedHall();
    h.issue({ lineId: 'tax' });
    h.ok({ type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    h.ok({ type: 'CallNext', windowNo: '4' });
    h.issue();
    expect(next(h, '1')).toBe('A001');
  });

  it('lines configured out of order are called by their order', () => {
    const h = sharedHall();
    h.issue({ lineId: 'tax' });
    h.advance(MINUTE);
    h.issue();
    expect(next(h, '3')).toBe('A001');
  });
});

describe('people ahead, as the calls will go', () => {
  it('under interleave (1 green channel, then 2 others): agrees with the calls that follow, from any point of the run', () => {
    const h = queueInMemory({ policy: { ...base.policy, priority: { mode: 'interleave', priority: 1, normal: 2 } } });
    for (let i = 0; i < 3; i++) h.issue();
    h.issue({ priorityGroup: 'elderly' });
    h.issue({ priorityGroup: 'military' });
    const ahead = () =>
      Object.fromEntries(
        [...h.state.tickets.values()].filter((t) => t.status === 'waiting').map((t) => [t.number, peopleAhead(h.state, h.state.lines.get('general')!, h.rules.policy.priority, t)]),
      );
    // green channel first (the run is empty), then two others, the next green, the last other
    expect(ahead()).toEqual({ A004: 0, A001: 1, A002: 2, A005: 3, A003: 4 });
    h.ok({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    const called: string[] = [];
    for (const expected of [{ A001: 0, A002: 1, A005: 2, A003: 3 }, { A002: 0, A005: 1, A003: 2 }, { A005: 0, A003: 1 }, { A003: 0 }, {}]) {
      called.push(h.state.tickets.get(h.ok({ type: 'CallNext', windowNo: '1' }).ticketId!)!.number);
      expect(ahead()).toEqual(expected);
    }
    expect(called).toEqual(['A004', 'A001', 'A002', 'A005', 'A003']);
  });

  it('under interleave (1 green channel, then 3 others): a run of others counts on', () => {
    const h = queueInMemory({ policy: { ...base.policy, priority: { mode: 'interleave', priority: 1, normal: 3 } } });
    for (let i = 0; i < 4; i++) h.issue();
    h.issue({ priorityGroup: 'elderly' });
    h.issue({ priorityGroup: 'elderly' });
    const q = h.state.lines.get('general')!;
    const ahead = Object.fromEntries([...h.state.tickets.values()].map((t) => [t.number, peopleAhead(h.state, q, h.rules.policy.priority, t)]));
    expect(ahead).toEqual({ A005: 0, A001: 1, A002: 2, A003: 3, A006: 4, A004: 5 });
  });

  it('green-channel tickets with nobody else waiting: in their order', () => {
    const h = queueInMemory();
    h.issue({ priorityGroup: 'elderly' });
    const second = h.state.tickets.get(h.issue({ priorityGroup: 'elderly' }))!;
    expect(peopleAhead(h.state, h.state.lines.get('general')!, h.rules.policy.priority, second)).toBe(1);
  });
});

describe('a window’s lines assigned again', () => {
  it('refusals name the unknown window and line', () => {
    const h = sharedHall();
    expect(h.no({ type: 'AssignWindowLines', windowNo: '9', lines: [{ line: 'tax', order: 1 }] })).toEqual({ code: 'unknown_window', details: { windowNo: '9' } });
    expect(h.no({ type: 'AssignWindowLines', windowNo: '1', lines: [{ line: 'visa', order: 1 }] })).toEqual({ code: 'unknown_line', details: { lineId: 'visa' } });
  });

  it('the same lines in any listing are nothing to do; another order is a change, recorded by order', () => {
    const h = sharedHall();
    expect(h.ok({ type: 'AssignWindowLines', windowNo: '3', lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 2 }] }).events).toEqual([]);
    expect(h.ok({ type: 'AssignWindowLines', windowNo: '3', lines: [{ line: 'tax', order: 2 }, { line: 'general', order: 1 }] }).events).toEqual([]);
    expect(h.ok({ type: 'AssignWindowLines', windowNo: '3', lines: [{ line: 'tax', order: 3 }, { line: 'general', order: 1 }] }).events).toEqual([
      { type: 'WindowLinesAssigned', at: h.now, windowNo: '3', lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 3 }] },
    ]);
    expect(h.ok({ type: 'AssignWindowLines', windowNo: '3', lines: [{ line: 'general', order: 1 }, { line: 'tax', order: 3 }] }).events).toEqual([]);
  });
});

describe('estimates and thresholds of a line', () => {
  it('a line with no service yet is estimated at its configured service time', () => {
    const h = queueInMemory({ lines: base.lines.map((l) => (l.id === 'tax' ? { ...l, avgServiceMinutes: 5 } : l)) });
    expect(averageServiceMs(h.state, h.rules, 'tax')).toBe(5 * MINUTE);
    expect(averageServiceMs(h.state, h.rules, 'general')).toBe(8 * MINUTE);
  });

  it('a line the rules do not name has the hall’s thresholds', () => {
    const h = queueInMemory();
    expect(thresholdsFor(h.rules, 'nope')).toEqual(h.rules.warnings);
  });
});

const warning = (w: Partial<Warning> & Pick<Warning, 'kind' | 'level' | 'minutes'>): Warning => ({
  lineId: null,
  windowNo: null,
  ticketNumber: null,
  thresholdMinutes: 0,
  ...w,
});

describe('红黄灯 grouped', () => {
  it('a line’s group names its line, a window’s its window; red warnings first within a group, then the longest', () => {
    const groups = groupWarnings([
      warning({ kind: 'long-wait', level: 'yellow', minutes: 25, lineId: 'general', ticketNumber: 'A003' }),
      warning({ kind: 'long-wait', level: 'red', minutes: 41, lineId: 'general', ticketNumber: 'A001' }),
      warning({ kind: 'long-wait', level: 'yellow', minutes: 35, lineId: 'general', ticketNumber: 'A002' }),
      warning({ kind: 'idle-window', level: 'yellow', minutes: 12, lineId: 'general', windowNo: '2' }),
      warning({ kind: 'long-service', level: 'red', minutes: 9, lineId: 'tax', windowNo: '4', ticketNumber: 'B001' }),
      warning({ kind: 'long-service', level: 'yellow', minutes: 30, lineId: 'tax', windowNo: '5', ticketNumber: 'B002' }),
      warning({ kind: 'printer', level: 'yellow', minutes: 50, printerId: 'p1', problem: 'paper' }),
    ]);
    // red groups first, the longest first; then yellow, the longest first
    expect(groups.map((g) => [g.key, g.scope, g.lineId, g.windowNo, g.level, g.longestMinutes])).toEqual([
      ['line:general', 'line', 'general', null, 'red', 41],
      ['window:4', 'window', null, '4', 'red', 9],
      ['printer:p1', 'printer', null, null, 'yellow', 50],
      ['window:5', 'window', null, '5', 'yellow', 30],
      ['window:2', 'window', null, '2', 'yellow', 12],
    ]);
    expect(groups[0]!.warnings.map((w) => w.ticketNumber)).toEqual(['A001', 'A002', 'A003']);
    // a red warning shorter than a yellow one still comes first in its group
    const mixed = groupWarnings([
      warning({ kind: 'long-wait', level: 'yellow', minutes: 50, lineId: 'tax', ticketNumber: 'B002' }),
      warning({ kind: 'long-wait', level: 'red', minutes: 45, lineId: 'tax', ticketNumber: 'B001' }),
    ]);
    expect(mixed[0]!.warnings.map((w) => w.ticketNumber)).toEqual(['B001', 'B002']);
  });

  it('the keys a staff member answers for: their windows and their lines', () => {
    expect(keysFor(['1', '3'], ['general', 'tax'])).toEqual(new Set(['window:1', 'window:3', 'line:general', 'line:tax']));
  });

  it('an episode calming down and red again before the calm period is over is the same episode, red', () => {
    const calm = 10 * MINUTE;
    const first = stepRedEpisodes([], new Set(['line:tax']), 0, calm);
    const calming = stepRedEpisodes(first.open, new Set(), MINUTE, calm);
    expect(calming.open).toEqual([{ key: 'line:tax', startedAt: 0, calmSince: MINUTE }]);
    // 8 minutes calm of 10: still open
    const later = stepRedEpisodes(calming.open, new Set(), 9 * MINUTE, calm);
    expect(later).toEqual({ open: [{ key: 'line:tax', startedAt: 0, calmSince: MINUTE }], started: [], ended: [] });
    const again = stepRedEpisodes(later.open, new Set(['line:tax']), 10 * MINUTE, calm);
    expect(again).toEqual({ open: [{ key: 'line:tax', startedAt: 0, calmSince: null }], started: [], ended: [] });
  });

  it('an acknowledgement at the very moment the group turned red covers the red; an assignment or escalation is not one', () => {
    expect(groupStatus([{ action: 'acknowledge', assignee: null, at: 100 }], 100)).toEqual({ acknowledged: true, assignee: null, escalated: false });
    expect(
      groupStatus(
        [
          { action: 'assign', assignee: 'S2', at: 200 },
          { action: 'escalate', assignee: null, at: 300 },
        ],
        100,
      ),
    ).toEqual({ acknowledged: false, assignee: 'S2', escalated: true });
  });
});
