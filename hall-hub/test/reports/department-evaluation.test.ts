import type { Figures, MinimumSample, ReportRow } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { reportHall } from '@hall/testkit/seeded-day';
import { buildReport } from '../../src/domain/reports/build-report.js';
import { noCases, noRongque, type CaseCounts, type RongqueCounts } from '../../src/domain/reports/case-figures.js';
import { departmentRanking } from '../../src/domain/reports/department-ranking.js';
import { createFigures } from '../../src/domain/reports/figures.js';
import { INSUFFICIENT, reportCsv } from '../../src/domain/reports/report-csv.js';
import type { CaseRow, RongqueRow } from '../../src/domain/reports/report-input.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';

/** Hall time in Shanghai (UTC+8, no DST): 2026-11-02 10:00 → an instant. */
const sh = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);

const NOVEMBER = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

function kase(over: Partial<CaseRow> & Pick<CaseRow, 'acceptedAt' | 'limitWorkingDays'>): CaseRow {
  return { departmentCode: 'D1', departmentName: '市场监管', suspensions: [], finishedAt: null, ...over };
}

/**
 * November 2026 in a hall whose calendar has Thursday 12 November off (a holiday), judged on 5 December.
 * D1 (limit 3 working days, accepted Monday 2 November 10:00: counted Tue 3, Wed 4, Thu 5 → deadline Thu 5, 24:00):
 *  c1 finished Thu 5 16:00 — the last working day of its limit: on time
 *  c2 finished Fri 6 09:00 — the next working day: overdue
 *  c3 as c2, with a 补正 suspension on Wed 4 (that day does not count → deadline Fri 6): on time
 *  c4 accepted Tue 10, limit 2: Wed 11, (Thu 12 holiday), Fri 13 → finished Fri 13 15:00: on time
 *  c5 accepted Fri 20, limit 2 (Mon 23, Tue 24), still open at the end of November: overdue, open
 *  c6 as c5 but finished 2 December: open and overdue at the month's end
 *  c7 finished in October: not this month's
 * D2: c8 accepted Mon 16, limit 1 (Tue 17), finished Tue 17: on time — one case only.
 */
const cases: CaseRow[] = [
  kase({ acceptedAt: sh('2026-11-02', '10:00'), limitWorkingDays: 3, finishedAt: sh('2026-11-05', '16:00') }),
  kase({ acceptedAt: sh('2026-11-02', '10:00'), limitWorkingDays: 3, finishedAt: sh('2026-11-06', '09:00') }),
  kase({ acceptedAt: sh('2026-11-02', '10:00'), limitWorkingDays: 3, finishedAt: sh('2026-11-06', '09:00'), suspensions: [{ from: sh('2026-11-04', '09:00'), to: sh('2026-11-04', '17:00') }] }),
  kase({ acceptedAt: sh('2026-11-10', '10:00'), limitWorkingDays: 2, finishedAt: sh('2026-11-13', '15:00') }),
  kase({ acceptedAt: sh('2026-11-20', '10:00'), limitWorkingDays: 2 }),
  kase({ acceptedAt: sh('2026-11-20', '10:00'), limitWorkingDays: 2, finishedAt: sh('2026-12-02', '10:00') }),
  kase({ acceptedAt: sh('2026-10-20', '10:00'), limitWorkingDays: 2, finishedAt: sh('2026-10-30', '10:00') }),
  kase({ departmentCode: 'D2', departmentName: '税务', acceptedAt: sh('2026-11-16', '10:00'), limitWorkingDays: 1, finishedAt: sh('2026-11-17', '11:00') }),
];

/**
 * 容缺 at window 1 (D1), supply deadlines at the end of their last working day:
 *  r1 deadline Thu 5, supplied Thu 5 15:00: on time;  r2 same, supplied Fri 6: late;
 *  r3 deadline Fri 13, never supplied: late;  r4 accepted Fri 27, deadline 3 December, nothing yet: not settled.
 */
