import type { RankingRow, Report, RongqueRecord, SupervisedCase } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { MARKET, TAX, importDepartments, reportHall, seedMonday } from '@hall/testkit/seeded-day';
import { renderReportPdf } from '../../src/adapters/pdf/report-pdf.js';
import { createSqliteRongqueCases } from '../../src/adapters/sqlite/sqlite-rongque-cases.js';
import { createSqliteSupervisedCases } from '../../src/adapters/sqlite/sqlite-supervised-cases.js';
import { parseCsv, pdfText, placedText } from './read-back.js';

let hub: TestHub;
afterEach(async () => hub?.close());

/** Hall time in Shanghai (UTC+8). */
const sh = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

function supervised(caseNo: string, dept: { code: string; name: string }, over: Partial<SupervisedCase>): SupervisedCase {
  return {
    caseNo,
    taskCode: 'T0001',
    serviceName: '营业执照核发',
    departmentCode: dept.code,
    departmentName: dept.name,
    applicant: { kind: 'person', name: '王小华' },
    acceptedAt: sh('2026-11-16', '10:00'),
    limitWorkingDays: 3,
    state: 'under-review',
    history: [],
    suspensions: [],
    finishedAt: null,
    steps: [],
    ...over,
  };
}

function rongque(id: string, acceptedAt: string, deadline: string, suppliedAt: string | null): RongqueRecord {
  return {
    id,
    ticketNo: 'A001',
    windowNo: '1',
    staffId: 'S1',
    serviceId: 'g-1',
    serviceName: '营业执照核发',
    departmentName: MARKET.name,
    applicantKind: 'person',
    applicant: '王*华',
    missing: ['章程'],
    acceptedAt,
    supplyWorkingDays: 3,
    supplyDeadline: deadline,
    credit: 'none',
    suppliedAt,
  };
}

/**
 * The seeded Monday (23 November, report made at 10:50) plus the month's cases and 容缺 at 市场监管 (D1) and 税务 (D2):
 *  D1 limit 3 from Mon 16 (Tue 17, Wed 18, Thu 19 → deadline Thu 19): finished Thu 19 on time; finished Fri 20 late;
 *     finished Fri 20 with a 补正 on Wed 18 (deadline Fri 20) on time; limit 2 still open (deadline Wed 18) overdue.
 *  D2 limit 1 from Wed 18, finished Thu 19 on time; one open, limit 5 from Fri 20, not due.
 *  容缺 at window 1 (D1): due Thu 19 and supplied that day; due Thu 19 and not supplied; accepted today, not due.
 * Minimum sample of finished cases: 2 — D2's one finished case reads 样本不足.
 */
async function monthHub(): Promise<TestHub> {
  hub = await testHub({ ...reportHall(), reports: { minimumSample: { served: 1, rated: 1, finishedCases: 2, rongque: 1 } } }, fakeClock());
  importDepartments(hub);
  await seedMonday(hub);
  createSqliteSupervisedCases(hub.db, hub.app.ids.personal).put(
    [
      supervised('C1', MARKET, { state: 'decided', finishedAt: sh('2026-11-19', '16:00') }),
      supervised('C2', MARKET, { state: 'decided', finishedAt: sh('2026-11-20', '09:00') }),
      supervised('C3', MARKET, { state: 'closed', finishedAt: sh('2026-11-20', '09:00'), suspensions: [{ kind: 'correction', from: sh('2026-11-18', '09:00'), to: sh('2026-11-18', '17:00') }] }),
      supervised('C4', MARKET, { limitWorkingDays: 2 }),
      supervised('C5', TAX, { acceptedAt: sh('2026-11-18', '10:00'), limitWorkingDays: 1, state: 'decided', finishedAt: sh('2026-11-19', '11:00') }),
      supervised('C6', TAX, { acceptedAt: sh('2026-11-20', '10:00'), limitWorkingDays: 5 }),
    ],
    'cursor-1',
  );
  const store = createSqliteRongqueCases(hub.db, hub.app.ids.personal);
  const deadline = new Date(Date.parse(sh('2026-11-19', '23:59')) + 59_999).toISOString();
  store.insert({ record: rongque('r1', sh('2026-11-16', '10:00'), deadline, null), applicantName: '王小华', phoneCipher: null });
  store.markSupplied('r1', Date.parse(sh('2026-11-19', '15:00')));
  store.insert({ record: rongque('r2', sh('2026-11-16', '11:00'), deadline, null), applicantName: '王小华', phoneCipher: null });
  store.insert({ record: rongque('r3', sh('2026-11-23', '09:30'), sh('2026-11-26', '23:59'), null), applicantName: '王小华', phoneCipher: null });
  return hub;
}

