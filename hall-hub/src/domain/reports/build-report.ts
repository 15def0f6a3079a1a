import type { Report, ReportRow } from '@hall/shared';
import { thresholdsFor } from '../queue/rules.js';
import { hallTime } from '../time/hall-time.js';
import { addCase, addRongque, caseStanding, endOfDay, noCases, noRongque, type CaseCounts, type EvaluationPeriod, type RongqueCounts } from './case-figures.js';
import { departmentRanking } from './department-ranking.js';
import { createFigures, ticketFacts, type FiguresAccumulator } from './figures.js';
import type { CaseRow, ReportDirectory, RongqueRow, ShiftEventRow, TicketRow } from './report-input.js';
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

/** What the evaluation adds to the queue's figures: the supervised cases (办件) and the 容缺 acceptances. */
export interface SupervisionRows {
  cases: Iterable<CaseRow>;
  rongque: Iterable<RongqueRow>;
}

/**
 * A daily or monthly report from the tickets of the range and the window events (who sat where): figures
 * for the hall, per department, window, staff member and line; a time series; the department ranking, which
 * also weighs the cases finished on time and the 容缺 materials supplied on time.
 * Pure: the rows come in, the figures go out.
 */
export function buildReport(
  range: ReportRange,
  tickets: Iterable<TicketRow>,
  shiftEvents: Iterable<ShiftEventRow>,
  dir: ReportDirectory,
  supervision: SupervisionRows = { cases: [], rongque: [] },
): Report {
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
  const { perDepartment, hallCases, hallRongque } = supervisionCounts(range, dir, supervision);
  const inputs = new Map(departmentRows.filter((d) => d.key !== UNASSIGNED).map((row) => [row.key, { row, cases: noCases(), rongque: noRongque() }]));
  for (const [code, c] of perDepartment) {
    let d = inputs.get(code);
    if (!d) inputs.set(code, (d = { row: { key: code, name: deptName(code)!, department: null, figures: createFigures().figures() }, cases: noCases(), rongque: noRongque() }));
    // A department the catalog does not name is called as its cases call it.
    if (d.row.name === code && c.name !== code) d.row = { ...d.row, name: c.name };
    d.cases = c.cases;
    d.rongque = c.rongque;
  }
  return {
    kind: range.kind,
    from: range.from,
    to: range.to,
    hallName: dir.hallName,
    timeZone: rules.timeZone,
    generatedAt: new Date(range.now).toISOString(),
    minimumSample: dir.minimumSample,
    totals: hall,
    departments: departmentRows,
    windows: windows.rows(),
    staff: staff.rows(),
    lines: lines.rows(),
    series: { unit: range.kind === 'daily' ? 'hour' : 'day', points: series.points() },
    ranking: departmentRanking([...inputs.values()], { figures: hall, cases: hallCases, rongque: hallRongque }, dir.minimumSample),
  };
}

/** Cases and 容缺 acceptances counted per department (a case by its own department, a 容缺 by its window's). */
function supervisionCounts(range: ReportRange, dir: ReportDirectory, rows: SupervisionRows) {
  const { rules } = dir;
  const period: EvaluationPeriod = { from: range.from, to: range.to, asOf: Math.min(range.now, endOfDay(range.to, rules.timeZone)), timeZone: rules.timeZone, calendar: rules.calendar };
  const perDepartment = new Map<string, { name: string; cases: CaseCounts; rongque: RongqueCounts }>();
  const of = (code: string, name: string) => {
    let d = perDepartment.get(code);
    if (!d) perDepartment.set(code, (d = { name, cases: noCases(), rongque: noRongque() }));
    return d;
  };
  const hallCases = noCases();
  const hallRongque = noRongque();
  for (const c of rows.cases) {
    const standing = caseStanding(period, c);
    if (standing === null) continue;
    addCase(of(c.departmentCode, c.departmentName).cases, standing);
    addCase(hallCases, standing);
  }
  for (const r of rows.rongque) {
    const code = rules.windows.get(r.windowNo)?.dept ?? UNASSIGNED;
    addRongque(period, hallRongque, r);
    if (code !== UNASSIGNED) addRongque(period, of(code, code).rongque, r);
  }
  return { perDepartment, hallCases, hallRongque };
}
