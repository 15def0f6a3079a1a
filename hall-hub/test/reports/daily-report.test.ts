import type { Report, ReportRow } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE, MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { MARKET, TAX, driver, importDepartments, reportHall, seedMonday } from '@hall/testkit/seeded-day';
import { parseCsv, pdfText } from './read-back.js';

let hub: TestHub;
afterEach(async () => hub?.close());

async function seededHub(): Promise<TestHub> {
  hub = await testHub(reportHall(), fakeClock());
  importDepartments(hub);
  await seedMonday(hub);
  return hub;
}

const row = (rows: ReportRow[], key: string) => {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${rows.map((x) => x.key).join(',')}`);
  return r;
};

describe('the daily report of a seeded day (the real engine on a fake clock, read back from SQLite)', () => {
  it('counts tickets, waits, service times, ratings and 红黄灯 exactly, for the hall and per department', async () => {
    await seededHub();
    const r = await hub.app.inject({ url: '/api/reports/daily?day=2026-11-23', headers: hub.as('boss') });
    expect(r.statusCode).toBe(200);
    const report = r.json<Report>();
    expect(report).toMatchObject({ kind: 'daily', from: '2026-11-23', to: '2026-11-23', hallName: '测试政务服务中心' });
    expect(report.totals).toEqual({
      issued: 7,
      called: 5,
      served: 4,
      noShow: 1,
      cancelled: 1,
      unserved: 1,
      transferred: 0,
      avgWaitMinutes: 19, // (5 + 10 + 30 + 45 + 5) / 5
      maxWaitMinutes: 45,
      avgServiceMinutes: 18.8, // (10 + 12 + 45 + 8) / 4 = 18.75
      maxServiceMinutes: 45,
      ratings: { 'very-satisfied': 1, satisfied: 1, basic: 0, dissatisfied: 1, 'very-dissatisfied': 0, unrated: 1 },
      satisfactionRate: 0.6667,
      warnings: { waitYellow: 2, waitRed: 1, serviceYellow: 0, serviceRed: 1 },
    });

    const market = row(report.departments, MARKET.code);
    expect(market.name).toBe(MARKET.name);
    expect(market.figures).toMatchObject({ issued: 5, called: 4, served: 3, noShow: 1, unserved: 1, avgWaitMinutes: 12.5, avgServiceMinutes: 10 });
    expect(market.figures.warnings).toEqual({ waitYellow: 2, waitRed: 0, serviceYellow: 0, serviceRed: 0 });
    const tax = row(report.departments, TAX.code);
    expect(tax.figures).toMatchObject({ issued: 2, called: 1, served: 1, cancelled: 1, avgWaitMinutes: 45, avgServiceMinutes: 45 });
    expect(tax.figures.ratings.unrated).toBe(1);
    expect(report.departments.map((d) => d.key)).toEqual([MARKET.code, TAX.code]);
  });

  it('per window and per staff member — the B post who took over window 1 gets the tickets he called', async () => {
    await seededHub();
    const report = (await hub.app.inject({ url: '/api/reports/daily?day=2026-11-23', headers: hub.as('audit') })).json<Report>();
    expect(row(report.windows, '1')).toMatchObject({ name: '综合窗口1', department: MARKET.name });
    expect(row(report.windows, '1').figures).toMatchObject({ issued: 3, served: 2, noShow: 1, avgWaitMinutes: 13.3, avgServiceMinutes: 9 });
    expect(row(report.windows, '2').figures).toMatchObject({ issued: 1, served: 1, avgWaitMinutes: 10, avgServiceMinutes: 12 });
    expect(row(report.windows, '3').figures.issued).toBe(0);
    expect(row(report.windows, '4').figures).toMatchObject({ served: 1, avgWaitMinutes: 45, avgServiceMinutes: 45 });

    expect(report.staff.map((s) => s.key)).toEqual(['S1', 'S2', 'S4', 'S5']);
    expect(row(report.staff, 'S1')).toMatchObject({ name: '张伟', department: MARKET.name });
    expect(row(report.staff, 'S1').figures).toMatchObject({ issued: 2, served: 1, noShow: 1, avgWaitMinutes: 17.5, avgServiceMinutes: 10 });
    expect(row(report.staff, 'S5').figures).toMatchObject({ issued: 1, served: 1, avgWaitMinutes: 5, avgServiceMinutes: 8 });
    expect(row(report.staff, 'S5').figures.ratings.satisfied).toBe(1);
    expect(row(report.staff, 'S2').figures.ratings.dissatisfied).toBe(1);

    expect(row(report.lines, 'general').figures).toMatchObject({ issued: 5, served: 3 });
    expect(row(report.lines, 'tax').figures).toMatchObject({ issued: 2, served: 1, cancelled: 1 });
  });

  it('tickets per hour, waits by the hour called and services by the hour finished; the ranking by score', async () => {
    await seededHub();
    const report = (await hub.app.inject({ url: '/api/reports/daily?day=2026-11-23', headers: hub.as('boss') })).json<Report>();
    expect(report.series.unit).toBe('hour');
    expect(report.series.points.map((p) => p.label)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    expect(report.series.points[1]).toEqual({ label: '09:00', issued: 4, served: 2, avgWaitMinutes: 22.5, avgServiceMinutes: 11 });
    expect(report.series.points[2]).toEqual({ label: '10:00', issued: 3, served: 2, avgWaitMinutes: 5, avgServiceMinutes: 26.5 });
    expect(report.series.points[0]).toMatchObject({ issued: 0, avgWaitMinutes: null });

    // D1: satisfaction 40 × 0.6667, waits 30 × (1 − 2 yellow × ½ / 5), services 30 → 80.7
    // D2: nobody rated → the hall's rate; waits 30 × (1 − 1 red / 2); services 30 × (1 − 1 red / 1) → 41.7
    expect(report.ranking.map((r) => [r.rank, r.key, r.score])).toEqual([
      [1, MARKET.code, 80.7],
      [2, TAX.code, 41.7],
    ]);
    expect(report.ranking[1]).toMatchObject({ waitScore: 15, serviceScore: 0, redWarnings: 2, yellowWarnings: 0, badRatings: 0 });
  });

  it('CSV: UTF-8 with a BOM, a bilingual header, one row per department and a total that adds up', async () => {
    await seededHub();
    const r = await hub.app.inject({ url: '/api/reports/daily.csv?day=2026-11-23&by=department', headers: hub.as('boss') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('日报-2026-11-23-department.csv')}`);
    expect([...r.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(r.rawPayload.toString('utf8').slice(1));
    const head = rows[0]!;
    expect(head.slice(0, 3)).toEqual(['部门编码 Department code', '部门 Department', '取号 Issued']);
    const col = (name: string) => head.findIndex((h) => h.startsWith(name));
    const byCode = new Map(rows.slice(1).map((x) => [x[0], x]));
    expect(byCode.get(MARKET.code)![1]).toBe(MARKET.name);
    expect(byCode.get(MARKET.code)![col('平均等候')]).toBe('12.5');
    expect(byCode.get(TAX.code)![col('办结')]).toBe('1');
    const total = byCode.get('合计 Total')!;
    expect(total[col('取号')]).toBe('7');
    expect(Number(byCode.get(MARKET.code)![col('取号')]) + Number(byCode.get(TAX.code)![col('取号')])).toBe(7);
    expect(total[col('满意率')]).toBe('0.6667');

    const staff = parseCsv((await hub.app.inject({ url: '/api/reports/daily.csv?day=2026-11-23&by=staff', headers: hub.as('boss') })).body.slice(1));
    expect(staff.map((x) => x[1])).toEqual(['姓名 Name', '张伟', '王芳', '刘洋', '陈静']);
    const audit = hub.audit.query({ limit: 10 }).filter((e) => e.action === 'report export');
    expect(audit.map((e) => e.target)).toEqual(expect.arrayContaining(['日报-2026-11-23 department.csv', '日报-2026-11-23 staff.csv']));
  });

  it('PDF: a valid document whose text has the department names, staff names and figures', async () => {
    await seededHub();
    const r = await hub.app.inject({ url: '/api/reports/daily.pdf?day=2026-11-23', headers: hub.as('boss') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.rawPayload.subarray(-6).toString('latin1')).toContain('%%EOF');
    const text = await pdfText(r.rawPayload);
    for (const s of ['测试政务服务中心', '运行日报', MARKET.name, TAX.name, '部门绩效排名', '陈静', '综合窗口1', '80.7']) expect(text).toContain(s);
  });

  it('the monthly report spans the month so far, with one point per day and the ranking for the province', async () => {
    await seededHub();
    // Tuesday: one more ticket for 税务, served fast and rated 非常满意.
    const tuesday = MONDAY_0900 + 24 * 60 * MINUTE;
    const at = driver(hub, tuesday);
    await at(0, { type: 'OpenWindow', windowNo: '4', staffNo: 'S4' });
    await at(0, { type: 'IssueTicket', lineId: 'tax', channel: 'kiosk' });
    await at(2, { type: 'CallNext', windowNo: '4' });
    await at(3, { type: 'FinishService', windowNo: '4' });
    await at(3, { type: 'RateService', windowNo: '4', level: 'very-satisfied', channel: 'evaluator' });
    // A day later the test sessions have expired: sign in again.
    const login = await hub.auth.login('boss', 'correct horse');
    if (!login.ok) throw new Error('login failed');
    const boss = { authorization: `Bearer ${login.session.token}` };
    const r = await hub.app.inject({ url: '/api/reports/monthly?month=2026-11', headers: boss });
    const report = r.json<Report>();
    expect(report).toMatchObject({ kind: 'monthly', from: '2026-11-01', to: '2026-11-24' });
    expect(report.series.unit).toBe('day');
    expect(report.series.points).toHaveLength(24);
    expect(report.series.points.find((p) => p.label === '2026-11-23')).toMatchObject({ issued: 7, served: 4 });
    expect(report.series.points.find((p) => p.label === '2026-11-24')).toMatchObject({ issued: 1, served: 1, avgWaitMinutes: 2 });
    // Monday's A005 and B002 were left at the day's end: expired, never called.
    expect(report.totals).toMatchObject({ issued: 8, served: 5, unserved: 1, cancelled: 1 });
    expect(row(report.departments, TAX.code).figures.satisfactionRate).toBe(1);
    expect(report.ranking.map((x) => x.key)).toEqual([MARKET.code, TAX.code]);

    const csv = parseCsv((await hub.app.inject({ url: '/api/reports/monthly.csv?month=2026-11&by=ranking', headers: boss })).body.slice(1));
    expect(csv[0]!.slice(0, 4)).toEqual(['排名 Rank', '部门编码 Department code', '部门 Department', '综合得分 Score']);
    expect(csv[1]!.slice(0, 3)).toEqual(['1', MARKET.code, MARKET.name]);
    const pdf = await hub.app.inject({ url: '/api/reports/monthly.pdf?month=2026-11', headers: boss });
    expect(await pdfText(pdf.rawPayload)).toContain('部门绩效排名（月度，报省政务服务中心）');
  });

  it('staff may not read reports; bad parameters are refused in both languages', async () => {
    await seededHub();
    const staff = await hub.app.inject({ url: '/api/reports/daily', headers: hub.as('staff-S1') });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'forbidden', message: expect.stringContaining('无权') });
    const anon = await hub.app.inject({ url: '/api/reports/monthly.pdf' });
    expect(anon.statusCode).toBe(401);
    const bad = await hub.app.inject({ url: '/api/reports/monthly?month=2026-13', headers: hub.as('boss') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_request', messageEn: expect.stringContaining('month') });
    const badTable = await hub.app.inject({ url: '/api/reports/daily.csv?by=colour', headers: hub.as('boss') });
    expect(badTable.statusCode).toBe(400);
    // Today is the default day.
    const today = (await hub.app.inject({ url: '/api/reports/daily', headers: hub.as('boss') })).json<Report>();
    expect(today.from).toBe('2026-11-23');
  });
});