const rongque: RongqueRow[] = [
  { windowNo: '1', acceptedAt: sh('2026-11-02', '10:00'), supplyDeadline: sh('2026-11-05', '23:59') + 59_999, suppliedAt: sh('2026-11-05', '15:00') },
  { windowNo: '1', acceptedAt: sh('2026-11-02', '10:00'), supplyDeadline: sh('2026-11-05', '23:59') + 59_999, suppliedAt: sh('2026-11-06', '09:00') },
  { windowNo: '1', acceptedAt: sh('2026-11-10', '10:00'), supplyDeadline: sh('2026-11-13', '23:59') + 59_999, suppliedAt: null },
  { windowNo: '1', acceptedAt: sh('2026-11-27', '10:00'), supplyDeadline: sh('2026-12-03', '23:59') + 59_999, suppliedAt: null },
];

function novemberReport(minimumSample: MinimumSample) {
  const config = reportHall();
  const rules = queueRulesFrom({ ...config, calendar: { ...config.calendar, holidays: ['2026-11-12'] } });
  return buildReport(
    { kind: 'monthly', from: '2026-11-01', to: '2026-11-30', days: NOVEMBER, now: sh('2026-12-05', '10:00') },
    [],
    [],
    { rules, hallName: '测试', departmentNames: new Map([['D1', '辽宁省市场监督管理局']]), minimumSample },
    { cases, rongque },
  );
}

describe('the monthly evaluation of cases (办件) on the hall calendar', () => {
  const report = novemberReport({ served: 1, rated: 1, finishedCases: 3, rongque: 1 });
  const d1 = report.ranking.find((r) => r.key === 'D1')!;
  const d2 = report.ranking.find((r) => r.key === 'D2')!;

  it('on the last working day of the limit is on time, the next working day is overdue; a suspension and a holiday extend it', () => {
    // c1, c3, c4 on time; c2 late.
    expect(d1.cases.onTime).toEqual({ count: 3, of: 4, rate: 0.75, enough: true });
    expect(d1.cases.overdueFinished).toBe(1);
  });

  it('open past the limit at the month’s end counts as overdue, also when it was finished after the month', () => {
    expect(d1.cases.overdueOpen).toBe(2);
  });

  it('容缺: supplied by the deadline is on time, after it or never is not; one still inside its deadline counts in neither', () => {
    expect(d1.rongque).toEqual({ accepted: 4, suppliedOnTime: { count: 1, of: 3, rate: 0.3333, enough: true } });
  });

  it('a department below the minimum sample is 样本不足: not ranked, listed after the ranked ones', () => {
    expect(d2.cases.onTime).toEqual({ count: 1, of: 1, rate: 1, enough: false });
    expect(report.ranking.map((r) => [r.key, r.rank, r.score])).toEqual([
      // D1 has no tickets: window service at the hall's own (full) figures; 3 of its 4 cases on time; 1 of 3 容缺.
      // 100 × (40 + 30 + 30 + 30 × 0.75 + 10 × 1/3) / 140 = 89.88
      ['D1', 1, 89.9],
      ['D2', null, null],
    ]);
    expect(d1).toMatchObject({ name: '辽宁省市场监督管理局', satisfactionScore: 28.6, waitScore: 21.4, serviceScore: 21.4, onTimeScore: 16.1, rongqueScore: 2.4 });
    expect(d2.name).toBe('税务');
  });

  it('the CSV says 样本不足 in words where the sample is short', () => {
    const csv = reportCsv(report, 'ranking').slice(1).split('\r\n').map((l) => l.split(','));
    const head = csv[0]!;
    const col = (h: string) => head.findIndex((x) => x.startsWith(h));
    const row = (key: string) => csv.find((r) => r[1] === key)!;
    expect(row('D1')[col('按时办结率')]).toBe('0.75');
    expect(row('D1')[col('超期未办结')]).toBe('2');
    expect(row('D1')[col('按时补齐率')]).toBe('0.3333');
    expect(row('D2')[col('排名')]).toBe(INSUFFICIENT);
    expect(row('D2')[col('按时办结率')]).toBe(INSUFFICIENT);
    expect(row('D2')[col('综合得分')]).toBe('');
  });
});

