import type { Report, ReportRow } from '@hall/shared';
import { thresholdsFor } from '../queue/rules.js';
import { hallTime } from '../time/hall-time.js';
import { departmentRanking } from './department-ranking.js';
import { createFigures, ticketFacts, type FiguresAccumulator } from './figures.js';
import type { ReportDirectory, ShiftEventRow, TicketRow } from './report-input.js';
import { createSeries } from './series.js';
import { createStaffLookup, windowShifts } from './window-shifts.js';

export interface ReportRange {
  kind: 'daily' | 'monthly';
  from: string;
  to: string;
  /** every business day of the range, in order (the monthly series has one point each) */
  days: readonly string[];
  /** the instant the report is made: waits and services still going on count towards warnings */
  now: number;
}

/** Tickets never called belong to no window; their department is known only when their line has one. */
const UNASSIGNED = '-';
const UNASSIGNED_NAME = '未分配（未叫号）';

interface Group {
  row: Omit<ReportRow, 'figures'>;
  acc: FiguresAccumulator;
}

/** A table of groups in a stable order: the order they were first named (configuration order first). */
function table() {
  const groups = new Map<string, Group>();
  return {
    ensure(key: string, name: string, department: string | null): Group {
      let g = groups.get(key);
      if (!g) {
        g = { row: { key, name, department }, acc: createFigures() };
        groups.set(key, g);
      }
      return g;
    },
    rows: (): ReportRow[] => [...groups.values()].map((g) => ({ ...g.row, figures: g.acc.figures() })),
  };
}

/**
 * A daily or monthly report from the tickets of the range and the window events (who sat where): figures
 * for the hall, per department, window, staff member and line; a time series; the department ranking.
 * Pure: the rows come in, the figures go out.
 */
export function buildReport(range: ReportRange, tickets: Iterable<TicketRow>, shiftEvents: Iterable<ShiftEventRow>, dir: ReportDirectory): Report {
  const { rules } = dir;
  const deptName = (code: string | null | undefined): string | null =>
    code ? (code === UNASSIGNED ? UNASSIGNED_NAME : (dir.departmentNames.get(code) ?? code)) : null;
  const shifts = windowShifts(shiftEvents);
  const staffAt = createStaffLookup(shifts);

  const totals = createFigures();
  const departments = table();
  const windows = table();
  const staff = table();
  const lines = table();
  for (const w of rules.windows.values()) {
    if (w.dept) departments.ensure(w.dept, deptName(w.dept)!, null);
    windows.ensure(w.no, w.name, deptName(w.dept));
  }
  // Staff who sat at a window in the range appear even if they called nobody.
  const inRange = new Set(range.days);
  const seenStaff = new Set(shifts.filter((s) => inRange.has(hallTime(s.from, rules.timeZone).day)).map((s) => s.staffNo));
  for (const s of rules.staff.values()) {
    if (seenStaff.has(s.no)) staff.ensure(s.no, s.name, deptName(s.dept));
  }
  for (const l of rules.lines.values()) lines.ensure(l.id, l.name, null);
  const series = createSeries(range.kind === 'daily' ? 'hour' : 'day', rules.timeZone, range.days);

  // Thresholds per line, merged once: a month has tens of thousands of tickets and a few dozen lines.
  const thresholds = new Map<string, ReturnType<typeof thresholdsFor>>();
  const thresholdsOf = (lineId: string) => {
    let th = thresholds.get(lineId);
    if (!th) thresholds.set(lineId, (th = thresholdsFor(rules, lineId)));
    return th;
  };
  for (const t of tickets) {
    const facts = ticketFacts(t, thresholdsOf(t.lineId), range.now);
    totals.add(facts);
    series.add(t, facts);
    const line = rules.lines.get(t.lineId);
    lines.ensure(t.lineId, line?.name ?? t.lineId, null).acc.add(facts);

    const shift = t.windowNo !== null && t.calledAt !== null ? staffAt(t.windowNo, t.calledAt) : null;
    const window = t.windowNo !== null ? rules.windows.get(t.windowNo) : undefined;
    const person = shift ? rules.staff.get(shift.staffNo) : undefined;
    const lineDepts = line?.serves.deptCodes ?? [];
    const dept = window?.dept ?? person?.dept ?? (lineDepts.length === 1 ? lineDepts[0]! : UNASSIGNED);

    departments.ensure(dept, deptName(dept)!, null).acc.add(facts);
    if (t.windowNo !== null) windows.ensure(t.windowNo, window?.name ?? t.windowNo, deptName(window?.dept)).acc.add(facts);
    if (shift) staff.ensure(shift.staffNo, person?.name ?? shift.staffNo, deptName(person?.dept ?? window?.dept)).acc.add(facts);
  }

  const hall = totals.figures();
  const departmentRows = departments.rows();
  return {
    kind: range.kind,
    from: range.from,
    to: range.to,
    hallName: dir.hallName,
    generatedAt: new Date(range.now).toISOString(),
    totals: hall,
    departments: departmentRows,
    windows: windows.rows(),
    staff: staff.rows(),
    lines: lines.rows(),
    series: { unit: range.kind === 'daily' ? 'hour' : 'day', points: series.points() },
    ranking: departmentRanking(
      departmentRows.filter((d) => d.key !== UNASSIGNED),
      hall,
    ),
  };
}
