import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hall/hub/config/load-config';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import type { SupervisedCase } from '@hall/shared';
import { createTextSealer } from '@hall/hub/adapters/crypto/text-sealer';
import { createSqliteReportQueries } from '@hall/hub/adapters/sqlite/sqlite-report-queries';
import { createSqliteSupervisedCases } from '@hall/hub/adapters/sqlite/sqlite-supervised-cases';
import { createReportService } from '@hall/hub/app/report-service';
import { queueRulesFrom } from '@hall/hub/domain/queue/rules';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, type Figure } from './lib/report.js';

const DAYS = 21; // the working days of November 2026
const TICKETS_PER_DAY = 3000;
const EVENTS_PER_TICKET = 5;
const CASES = 5000; // a large hall's open and finished cases (办件) held by the supervision
const RONGQUE_PER_DAY = 15;
const MINUTE = 60_000;

/** A case of the month: accepted on one of its days, a limit of 1–20 working days, some suspended, most finished. */
function monthCase(k: number, depts: readonly string[], acceptedAt: number): SupervisedCase {
  const finished = k % 4 !== 0;
  const iso = (t: number) => new Date(t).toISOString();
  return {
    caseNo: `C${String(k).padStart(6, '0')}`,
    taskCode: `T${k % 97}`,
    serviceName: '营业执照核发',
    departmentCode: depts[k % depts.length]!,
    departmentName: `部门${k % depts.length}`,
    applicant: { kind: k % 3 === 0 ? 'organisation' : 'person', name: k % 3 === 0 ? '沈阳某某科技有限公司' : '王小华' },
    acceptedAt: iso(acceptedAt),
    limitWorkingDays: 1 + (k % 20),
    state: finished ? 'decided' : 'under-review',
    history: [],
    suspensions: k % 7 === 0 ? [{ kind: 'correction', from: iso(acceptedAt + 24 * 60 * MINUTE), to: iso(acceptedAt + 3 * 24 * 60 * MINUTE) }] : [],
    finishedAt: finished ? iso(acceptedAt + (1 + (k % 25)) * 24 * 60 * MINUTE) : null,
    steps: [],
  };
}

/**
 * Reports over a busy month of the demo hall (55 windows): 21 working days × 3,000 tickets, with ~5 events per
 * ticket in the log, 5,000 supervised cases (sealed at rest) and 15 容缺 acceptances a day. The monthly and daily
 * reports (SQL read side + pure figures, department ranking and evaluation: every case judged on the hall
 * calendar) are timed against the cheapest possible pass over the same month: one SQL GROUP BY in SQLite.
 */
