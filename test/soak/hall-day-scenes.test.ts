import { describe, expect, it } from 'vitest';
import type { ReportRow } from '@hall/shared';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { follow, newHall, policyPick, warningsAt } from '../../soak/lib/oracle/hall-policy.js';
import type { LoggedEvent, StoredEvent } from '../../soak/lib/oracle/log-events.js';
import { watchScenes } from '../../soak/lib/oracle/scene-watch.js';
import { liveKey, replayDay } from '../../soak/lib/replay.js';
import { checkLineMoves, checkRush, checkTakeover, type TakeoverEvidence } from '../../soak/lib/scene-checks.js';
import type { RedLineScene, TakeoverScene } from '../../soak/lib/scenes.js';

// The soak's scene checks (issue #17) on days worked out by hand: the oracle follows 弹性窗口 moves and AB岗
// handovers from the log, and each check fails on the evidence a broken feature would leave.

const T0 = MONDAY_0900;
const hall = smallHall(); // windows 1–3 general (3 also tax at order 2), 4 tax; S1 at window 1 with B post S5
let seq = 0;
const log = (...events: LoggedEvent[]): StoredEvent[] => events.map((event) => ({ seq: ++seq, event }));
const issued = (n: number, line: 'general' | 'tax', at: number, index: number): LoggedEvent => ({
  type: 'TicketIssued',
  at,
  ticket: { id: `t${n}`, number: `${line === 'general' ? 'A' : 'B'}${String(n).padStart(3, '0')}`, serial: n, lineId: line, channel: 'kiosk', priorityGroup: null },
  placement: { queue: 'normal', index },
});
const called = (id: string, windowNo: string, at: number): LoggedEvent => ({ type: 'TicketCalled', at, ticketId: id, windowNo, outOfOrder: false, auto: false });
const opened = (windowNo: string, staffNo: string, at: number, coveringFor: string | null = null): LoggedEvent => ({ type: 'WindowOpened', at, windowNo, staffNo, coveringFor });
const moved = (windowNo: string, at: number): LoggedEvent => ({ type: 'WindowLinesAssigned', at, windowNo, lines: [{ line: 'tax', order: 1 }, { line: 'general', order: 1 }] });

const RED: RedLineScene = {
  lineId: 'general',
  burst: { kind: 'red-line', atMinute: 540, spreadMinutes: 0, lines: [{ lineId: 'general', count: 2 }] },
  helpers: ['S4'],
  maxMoves: 1,
  watchFromMinute: 578,
  watchUntilMinute: 640,
  redMinutes: 40,
  clearWithinMinutes: 40,
};

describe('弹性窗口: the oracle takes a window’s lines from the log', () => {
  const day = [
    { type: 'DayStarted', at: T0, day: '2026-11-23' } as LoggedEvent,
    opened('4', 'S4', T0),
    issued(1, 'general', T0, 0),
    issued(2, 'general', T0 + MINUTE, 1),
    issued(3, 'tax', T0 + 2 * MINUTE, 0),
  ];

  it('after WindowLinesAssigned the tax window calls general’s oldest; the idle-window warning follows the new lines', () => {
    const h = newHall();
    for (const e of day) follow(h, e);
    expect(policyPick(h, hall, '4')?.number).toBe('B003');
    follow(h, moved('4', T0 + 41 * MINUTE));
    // Both at order 1: the ticket issued first.
    expect(policyPick(h, hall, '4')?.number).toBe('A001');
    follow(h, { type: 'DayStarted', at: T0 + 24 * 60 * MINUTE, day: '2026-11-24' });
    expect(h.assigned.size).toBe(0);
  });

  it('moves made while the line is red, the moved window calling it after: passes; the red clears at that call', () => {
    const watch = watchScenes(hall, { bellAt: null, redLine: { lineId: 'general', redMinutes: 40 } });
    const r = replayDay(log(...day, moved('4', T0 + 41 * MINUTE), called('t1', '4', T0 + 42 * MINUTE), called('t2', '4', T0 + 50 * MINUTE)), hall, [], [watch]);
    expect(r.priorityViolations).toEqual([]);
    const ledger = { proposalsSeen: 1, moves: [{ windowNo: '4', lineId: 'general', because: 'skill', proposedAt: T0 + 41 * MINUTE, status: 200, at: T0 + 41 * MINUTE }] };
    const c = checkLineMoves(RED, ledger, watch.facts);
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.counts.hallMinutesToClearAfterTheFirstMove).toBe(9);
    expect(c.counts.hallMinutesRedBeforeTheFirstMove).toBe(1);
  });

  it('an assignment that did not take effect (the window still calls its own line) fails: never called, and the policy’s pick was the red line', () => {
    const watch = watchScenes(hall, { bellAt: null, redLine: { lineId: 'general', redMinutes: 40 } });
    const r = replayDay(log(...day, moved('4', T0 + 41 * MINUTE), called('t3', '4', T0 + 42 * MINUTE)), hall, [], [watch]);
    expect(r.priorityViolations.map((v) => [v.called, v.expected])).toEqual([['B003', 'A001']]);
    const ledger = { proposalsSeen: 1, moves: [{ windowNo: '4', lineId: 'general', because: 'skill', proposedAt: T0 + 41 * MINUTE, status: 200, at: T0 + 41 * MINUTE }] };
    const c = checkLineMoves(RED, ledger, watch.facts);
    expect(c.ok).toBe(false);
    expect(c.counts.callsOfTheLineAtMovedWindowsAfterTheirMove).toBe(0);
    expect(c.counts.hallMinutesToClearAfterTheFirstMove).toBe(-1);
  });

  it('a window calling a line before it was moved onto it, or a move while the line was not red, fails', () => {
    const watch = watchScenes(hall, { bellAt: null, redLine: { lineId: 'general', redMinutes: 40 } });
    replayDay(log(...day, called('t1', '4', T0 + 10 * MINUTE), moved('4', T0 + 11 * MINUTE), called('t2', '4', T0 + 12 * MINUTE)), hall, [], [watch]);
    const ledger = { proposalsSeen: 1, moves: [{ windowNo: '4', lineId: 'general', because: 'skill', proposedAt: T0 + 11 * MINUTE, status: 200, at: T0 + 11 * MINUTE }] };
    const c = checkLineMoves(RED, ledger, watch.facts);
    expect(c.ok).toBe(false);
    expect([c.counts.callsOfTheLineAtMovedWindowsBeforeTheirMove, c.counts.callsOfALineTheWindowDidNotServe, c.counts.movedWhileNotRed]).toEqual([1, 1, 1]);
  });
});

