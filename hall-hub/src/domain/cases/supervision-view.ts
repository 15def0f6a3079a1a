import { FINISHED_CASE_STATES, type SupervisedCase } from '@hall/shared';
import type { Calendar } from '../hall-vocabulary.js';
import { hallTime } from '../time/hall-time.js';
import { maskApplicant } from './applicant-mask.js';
import { caseClock, type CaseClock, type ClockInput } from './case-clock.js';
import { caseLight, thresholdsFor, type CaseLight, type LightThresholds } from './case-light.js';

export interface SupervisionRules {
  calendar: Calendar;
  timeZone: string;
  thresholds: LightThresholds;
  perDepartment: Readonly<Record<string, Partial<LightThresholds>>>;
}

export const clockInputOf = (c: SupervisedCase): ClockInput => ({
  acceptedAt: Date.parse(c.acceptedAt),
  limitWorkingDays: c.limitWorkingDays,
  suspensions: c.suspensions.map((s) => ({ from: Date.parse(s.from), to: s.to === null ? null : Date.parse(s.to) })),
  finishedAt: c.finishedAt === null ? null : Date.parse(c.finishedAt),
});

export const isFinished = (c: SupervisedCase) => FINISHED_CASE_STATES.includes(c.state);

export interface JudgedCase {
  record: SupervisedCase;
  clock: CaseClock;
  /** for an open case, its light; for a finished one, red when it finished late */
  light: CaseLight;
}

export function judge(rules: SupervisionRules, c: SupervisedCase, now: number): JudgedCase {
  const clock = caseClock(rules.calendar, rules.timeZone, clockInputOf(c), now);
  const t = thresholdsFor(rules.thresholds, rules.perDepartment, c.departmentCode);
  return { record: c, clock, light: isFinished(c) ? (clock.overdue ? 'red' : 'green') : caseLight(c.limitWorkingDays, clock, t) };
}

export interface DepartmentFigures {
  departmentCode: string;
  departmentName: string;
  open: number;
  green: number;
  yellow: number;
  red: number;
  paused: number;
  /** finished in the current hall month */
  finishedThisMonth: number;
  onTimeThisMonth: number;
  /** onTime / finished, null with nothing finished */
  onTimeRate: number | null;
}

export interface WatchedCase {
  caseNo: string;
  serviceName: string;
  departmentCode: string;
  departmentName: string;
  applicant: string;
  light: CaseLight;
  paused: boolean;
  acceptedAt: string;
  limitWorkingDays: number;
  usedWorkingDays: number;
  remainingWorkingDays: number;
  deadline: string | null;
}

const watched = (j: JudgedCase): WatchedCase => ({
  caseNo: j.record.caseNo,
  serviceName: j.record.serviceName,
  departmentCode: j.record.departmentCode,
  departmentName: j.record.departmentName,
  applicant: maskApplicant(j.record.applicant.kind, j.record.applicant.name),
  light: j.light,
  paused: j.clock.paused,
  acceptedAt: j.record.acceptedAt,
  limitWorkingDays: j.record.limitWorkingDays,
  usedWorkingDays: j.clock.usedWorkingDays,
  remainingWorkingDays: j.clock.remainingWorkingDays,
  deadline: j.clock.deadline === null ? null : new Date(j.clock.deadline).toISOString(),
});

/** 动态监控 / 超时预警: per department, the lights of open cases and the month's on-time rate; the cases near or past their limit, most urgent first. */
export function supervisionFigures(rules: SupervisionRules, judged: readonly JudgedCase[], now: number): { departments: DepartmentFigures[]; attention: WatchedCase[] } {
  const month = hallTime(now, rules.timeZone).day.slice(0, 7);
  const byDept = new Map<string, DepartmentFigures>();
  const attention: JudgedCase[] = [];
  for (const j of judged) {
    const c = j.record;
    let d = byDept.get(c.departmentCode);
    if (!d) {
      d = { departmentCode: c.departmentCode, departmentName: c.departmentName, open: 0, green: 0, yellow: 0, red: 0, paused: 0, finishedThisMonth: 0, onTimeThisMonth: 0, onTimeRate: null };
      byDept.set(c.departmentCode, d);
    }
    if (isFinished(c)) {
      if (c.finishedAt !== null && hallTime(Date.parse(c.finishedAt), rules.timeZone).day.startsWith(month)) {
        d.finishedThisMonth += 1;
        if (j.light === 'green') d.onTimeThisMonth += 1;
      }
      continue;
    }
    d.open += 1;
    d[j.light] += 1;
    if (j.clock.paused) d.paused += 1;
    if (j.light !== 'green') attention.push(j);
  }
  for (const d of byDept.values()) d.onTimeRate = d.finishedThisMonth ? d.onTimeThisMonth / d.finishedThisMonth : null;
  attention.sort((a, b) => (a.light === b.light ? a.clock.remainingWorkingDays - b.clock.remainingWorkingDays : a.light === 'red' ? -1 : 1));
  return { departments: [...byDept.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || (a.departmentCode < b.departmentCode ? -1 : 1)), attention: attention.map(watched) };
}

export interface BoardRow {
  caseNo: string;
  serviceName: string;
  departmentName: string;
  applicant: string;
  acceptedDay: string;
  finishedDay: string | null;
  /** for a finished case whether it kept its limit; for an open one its light */
  onTime: boolean | null;
  light: CaseLight;
}

/** 办件公示: recently accepted and finished cases, masked, newest first, and each department's on-time rate this month. */
export function caseBoard(rules: SupervisionRules, judged: readonly JudgedCase[], now: number, opts: { days: number; rows: number }): { rows: BoardRow[]; departments: Array<{ departmentName: string; onTimeRate: number | null; finished: number }> } {
  const since = now - opts.days * 86_400_000;
  const day = (iso: string) => hallTime(Date.parse(iso), rules.timeZone).day;
  const recent = judged
    .map((j) => ({ j, at: Math.max(Date.parse(j.record.acceptedAt), j.record.finishedAt ? Date.parse(j.record.finishedAt) : 0) }))
    .filter((x) => x.at >= since && x.at <= now)
    .sort((a, b) => b.at - a.at)
    .slice(0, opts.rows)
    .map(({ j }): BoardRow => ({
      caseNo: j.record.caseNo,
      serviceName: j.record.serviceName,
      departmentName: j.record.departmentName,
      applicant: maskApplicant(j.record.applicant.kind, j.record.applicant.name),
      acceptedDay: day(j.record.acceptedAt),
      finishedDay: j.record.finishedAt ? day(j.record.finishedAt) : null,
      onTime: isFinished(j.record) ? !j.clock.overdue : null,
      light: j.light,
    }));
  const figures = supervisionFigures(rules, judged, now).departments;
  return { rows: recent, departments: figures.map((d) => ({ departmentName: d.departmentName, onTimeRate: d.onTimeRate, finished: d.finishedThisMonth })) };
}
