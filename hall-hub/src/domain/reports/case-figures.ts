import { FINISHED_CASE_STATES, type SupervisedCase } from '@hall/shared';
import { caseClock } from '../cases/case-clock.js';
import { endOfHallDay } from '../evaluation/working-days.js';
import type { Calendar } from '../hall-vocabulary.js';
import { hallTime } from '../time/hall-time.js';
import type { CaseRow, RongqueRow } from './report-input.js';

/** The period a report covers: its hall days, and the instant its figures stand at (the end of its last day, or now). */
export interface EvaluationPeriod {
  from: string;
  to: string;
  asOf: number;
  timeZone: string;
  calendar: Calendar;
}

/** 办件 of one department in a period. */
export interface CaseCounts {
  /** finished in the period (its hall days) */
  finished: number;
  onTime: number;
  /** finished in the period after their deadline */
  overdueFinished: number;
  /** not finished by the period's end and past their deadline then */
  overdueOpen: number;
}

export const noCases = (): CaseCounts => ({ finished: 0, onTime: 0, overdueFinished: 0, overdueOpen: 0 });

const inPeriod = (p: EvaluationPeriod, at: number) => {
  const day = hallTime(at, p.timeZone).day;
  return day >= p.from && day <= p.to;
};

/**
 * Where one case stood in the period, by the approval clock (working days of the hall calendar, suspensions not
 * counted — the same clock as the supervision lights): finished in the period on time or late, open past its
 * limit at the period's end, or neither (finished earlier, or accepted later). A case finished after the period
 * is judged as it stood at its end: open, with only the suspensions that had begun, and those not yet over open.
 */
export function caseStanding(p: EvaluationPeriod, c: CaseRow): 'on-time' | 'late' | 'overdue-open' | null {
  if (c.acceptedAt > p.asOf) return null;
  if (c.finishedAt !== null && c.finishedAt <= p.asOf) {
    if (!inPeriod(p, c.finishedAt)) return null;
    const clock = caseClock(p.calendar, p.timeZone, { ...c, finishedAt: c.finishedAt }, c.finishedAt);
    return clock.overdue ? 'late' : 'on-time';
  }
  const suspensions = c.suspensions.filter((s) => s.from <= p.asOf).map((s) => ({ from: s.from, to: s.to !== null && s.to <= p.asOf ? s.to : null }));
  const clock = caseClock(p.calendar, p.timeZone, { acceptedAt: c.acceptedAt, limitWorkingDays: c.limitWorkingDays, suspensions, finishedAt: null }, p.asOf);
  return clock.overdue ? 'overdue-open' : null;
}

/** Adds one case's standing to its department's counts. */
export function addCase(counts: CaseCounts, standing: ReturnType<typeof caseStanding>): void {
  if (standing === 'on-time' || standing === 'late') counts.finished += 1;
  if (standing === 'on-time') counts.onTime += 1;
  else if (standing === 'late') counts.overdueFinished += 1;
  else if (standing === 'overdue-open') counts.overdueOpen += 1;
}

/** 容缺 acceptances of one department in a period. */
export interface RongqueCounts {
  accepted: number;
  /** accepted in the period, and supplied or past the supply deadline by its end */
  settled: number;
  suppliedOnTime: number;
}

export const noRongque = (): RongqueCounts => ({ accepted: 0, settled: 0, suppliedOnTime: 0 });

/**
 * One 容缺 acceptance of the period: accepted; settled once the materials came or the deadline passed (one still
 * inside its deadline at the period's end counts in neither part of the rate); on time when they came by the
 * deadline (the end of its last working day).
 */
export function addRongque(p: EvaluationPeriod, counts: RongqueCounts, r: RongqueRow): void {
  if (r.acceptedAt > p.asOf || !inPeriod(p, r.acceptedAt)) return;
  counts.accepted += 1;
  const came = r.suppliedAt !== null && r.suppliedAt <= p.asOf ? r.suppliedAt : null;
  if (came === null && r.supplyDeadline >= p.asOf) return;
  counts.settled += 1;
  if (came !== null && came <= r.supplyDeadline) counts.suppliedOnTime += 1;
}

/** The last instant of a hall day given as YYYY-MM-DD, in the hall's zone (whatever zone the machine is in). */
export function endOfDay(day: string, timeZone: string): number {
  // Noon UTC is on `day` in zones up to ±12 h; step half days until the hall agrees.
  let t = Date.parse(`${day}T12:00:00Z`);
  for (let i = 0; i < 4; i++) {
    const d = hallTime(t, timeZone).day;
    if (d === day) break;
    t += d < day ? 43_200_000 : -43_200_000;
  }
  return endOfHallDay(t, timeZone);
}

/** A case as the feed gives it, reduced to what the evaluation needs; only a finished state's time ends the clock. */
export function caseRowOf(c: SupervisedCase): CaseRow {
  return {
    departmentCode: c.departmentCode,
    departmentName: c.departmentName,
    acceptedAt: Date.parse(c.acceptedAt),
    limitWorkingDays: c.limitWorkingDays,
    suspensions: c.suspensions.map((s) => ({ from: Date.parse(s.from), to: s.to === null ? null : Date.parse(s.to) })),
    finishedAt: FINISHED_CASE_STATES.includes(c.state) && c.finishedAt !== null ? Date.parse(c.finishedAt) : null,
  };
}