export async function reportMonth(): Promise<Figure[]> {
  const { config } = loadConfig({}, join(repoRoot, 'hall-hub', 'demo', 'hall.json'));
  const rules = queueRulesFrom(config);
  const dir = mkdtempSync(join(tmpdir(), 'hall-report-bench-'));
  const db = openDatabase(join(dir, 'hall.db'));
  db.pragma('synchronous = OFF');
  const windows = config.windows;
  const lineOf = (w: (typeof windows)[number]) => w.lines[0]!.line;
  const insertTicket = db.prepare(`INSERT INTO tickets (id, day, number, serial, line_id, channel, status, window_no, issued_at, called_at,
    started_at, finished_at, data) VALUES (?, ?, ?, ?, ?, 'kiosk', ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare('INSERT INTO events (at, type, data) VALUES (?, ?, ?)');
  const levels = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', null] as const;
  const day0 = Date.UTC(2026, 10, 2, 0, 30); // Monday 2 November 2026, 08:30 in Shanghai
  const days: string[] = [];
  db.transaction(() => {
    for (let d = 0; days.length < DAYS; d++) {
      const start = day0 + d * 24 * 60 * MINUTE;
      const weekday = new Date(start).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const day = new Date(start + 8 * 60 * MINUTE).toISOString().slice(0, 10);
      days.push(day);
      insertEvent.run(start, 'DayStarted', JSON.stringify({ type: 'DayStarted', at: start, day, expired: [] }));
      windows.forEach((w, i) => {
        const staffNo = config.staff.find((s) => s.windows.includes(w.no))?.no ?? `S${i}`;
        insertEvent.run(start, 'WindowOpened', JSON.stringify({ type: 'WindowOpened', at: start, windowNo: w.no, staffNo, coveringFor: null }));
      });
      for (let k = 0; k < TICKETS_PER_DAY; k++) {
        const w = windows[k % windows.length]!;
        const issued = start + Math.floor((k / TICKETS_PER_DAY) * 480) * MINUTE;
        const called = issued + ((k * 7) % 45) * MINUTE;
        const finished = called + (3 + ((k * 13) % 25)) * MINUTE;
        const rating = levels[k % levels.length]!;
        const id = `${day}-${k}`;
        insertTicket.run(id, day, `A${k}`, k, lineOf(w), 'done', w.no, issued, called, called, finished, JSON.stringify({ rating }));
        // The rest of the log (issued, called, started, finished, rated) that the report must not scan.
        for (let e = 0; e < EVENTS_PER_TICKET; e++) insertEvent.run(issued + e * MINUTE, 'TicketCalled', '{"type":"TicketCalled"}');
      }
    }
  })();
  // The cases rest sealed as the supervision keeps them; a report opens those that can matter to its period.
  const depts = [...new Set(windows.map((w) => w.dept).filter((d): d is string => typeof d === 'string'))];
  const sealer = createTextSealer(Buffer.alloc(32, 7));
  const supervised = createSqliteSupervisedCases(db, sealer);
  supervised.put(
    Array.from({ length: CASES }, (_, k) => monthCase(k, depts.length ? depts : ['D1'], day0 - 10 * 24 * 60 * MINUTE + Math.floor((k / CASES) * 35 * 24 * 60) * MINUTE)),
    'bench',
  );
  const insertRongque = db.prepare('INSERT INTO rongque_cases (id, window_no, accepted_at, supply_deadline, supplied_at, record, phone_cipher) VALUES (?, ?, ?, ?, ?, ?, NULL)');
  db.transaction(() => {
    for (let k = 0; k < DAYS * RONGQUE_PER_DAY; k++) {
      const at = day0 + Math.floor(k / RONGQUE_PER_DAY) * 24 * 60 * MINUTE + (k % RONGQUE_PER_DAY) * 20 * MINUTE;
      const deadline = at + 5 * 24 * 60 * MINUTE;
      insertRongque.run(`R${k}`, windows[k % windows.length]!.no, at, deadline, k % 5 === 0 ? null : at + (k % 9) * 24 * 60 * MINUTE, 'sealed');
    }
  })();
  db.pragma('synchronous = FULL');
  const reports = createReportService({
    source: createSqliteReportQueries(db, sealer),
    rules,
    hallName: config.hall.name,
    now: () => day0 + 40 * 24 * 60 * MINUTE,
    departmentNames: () => new Map(),
    minimumSample: config.reports.minimumSample,
    renderPdf: async () => Buffer.alloc(0),
  });
  const month = days[0]!.slice(0, 7);
  const baseline = db.prepare(`SELECT window_no, count(*) AS n, avg(called_at - issued_at) AS wait, avg(finished_at - started_at) AS service
    FROM tickets WHERE day BETWEEN ? AND ? GROUP BY window_no`);
  const time = (fn: () => unknown, runs: number): number => {
    fn();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const monthly = time(() => reports.monthly(month), 7);
  const monthlyBase = time(() => baseline.all(days[0], days[days.length - 1]), 7);
  const daily = time(() => reports.daily(days[10]), 21);
  const dailyBase = time(() => baseline.all(days[10], days[10]), 21);
  const check = reports.monthly(month);
  if (check.totals.issued !== DAYS * TICKETS_PER_DAY) throw new Error(`report counted ${check.totals.issued} tickets`);
  const judged = check.ranking.reduce((n, r) => n + r.cases.onTime.of + r.cases.overdueOpen, 0);
  if (judged === 0) throw new Error('the monthly evaluation judged no case');
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    figure({
      id: 'report-month.monthly-ms',
      what: `monthly report of the demo hall, ${DAYS} days × ${TICKETS_PER_DAY} tickets (${DAYS * TICKETS_PER_DAY * EVENTS_PER_TICKET} other events in the log), ${CASES} cases, ${DAYS * RONGQUE_PER_DAY} 容缺: all groupings, series, ranking and evaluation`,
      value: monthly,
      unit: 'ms',
      baseline: { what: 'one SQL GROUP BY over the same month (count, average wait and service per window)', value: monthlyBase, unit: 'ms' },
      target: { text: 'value <= 1000 ms (a manager opening the month)', check: ({ value }) => value <= 1000 },
    }),
    figure({
      id: 'report-month.daily-ms',
      what: `daily report of one of those days (${TICKETS_PER_DAY} tickets)`,
      value: daily,
      unit: 'ms',
      baseline: { what: 'one SQL GROUP BY over the same day', value: dailyBase, unit: 'ms' },
      target: { text: 'value <= 100 ms (the floor refreshes it after events)', check: ({ value }) => value <= 100 },
    }),
  ];
}
