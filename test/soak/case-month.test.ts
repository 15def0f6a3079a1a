import type { CaseBoard, SupervisedCase } from '@hall/shared';
import { generateCases, startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { streamClient, until, type StreamClient } from '@hall/testkit/clients';
import { fakeClock, type FakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';
import { afterAll, describe, expect, it } from 'vitest';
import { createOracle, masked, RANK, type Judgement, type Light } from '../../soak/lib/oracle/case-lights.js';

/*
 * 办件监督 over a month at a large hall's volume: the province simulator's month of cases (≈ 9,000, ≈ 5,000 of
 * them open by the end) reaches the hub day by day as it happens — accepted, suspended for 补正, finished — and
 * the hall clock moves a day at a time. After each day's sync the 办件公示 board the wall is pushed, the lights
 * and figures of the supervision view, and at the end the SMS the province's gateway recorded are checked
 * against the soak's own oracle (soak/lib/oracle/case-lights.ts), which shares no code with the hub's domain.
 * The hall calendar has a two-day closure and a 调休 Saturday inside the month.
 */

const DAY = 86_400_000;
const START = Date.parse('2026-11-23T09:00:00+08:00');
const DAYS = 30;
const END = START + DAYS * DAY;
const GENERATED = Number(process.env.CASE_SOAK_CASES ?? 9_100);
const DEPARTMENTS = ['dept-market', 'dept-housing', 'dept-nature', 'dept-social', 'dept-police', 'dept-civil', 'dept-env', 'dept-dev', 'dept-fire'];
const phoneOf = (code: string) => `1380000${String(DEPARTMENTS.indexOf(code)).padStart(4, '0')}`;
const CALENDAR = { holidays: ['2026-12-03', '2026-12-04'], extraWorkdays: [{ date: '2026-12-05', sameAs: 'fri' as const }] };
const THRESHOLDS = { yellowWorkingDays: 2, yellowPercent: 20 };
const BOARD = { days: 7, rows: 30 };

/** The case as the province knows it at `now`: not yet accepted, or open, suspended or finished so far. */
function asOf(c: SupervisedCase, now: number): SupervisedCase | null {
  if (Date.parse(c.acceptedAt) > now) return null;
  const done = c.finishedAt !== null && Date.parse(c.finishedAt) <= now;
  const suspensions = c.suspensions.filter((s) => Date.parse(s.from) <= now);
  const state = done ? c.state : suspensions.length ? 'suspended' : c.state === 'accepted' ? 'accepted' : 'under-review';
  return { ...c, state, finishedAt: done ? c.finishedAt : null, suspensions, history: c.history.filter((h) => Date.parse(h.at) <= now) };
}

const live: { province: ProvinceSimulator | null; hub: TestHub | null; wall: StreamClient | null } = { province: null, hub: null, wall: null };
afterAll(async () => {
  live.wall?.close();
  await live.hub?.close();
  await live.province?.close();
});

describe('办件监督 soak: a month of cases, day by day', () => {
  it('the board, the lights and the SMS agree with an independent computation every day of the month', async () => {
    const province = (live.province = await startProvinceSimulator({ key: UPLINK_KEY }));
    // A month of cases as the simulator makes them, seen at its end; they reach its feed as the month goes on.
    const month = generateCases({ count: GENERATED, now: END, seed: 1907 });
    const config = smallHall({
      calendar: CALENDAR,
      uplink: {
        enabled: true,
        url: province.url,
        batchSize: 500,
        backoff: { baseMs: 20, maxMs: 200 },
        downlink: { enabled: false },
        supervision: { enabled: true, pollSeconds: 86_400, checkSeconds: 3600, ...THRESHOLDS, board: BOARD, departments: DEPARTMENTS.map((code) => ({ code, phones: [phoneOf(code)] })) },
      },
    });
    const clock: FakeClock = fakeClock(START);
    const hub = (live.hub = await testHub(config, clock, { listen: true, env: { HALL_UPLINK_KEY: UPLINK_KEY } }));
    const supervision = hub.uplink.supervision!;
    const wall = (live.wall = streamClient(hub.base, 'display', { deviceId: 'wall-1', token: hub.credentials.passwordFor('wall-1')! }));
    const boards: CaseBoard[] = [];
    wall.socket.on('case-board', (b: CaseBoard) => boards.push(b));
    await wall.waitFor(() => wall.epoch, 10_000, 'the wall in step');

    const oracle = createOracle({ calendar: config.calendar, timeZone: config.hall.timeZone, ...THRESHOLDS }, { from: '2026-10-01', days: 200 });
    const known = new Map<string, { json: string; record: SupervisedCase }>();
    /** what the oracle says each case's light was at each check, to know which SMS the province must have */
    const seen = new Map<string, Light>();
    const expectedSms = new Map<string, { light: Light; remaining: number; department: string }>();
    let peakOpen = 0;

    for (let d = 0; d <= DAYS; d++) {
      const now = START + d * DAY;
      clock.set(now);
      const changed: SupervisedCase[] = [];
      for (const c of month) {
        const v = asOf(c, now);
        if (!v) continue;
        const json = JSON.stringify(v);
        if (known.get(c.caseNo)?.json === json) continue;
        known.set(c.caseNo, { json, record: v });
        changed.push(v);
      }
      province.putCases(changed);
      const before = boards.length;
      await supervision.sync();
      // The board of this hall day, pushed by the sync (or, had the wall's link dropped, on its reconnect).
      const today = new Date(now).toISOString();
      await until(
        (check) => {
          wall.socket.on('case-board', check);
          return () => void wall.socket.off('case-board', check);
        },
        () => (boards.length > before && boards.at(-1)?.at === today ? true : undefined),
        30_000,
        `the board of day ${d}`,
      );

      const judged = [...known.values()].map(({ record }) => ({ record, j: oracle.judge(record, now) }));
      for (const { record, j } of judged) {
        const before = seen.get(record.caseNo) ?? 'green';
        if (!j.finished && j.light !== 'green' && RANK[j.light] > RANK[before] && !expectedSms.has(`${record.caseNo}:${j.light}`)) {
          expectedSms.set(`${record.caseNo}:${j.light}`, { light: j.light, remaining: j.remaining, department: record.departmentCode });
        }
        seen.set(record.caseNo, j.light);
      }

      // The lights: every open case near or past its limit, with its working days; the rest green or paused.
      const view = supervision.view();
      const attention = (xs: Array<{ caseNo: string; light: string; usedWorkingDays?: number; remainingWorkingDays?: number }>) =>
        xs.map((x) => `${x.caseNo} ${x.light} ${x.remainingWorkingDays}`).sort();
      expect(attention(view.attention), `day ${d}`).toEqual(
        attention(judged.filter(({ j }) => !j.finished && j.light !== 'green').map(({ record, j }) => ({ caseNo: record.caseNo, light: j.light, remainingWorkingDays: j.remaining }))),
      );
      const figures = departmentFigures(judged, oracle.hallDay(now).slice(0, 7));
      expect(view.departments, `day ${d}`).toEqual(figures);
      peakOpen = Math.max(peakOpen, view.status.open);

      // The board as the wall was pushed it.
      expect(boards.at(-1), `day ${d}`).toEqual({ at: new Date(now).toISOString(), ...boardOf(judged, now, figures, oracle.hallDay) });
    }
    expect(peakOpen).toBeGreaterThan(GENERATED * 0.5);

    // The SMS the province's gateway recorded: one per case and light that worsened while open, to its department.
    await hub.uplink.relay!.drained();
    const sms = province.sms().filter((m) => m.type === 'case-light');
    const got = sms.map((m) => {
      const [caseNo, light] = m.key.split(':').slice(-2) as [string, Light];
      const left = /剩余(\d+)个工作日/.exec(m.text)?.[1];
      return `${caseNo}:${light} ${m.to} ${light === 'yellow' ? left : '-'}`;
    });
    const want = [...expectedSms].map(([key, e]) => `${key} ${phoneOf(e.department)} ${e.light === 'yellow' ? Math.max(0, e.remaining) : '-'}`);
    expect(got.sort()).toEqual(want.sort());
    expect(want.length).toBeGreaterThan(GENERATED / 10);
    const names = month.filter((c) => c.applicant.kind === 'person').map((c) => c.applicant.name);
    expect(sms.some((m) => names.some((n) => n.length > 1 && m.text.includes(n)))).toBe(false);
  }, 300_000);
});

interface Judged {
  record: SupervisedCase;
  j: Judgement;
}

/** Per department: open cases by light, paused, finished this hall month and on time; reddest first. */
function departmentFigures(judged: readonly Judged[], month: string) {
  const by = new Map<string, { departmentCode: string; departmentName: string; open: number; green: number; yellow: number; red: number; paused: number; finishedThisMonth: number; onTimeThisMonth: number; onTimeRate: number | null }>();
  for (const { record, j } of judged) {
    const d = by.get(record.departmentCode) ?? { departmentCode: record.departmentCode, departmentName: record.departmentName, open: 0, green: 0, yellow: 0, red: 0, paused: 0, finishedThisMonth: 0, onTimeThisMonth: 0, onTimeRate: null };
    by.set(record.departmentCode, d);
    if (j.finished) {
      if (j.finishedMonth === month) {
        d.finishedThisMonth += 1;
        if (!j.overdue) d.onTimeThisMonth += 1;
      }
    } else {
      d.open += 1;
      d[j.light] += 1;
      if (j.paused) d.paused += 1;
    }
  }
  for (const d of by.values()) d.onTimeRate = d.finishedThisMonth ? d.onTimeThisMonth / d.finishedThisMonth : null;
  return [...by.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || (a.departmentCode < b.departmentCode ? -1 : 1));
}

/** 办件公示: the cases accepted or finished in the last days, newest first, masked; the month's on-time rates. */
function boardOf(judged: readonly Judged[], now: number, figures: ReturnType<typeof departmentFigures>, hallDay: (t: number) => string): Omit<CaseBoard, 'at'> {
  const latest = (r: SupervisedCase) => Math.max(Date.parse(r.acceptedAt), r.finishedAt ? Date.parse(r.finishedAt) : 0);
  const rows = judged
    .filter(({ record }) => latest(record) >= now - BOARD.days * DAY && latest(record) <= now)
    .sort((a, b) => latest(b.record) - latest(a.record))
    .slice(0, BOARD.rows)
    .map(({ record, j }) => ({
      caseNo: record.caseNo,
      serviceName: record.serviceName,
      departmentName: record.departmentName,
      applicant: masked(record.applicant),
      acceptedDay: hallDay(Date.parse(record.acceptedAt)),
      finishedDay: record.finishedAt ? hallDay(Date.parse(record.finishedAt)) : null,
      onTime: j.finished ? !j.overdue : null,
      light: j.light,
    }));
  return { rows, departments: figures.map((d) => ({ departmentName: d.departmentName, onTimeRate: d.onTimeRate, finished: d.finishedThisMonth })) };
}
