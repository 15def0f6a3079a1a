import type { Figures, ReportRow } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/domain/reports/build-report.js';
import { noCases, noRongque } from '../../src/domain/reports/case-figures.js';
import { departmentRanking } from '../../src/domain/reports/department-ranking.js';
import { createFigures, ticketFacts } from '../../src/domain/reports/figures.js';
import { reportCsv } from '../../src/domain/reports/report-csv.js';
import type { TicketRow } from '../../src/domain/reports/report-input.js';
import { createStaffLookup, windowShifts } from '../../src/domain/reports/window-shifts.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';

const T0 = MONDAY_0900;
const at = (m: number) => T0 + m * MINUTE;
const TH = { waitYellowMinutes: 20, waitRedMinutes: 40, serviceYellowMinutes: 20, serviceRedMinutes: 40, idleWithQueueMinutes: 5 };

function ticket(over: Partial<TicketRow>): TicketRow {
  return {
    id: over.number ?? 'x',
    day: '2026-11-23',
    number: 'A001',
    lineId: 'general',
    status: 'waiting',
    windowNo: null,
    issuedAt: at(0),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    transferCount: 0,
    rating: null,
    ...over,
  };
}

describe('who sat where (AB岗) from the window events', () => {
  const shifts = windowShifts([
    { type: 'DayStarted', at: at(-60) },
    { type: 'WindowOpened', at: at(0), windowNo: '1', staffNo: 'S1', coveringFor: null },
    { type: 'WindowOpened', at: at(0), windowNo: '2', staffNo: 'S2', coveringFor: null },
    // S5 takes window 1 over without S1 closing it first: a handover.
    { type: 'WindowOpened', at: at(60), windowNo: '1', staffNo: 'S5', coveringFor: 'S1' },
    { type: 'WindowClosed', at: at(90), windowNo: '2' },
    { type: 'DayStarted', at: at(24 * 60 - 60) },
  ]);
  const staffAt = createStaffLookup(shifts);

  it('a handover ends one shift and starts the next; a window closed or a new day has nobody', () => {
    expect(shifts.map((s) => [s.windowNo, s.staffNo, s.from, s.to])).toEqual([
      ['1', 'S1', at(0), at(60)],
      ['2', 'S2', at(0), at(90)],
      ['1', 'S5', at(60), at(24 * 60 - 60)],
    ]);
    expect(staffAt('1', at(30))?.staffNo).toBe('S1');
    expect(staffAt('1', at(61))).toMatchObject({ staffNo: 'S5', coveringFor: 'S1' });
    expect(staffAt('2', at(95))).toBeNull();
    expect(staffAt('1', at(-1))).toBeNull();
    expect(staffAt('3', at(30))).toBeNull();
  });
});

describe('the facts of one ticket', () => {
  it('a wait still going on counts towards 红黄灯 but not the averages', () => {
    const f = ticketFacts(ticket({}), TH, at(41));
    expect(f).toMatchObject({ waitMs: null, waitLevel: 'red', serviceLevel: null, called: false });
    const acc = createFigures();
    acc.add(f);
    expect(acc.figures()).toMatchObject({ issued: 1, unserved: 1, avgWaitMinutes: null, warnings: { waitRed: 1, waitYellow: 0 } });
  });

  it('a service running for 25 minutes is yellow now; a finished one without a start counts from its call', () => {
    expect(ticketFacts(ticket({ status: 'serving', windowNo: '1', calledAt: at(1), startedAt: at(2) }), TH, at(27)).serviceLevel).toBe('yellow');
    const done = ticketFacts(ticket({ status: 'done', windowNo: '1', calledAt: at(3), finishedAt: at(15), rating: 'basic' }), TH, at(60));
    expect(done).toMatchObject({ waitMs: 3 * MINUTE, serviceMs: 12 * MINUTE, rating: 'basic', waitLevel: null });
  });

  it('a cancelled ticket is neither served nor unserved; a no-show has a wait but no service or rating', () => {
    const acc = createFigures();
    acc.add(ticketFacts(ticket({ status: 'cancelled', finishedAt: at(5) }), TH, at(60)));
    acc.add(ticketFacts(ticket({ status: 'no-show', windowNo: '1', calledAt: at(10), transferCount: 1 }), TH, at(60)));
    expect(acc.figures()).toMatchObject({ issued: 2, cancelled: 1, unserved: 0, noShow: 1, called: 1, transferred: 1, avgWaitMinutes: 10, avgServiceMinutes: null });
    expect(acc.figures().ratings.unrated).toBe(0);
  });
});

describe('the department ranking', () => {
  const figures = (over: Partial<Figures>): Figures => {
    const acc = createFigures();
    return { ...acc.figures(), ...over };
  };
  const row = (key: string, f: Partial<Figures>): ReportRow => ({ key, name: key, department: null, figures: figures(f) });

  it('ties go to the department that served more, then by code; a department that called nobody is not ranked', () => {
    const hall = { figures: figures({ satisfactionRate: 1 }), cases: noCases(), rongque: noRongque() };
    const input = (r: ReportRow) => ({ row: r, cases: noCases(), rongque: noRongque() });
    const ranked = departmentRanking(
      [row('B', { called: 2, served: 2, issued: 2 }), row('A', { called: 2, served: 2, issued: 2 }), row('C', { called: 5, served: 5, issued: 5 }), row('Z', { issued: 3 })].map(input),
      hall,
      { served: 1, rated: 1, finishedCases: 1, rongque: 1 },
    );
    expect(ranked.map((r) => [r.rank, r.key, r.score])).toEqual([
      [1, 'C', 100],
      [2, 'A', 100],
      [3, 'B', 100],
    ]);
  });
});

describe('CSV', () => {
  it('quotes commas and quotes, and never lets a cell run as a spreadsheet formula', () => {
    const config = smallHall();
    const rules = queueRulesFrom({ ...config, staff: config.staff.map((s) => (s.no === 'S1' ? { ...s, name: '=HYPERLINK("x")' } : s.no === 'S2' ? { ...s, name: '王,芳' } : s)) });
    const report = buildReport(
      { kind: 'daily', from: '2026-11-23', to: '2026-11-23', days: ['2026-11-23'], now: at(60) },
      [ticket({ status: 'done', windowNo: '1', calledAt: at(1), finishedAt: at(5) }), ticket({ number: 'A002', status: 'done', windowNo: '2', calledAt: at(2), finishedAt: at(6) })],
      [
        { type: 'WindowOpened', at: at(0), windowNo: '1', staffNo: 'S1', coveringFor: null },
        { type: 'WindowOpened', at: at(0), windowNo: '2', staffNo: 'S2', coveringFor: null },
      ],
      { rules, hallName: '测试', departmentNames: new Map(), minimumSample: config.reports.minimumSample },
    );
    const csv = reportCsv(report, 'staff');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`S1,"'=HYPERLINK(""x"")",`);
    expect(csv).toContain('S2,"王,芳",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