describe('AB岗: the oracle follows who is on duty', () => {
  const TAKEOVER: TakeoverScene = {
    windowNo: '1',
    aPost: { no: 'S1', name: '张伟' },
    bPost: { no: 'S5', name: '陈静' },
    atMinute: 545,
    services: 1,
    absenceReason: '外出参加业务培训',
    account: { username: 'b', password: 'p' },
  };
  // S1 opens window 1 and serves A001; S5 takes over between visitors, serves A002 (rated); hands back; S1 serves A003.
  const events = log(
    { type: 'DayStarted', at: T0, day: '2026-11-23' },
    opened('1', 'S1', T0),
    issued(1, 'general', T0, 0),
    issued(2, 'general', T0, 1),
    issued(3, 'general', T0, 2),
    called('t1', '1', T0 + MINUTE),
    { type: 'ServiceStarted', at: T0 + MINUTE, ticketId: 't1', windowNo: '1' },
    { type: 'ServiceFinished', at: T0 + 5 * MINUTE, ticketId: 't1', windowNo: '1' },
    opened('1', 'S5', T0 + 6 * MINUTE, 'S1'),
    called('t2', '1', T0 + 7 * MINUTE),
    { type: 'ServiceStarted', at: T0 + 7 * MINUTE, ticketId: 't2', windowNo: '1' },
    { type: 'ServiceFinished', at: T0 + 12 * MINUTE, ticketId: 't2', windowNo: '1' },
    { type: 'ServiceRated', at: T0 + 12 * MINUTE, ticketId: 't2', windowNo: '1', level: 'very-satisfied' },
    opened('1', 'S1', T0 + 13 * MINUTE),
    called('t3', '1', T0 + 14 * MINUTE),
    { type: 'ServiceStarted', at: T0 + 14 * MINUTE, ticketId: 't3', windowNo: '1' },
    { type: 'ServiceFinished', at: T0 + 18 * MINUTE, ticketId: 't3', windowNo: '1' },
  );
  const [takeSeq, handSeq] = events.filter((e) => e.event.type === 'WindowOpened').slice(1).map((e) => e.seq) as [number, number];
  const row = (key: string, served: number, rated: number): ReportRow => ({
    key,
    name: key,
    department: null,
    figures: {
      issued: served, called: served, served, noShow: 0, cancelled: 0, unserved: 0, transferred: 0,
      avgWaitMinutes: null, maxWaitMinutes: null, avgServiceMinutes: null, maxServiceMinutes: null,
      ratings: { 'very-satisfied': rated, satisfied: 0, basic: 0, dissatisfied: 0, 'very-dissatisfied': 0, unrated: served - rated },
      satisfactionRate: null,
      warnings: { waitYellow: 0, waitRed: 0, serviceYellow: 0, serviceRed: 0 },
    },
  });
  function evidence(over: Partial<TakeoverEvidence> = {}): TakeoverEvidence {
    const watch = watchScenes(hall, { bellAt: null, redLine: null });
    const r = replayDay(events, hall, [], [watch]);
    return {
      scene: TAKEOVER,
      ledger: { takenOverAt: T0 + 6 * MINUTE, handedBackAt: T0 + 13 * MINUTE, servicesByBPost: 1, refusals: [] },
      facts: watch.facts,
      screen: {
        firstSeq: 0,
        shows: [
          { seq: 2, staffNo: 'S1', name: '张伟', no: 'S1' },
          { seq: takeSeq, staffNo: 'S5', name: '陈静', no: 'S5' },
          { seq: handSeq, staffNo: 'S1', name: '张伟', no: 'S1' },
        ],
      },
      staffNames: new Map(hall.staff.map((s) => [s.no, s.name])),
      evaluations: [{ ticketId: 't2', staffNo: 'S5' }],
      reportStaff: [row('S1', 2, 0), row('S5', 1, 1)],
      served: new Set([...r.final.tickets.values()].filter((t) => t.status === 'done').map((t) => t.id)),
      ...over,
    };
  }

  it('a handover keeps the window as it is: no idle-window warning for a serving window taken over', () => {
    const h = newHall();
    for (const e of [
      { type: 'DayStarted', at: T0, day: '2026-11-23' } as LoggedEvent,
      opened('1', 'S1', T0),
      issued(1, 'general', T0, 0),
      issued(2, 'general', T0, 1),
      called('t1', '1', T0),
      { type: 'ServiceStarted', at: T0, ticketId: 't1', windowNo: '1' } as LoggedEvent,
      opened('1', 'S5', T0 + MINUTE, 'S1'),
    ]) follow(h, e);
    expect(h.windows.get('1')?.status).toBe('serving');
    expect(h.onDuty.get('1')).toBe('S5');
    expect(warningsAt(h, hall, T0 + 15 * MINUTE).map(liveKey)).toEqual([]);
  });

  it('the right person on the screen, in the ratings and in the report: passes', () => {
    const c = checkTakeover(evidence());
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect([c.counts.screenShowedTheBPost, c.counts.screenShowedTheAPostAfterHandBack, c.counts.ratingsCreditedToTheBPost]).toEqual([1, 1, 1]);
  });

  it('a screen that kept the A post’s badge, a rating credited to the A post, a report without the B post: each fails', () => {
    const keptA = checkTakeover(evidence({ screen: { firstSeq: 0, shows: [{ seq: 2, staffNo: 'S1', name: '张伟', no: 'S1' }] } }));
    expect(keptA.ok).toBe(false);
    expect(keptA.counts.screenShowedTheBPost).toBe(0);
    const nameOnly = checkTakeover(evidence({ screen: { firstSeq: 0, shows: [{ seq: 2, staffNo: 'S1', name: '张伟', no: 'S1' }, { seq: takeSeq, staffNo: 'S5', name: '陈静', no: null }, { seq: handSeq, staffNo: 'S1', name: '张伟', no: 'S1' }] } }));
    expect(nameOnly.counts.screenDutyChangesShownWrong).toBe(1);
    const ratedA = checkTakeover(evidence({ evaluations: [{ ticketId: 't2', staffNo: 'S1' }] }));
    expect([ratedA.ok, ratedA.counts.ratingsCreditedToSomeoneElse]).toEqual([false, 1]);
    const reportA = checkTakeover(evidence({ reportStaff: [row('S1', 3, 1)] }));
    expect([reportA.ok, reportA.counts.reportStaffRowsWrong]).toEqual([false, 2]);
  });
});

