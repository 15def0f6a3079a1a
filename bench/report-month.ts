import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hall/hub/config/load-config';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteReportQueries } from '@hall/hub/adapters/sqlite/sqlite-report-queries';
import { createReportService } from '@hall/hub/app/report-service';
import { queueRulesFrom } from '@hall/hub/domain/queue/rules';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, type Figure } from './lib/report.js';

const DAYS = 21; // the working days of November 2026
const TICKETS_PER_DAY = 3000;
const EVENTS_PER_TICKET = 5;
const MINUTE = 60_000;

/**
 * Reports over a busy month of the demo hall (55 windows): 21 working days × 3,000 tickets, with ~5 events per
 * ticket in the log. The monthly and daily reports (SQL read side + pure figures, department ranking) are
 * timed against the cheapest possible pass over the same month: one SQL GROUP BY in SQLite.
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
  db.pragma('synchronous = FULL');
  const reports = createReportService({
    source: createSqliteReportQueries(db),
    rules,
    hallName: config.hall.name,
    now: () => day0 + 40 * 24 * 60 * MINUTE,
    departmentNames: () => new Map(),
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
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    figure({
      id: 'report-month.monthly-ms',
      what: `monthly report of the demo hall, ${DAYS} days × ${TICKETS_PER_DAY} tickets (${DAYS * TICKETS_PER_DAY * EVENTS_PER_TICKET} other events in the log): all groupings, series, ranking`,
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