describe('the ranking’s minimum sample', () => {
  const figures = (over: Partial<Figures>): Figures => ({ ...createFigures().figures(), ...over });
  const ratings = (good: number, bad: number) => ({ 'very-satisfied': good, satisfied: 0, basic: 0, dissatisfied: bad, 'very-dissatisfied': 0, unrated: 0 });
  const input = (key: string, f: Partial<Figures>, cases: CaseCounts = noCases(), rq: RongqueCounts = noRongque()) => ({
    row: { key, name: key, department: null, figures: figures(f) } satisfies ReportRow,
    cases,
    rongque: rq,
  });
  // D: ten served, ten good ratings. C: one served, one 差评. B: called one visitor who did not come, served nobody.
  const D = input('D', { issued: 10, called: 10, served: 10, ratings: ratings(10, 0), satisfactionRate: 1 });
  const C = input('C', { issued: 1, called: 1, served: 1, ratings: ratings(0, 1), satisfactionRate: 0 });
  const B = input('B', { issued: 1, called: 1, served: 0, noShow: 1 });
  const hall = { figures: figures({ issued: 12, called: 12, served: 11, ratings: ratings(10, 1), satisfactionRate: 0.9091 }), cases: noCases(), rongque: noRongque() };

  it('a department that served nobody is never ranked above one with a single 差评 (it scored 96.4 to 60 before)', () => {
    const ranked = departmentRanking([B, C, D], hall, { served: 1, rated: 1, finishedCases: 1, rongque: 1 });
    expect(ranked.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['D', 1, 100],
      ['C', 2, 60],
      ['B', null, null],
    ]);
    expect(ranked[2]).toMatchObject({ satisfactionScore: null, waitScore: null, satisfaction: { of: 0, enough: false } });
  });

  it('below the minimum of ratings the satisfaction reads 样本不足 and scores at the hall’s rate', () => {
    const ranked = departmentRanking([B, C, D], hall, { served: 1, rated: 5, finishedCases: 1, rongque: 1 });
    const c = ranked.find((r) => r.key === 'C')!;
    expect(c.satisfaction).toEqual({ count: 0, of: 1, rate: 0, enough: false });
    // 40 × 0.9091 + 30 + 30
    expect(c.score).toBe(96.4);
  });

  it('below the minimum of services (the config’s default 20) nobody is ranked on ten', () => {
    const ranked = departmentRanking([B, C, D], hall, { served: 20, rated: 10, finishedCases: 5, rongque: 3 });
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['D', null],
      ['C', null],
      ['B', null],
    ]);
  });

  it('cases and 容缺 weigh in when the hall has them: hand-computed', () => {
    const A = input('A', { issued: 20, called: 20, served: 20, ratings: ratings(8, 2), satisfactionRate: 0.8 }, { finished: 5, onTime: 4, overdueFinished: 1, overdueOpen: 0 }, { accepted: 3, settled: 3, suppliedOnTime: 3 });
    const withSupervision = { ...hall, cases: { finished: 5, onTime: 4, overdueFinished: 1, overdueOpen: 0 }, rongque: { accepted: 3, settled: 3, suppliedOnTime: 3 } };
    const [a] = departmentRanking([A], withSupervision, { served: 20, rated: 10, finishedCases: 5, rongque: 3 });
    // of 140: satisfaction 40 × 0.8, waits 30, services 30, cases 30 × 0.8, 容缺 10 × 1 → 126 / 140 = 90
    expect(a).toMatchObject({ rank: 1, score: 90, satisfactionScore: 22.9, waitScore: 21.4, serviceScore: 21.4, onTimeScore: 17.1, rongqueScore: 7.1 });
  });
});