describe('the morning rush', () => {
  const day = log(
    { type: 'DayStarted', at: T0, day: '2026-11-23' },
    issued(1, 'general', T0, 0),
    issued(2, 'general', T0, 1),
    issued(3, 'tax', T0, 0),
    called('t1', '1', T0 + 1000),
    called('t3', '4', T0 + 2000),
    called('t2', '2', T0 + 3000),
  );

  it('every window’s first call after the bell, as its keypad was told, in policy order: passes; a call the log lacks fails', () => {
    const watch = watchScenes(hall, { bellAt: T0 + 500, redLine: null });
    const r = replayDay(day, hall, [], [watch]);
    const presses = [
      { windowNo: '1', outcome: 'ok' as const, ticket: 'A001' },
      { windowNo: '4', outcome: 'ok' as const, ticket: 'B003' },
      { windowNo: '2', outcome: 'ok' as const, ticket: 'A002' },
    ];
    const c = checkRush({ bellAt: T0 + 500, presses }, watch.facts, r.priorityViolations);
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.counts.hallSecondsFirstToLast).toBe(2);
    const told = presses.map((p) => (p.windowNo === '2' ? { ...p, ticket: 'A009' } : p));
    const lost = checkRush({ bellAt: T0 + 500, presses: told }, watch.facts, r.priorityViolations);
    expect([lost.ok, lost.counts.lost]).toEqual([false, 1]);
  });

  it('a window calling out of the policy’s order at the bell fails', () => {
    const swapped = log(
      { type: 'DayStarted', at: T0, day: '2026-11-23' },
      issued(1, 'general', T0, 0),
      issued(2, 'general', T0, 1),
      called('t2', '1', T0 + 1000),
      called('t1', '2', T0 + 2000),
    );
    const watch = watchScenes(hall, { bellAt: T0 + 500, redLine: null });
    const r = replayDay(swapped, hall, [], [watch]);
    const presses = [
      { windowNo: '1', outcome: 'ok' as const, ticket: 'A002' },
      { windowNo: '2', outcome: 'ok' as const, ticket: 'A001' },
    ];
    const c = checkRush({ bellAt: T0 + 500, presses }, watch.facts, r.priorityViolations);
    expect([c.ok, c.counts.outOfPolicyOrder]).toEqual([false, 1]);
  });
});
