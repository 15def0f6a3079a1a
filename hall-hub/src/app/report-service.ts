import type { MinimumSample, Report, ReportTable } from '@hall/shared';
import { buildReport } from '../domain/reports/build-report.js';
import type { CaseRow, RongqueRow, ShiftEventRow, TicketRow } from '../domain/reports/report-input.js';
import { reportCsv } from '../domain/reports/report-csv.js';
import type { QueueRules } from '../domain/queue/rules.js';
import { hallTime } from '../domain/time/hall-time.js';

/** Where report rows come from (SQLite in the hub). */
export interface ReportSource {
  tickets(fromDay: string, toDay: string): Iterable<TicketRow>;
  /** DayStarted / WindowOpened / WindowClosed events between two instants, in log order */
  shiftEvents(fromMs: number, toMs: number): ShiftEventRow[];
  /** 容缺 acceptances made between two instants (the plain columns: no applicant is opened for a report) */
  rongque(fromMs: number, toMs: number): RongqueRow[];
  /** the supervised cases (办件) that can matter between two instants: accepted by the end, not finished before the start */
  cases(fromMs: number, toMs: number): CaseRow[];
}

export interface ReportService {
  today(): string;
  daily(day?: string): Report;
  monthly(month?: string): Report;
  csv(report: Report, table: ReportTable): string;
  /** a report as a PDF document */
  pdf(report: Report): Promise<Buffer>;
}

export interface ReportServiceDeps {
  source: ReportSource;
  rules: QueueRules;
  hallName: string;
  now: () => number;
  /** department code → name, read at each report (the catalog can change) */
  departmentNames: () => ReadonlyMap<string, string>;
  minimumSample: MinimumSample;
  renderPdf: (report: Report) => Promise<Buffer>;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD days from `from` to `to`, inclusive (calendar arithmetic on UTC dates: no zone involved). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function createReportService(deps: ReportServiceDeps): ReportService {
  const today = () => hallTime(deps.now(), deps.rules.timeZone).day;

  function make(kind: 'daily' | 'monthly', from: string, to: string): Report {
    // Window events a day either side: every zone's business day lies within those UTC bounds.
    const fromMs = Date.parse(`${from}T00:00:00Z`) - DAY_MS;
    const toMs = Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS;
    return buildReport(
      { kind, from, to, days: daysBetween(from, to), now: deps.now() },
      deps.source.tickets(from, to),
      deps.source.shiftEvents(fromMs, toMs),
      { rules: deps.rules, hallName: deps.hallName, departmentNames: deps.departmentNames(), minimumSample: deps.minimumSample },
      // The evaluation of cases and 容缺 is monthly (绩效评估); the daily report, which the floor refreshes after
      // events, stays on the queue and does not open the sealed cases.
      kind === 'monthly' ? { cases: deps.source.cases(fromMs, toMs), rongque: deps.source.rongque(fromMs, toMs) } : { cases: [], rongque: [] },
    );
  }

  return {
    today,
    daily: (day) => {
      const d = day ?? today();
      return make('daily', d, d);
    },
    monthly(month) {
      const m = month ?? today().slice(0, 7);
      const [y, mo] = m.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
      // The current month runs to today: the days still to come have nothing to show.
      const t = today();
      return make('monthly', `${m}-01`, t.startsWith(m) && t < last ? t : last);
    },
    csv: (report, table) => reportCsv(report, table),
    pdf: (report) => deps.renderPdf(report),
  };
}