describe('the monthly department evaluation (绩效评估) over HTTP, read back from JSON, CSV and PDF', () => {
  it('adds cases on time, overdue cases, 容缺 supplied on time and 好差评 to the ranking, hand-computed', async () => {
    await monthHub();
    const r = await hub.app.inject({ url: '/api/reports/monthly?month=2026-11', headers: hub.as('boss') });
    expect(r.statusCode).toBe(200);
    const report = r.json<Report>();
    expect(report).toMatchObject({ from: '2026-11-01', to: '2026-11-23', timeZone: 'Asia/Shanghai', minimumSample: { finishedCases: 2 } });
    const [d1, d2] = report.ranking as [RankingRow, RankingRow];
    expect(d1).toMatchObject({
      key: MARKET.code,
      rank: 1,
      cases: { onTime: { count: 2, of: 3, rate: 0.6667, enough: true }, overdueFinished: 1, overdueOpen: 1 },
      rongque: { accepted: 3, suppliedOnTime: { count: 1, of: 2, rate: 0.5, enough: true } },
      satisfaction: { count: 2, of: 3, rate: 0.6667, enough: true },
      badRatings: 1,
    });
    expect(d2).toMatchObject({ key: TAX.code, rank: 2, cases: { onTime: { count: 1, of: 1, enough: false }, overdueFinished: 0, overdueOpen: 0 } });
    // Of 140 (the hall has cases and 容缺 this month):
    // D1: 40 × 2/3 + 30 × (1 − 2 yellow × ½ / 5) + 30 + 30 × 2/3 + 10 × 1/2 = 105.67 → 75.5
    // D2: 40 × 0.6667 (hall) + 30 × ½ + 0 + 30 × 3/4 (hall: 样本不足) + 10 × 1/2 (hall) = 69.17 → 49.4
    expect([d1.score, d2.score]).toEqual([75.5, 49.4]);
    expect(d1).toMatchObject({ satisfactionScore: 19, waitScore: 17.1, serviceScore: 21.4, onTimeScore: 14.3, rongqueScore: 3.6 });

    const csvReply = await hub.app.inject({ url: '/api/reports/monthly.csv?month=2026-11&by=ranking', headers: hub.as('boss') });
    expect([...csvReply.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(csvReply.rawPayload.toString('utf8').slice(1));
    const col = (h: string) => csv[0]!.findIndex((x) => x.startsWith(h));
    const row = (code: string) => csv.find((x) => x[1] === code)!;
    expect(row(MARKET.code)[col('综合得分')]).toBe('75.5');
    expect(row(MARKET.code)[col('按时办结率')]).toBe('0.6667');
    expect(row(MARKET.code)[col('超期办结')]).toBe('1');
    expect(row(MARKET.code)[col('超期未办结')]).toBe('1');
    expect(row(MARKET.code)[col('容缺受理')]).toBe('3');
    expect(row(MARKET.code)[col('按时补齐率')]).toBe('0.5');
    expect(row(MARKET.code)[col('满意率')]).toBe('0.6667');
    expect(row(TAX.code)[col('按时办结率')]).toBe('样本不足 Insufficient sample');

    const pdf = await hub.app.inject({ url: '/api/reports/monthly.pdf?month=2026-11', headers: hub.as('boss') });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    for (const s of ['绩效评估：办件按时办结、容缺按时补齐、好差评', '部门综合得分', '75.5', '49.4', '66.7%', '50.0%', '样本不足', '最小样本：办结1件、评价1个、办件2件、容缺1件']) {
      expect(text).toContain(s);
    }
  });

  it('the PDF stamps the hall’s wall clock, whatever zone the machine is set to', async () => {
    await monthHub();
    const report = (await hub.app.inject({ url: '/api/reports/daily?day=2026-11-23', headers: hub.as('boss') })).json<Report>();
    const zone = process.env.TZ;
    const texts: string[] = [];
    try {
      for (const tz of ['America/New_York', 'UTC', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        texts.push(await pdfText(await renderReportPdf(report)));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // 10:50 in Shanghai is 02:50 UTC and 21:50 the day before in New York.
    for (const t of texts) expect(t).toContain('生成于 2026-11-23 10:50（Asia/Shanghai）');
  });

  it('the ranking chart stays readable with 40 departments: one row each, every label whole, no two overlapping', async () => {
    await monthHub();
    const report = (await hub.app.inject({ url: '/api/reports/monthly?month=2026-11', headers: hub.as('boss') })).json<Report>();
    const template = report.ranking[0]!;
    const names = Array.from({ length: 40 }, (_, i) => `辽宁省第${i + 1}行政审批服务管理局`);
    const ranking: RankingRow[] = names.map((name, i) => ({ ...template, key: `X${i + 1}`, name, rank: i < 37 ? i + 1 : null, score: i < 37 ? 99 - i : null }));
    const bytes = await renderReportPdf({ ...report, ranking });
    const placed = await placedText(bytes);
    const labels = names.map((name, i) => {
      const found = placed.filter((p) => p.str === `${i < 37 ? i + 1 : '—'}. ${name}`);
      expect(found, name).toHaveLength(1);
      return found[0]!;
    });
    // The chart's labels, and everything else it writes (scores, 样本不足), never share space on the page.
    const chartPages = new Set(labels.map((l) => l.page));
    const bottomOfLabels = Math.min(...labels.map((l) => l.y));
    const onChart = placed.filter((p) => chartPages.has(p.page) && labels.some((l) => l.page === p.page && Math.abs(l.y - p.y) < 1 && p !== l));
    const boxes = [...labels, ...onChart];
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b || a.page !== b.page) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.str} / ${b.str}`).toBe(true);
      }
    }
    expect(bottomOfLabels).toBeGreaterThan(30);
    expect(onChart.filter((p) => p.str === '样本不足')).toHaveLength(3);
  });
});
