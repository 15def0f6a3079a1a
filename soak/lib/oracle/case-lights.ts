import type { SupervisedCase } from '@hall/shared';

/**
 * The case soak's own reading of 办件监督 (README "办件监督": the approval clock's rules, 红黄灯, the board), written
 * apart from hall-hub/src/domain and sharing no code with it: working days come from the hall calendar as
 * configured (weekly hours, holidays, 调休 make-up days), hall days from Intl in the hall's zone, and days are
 * counted on integer indexes rather than stepped as strings. A disagreement with the hub is a finding.
 *
 * The rules, as published: the limit counts working days from the day after acceptance; a day a suspension
 * (补正, 特别程序) touches does not count, its first and last day included; the deadline is the end of the
 * working day on which the count reaches the limit (即办件, limit 0: the day of acceptance); while an open
 * suspension holds the clock before that day there is no deadline. Red: past the deadline. Yellow: no more than
 * N working days or P % of the limit left. A finished case is on time unless it finished after its deadline.
 */

/** The calendar as hall.json has it (a parsed HallConfig's `calendar` fits). */
export interface OracleCalendar {
  weekly: Readonly<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', readonly unknown[]>>;
  holidays: readonly string[];
  extraWorkdays: ReadonlyArray<{ date: string; sameAs: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' }>;
}

export type Light = 'green' | 'yellow' | 'red';
export const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

export interface OracleRules {
  calendar: OracleCalendar;
  timeZone: string;
  yellowWorkingDays: number;
  yellowPercent: number;
}

export interface Judgement {
  caseNo: string;
  finished: boolean;
  light: Light;
  used: number;
  remaining: number;
  overdue: boolean;
  paused: boolean;
  /** hall month (YYYY-MM) of the finish, null while open */
  finishedMonth: string | null;
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;
const FINISHED = new Set(['decided', 'closed', 'withdrawn']);

/** Day strings ↔ indexes over a span, with the working flag of each day worked out once. */
export function createOracle(rules: OracleRules, span: { from: string; days: number }) {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: rules.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayCache = new Map<number, string>();
  /** the hall day of an instant, YYYY-MM-DD (en-CA formats dates that way) */
  const hallDay = (t: number): string => {
    // Every zone's offset is a whole number of quarter hours: one quarter hour lies in one hall day.
    const quarter = Math.floor(t / 900_000);
    let d = dayCache.get(quarter);
    if (d === undefined) {
      d = format.format(new Date(t));
      dayCache.set(quarter, d);
    }
    return d;
  };
  const origin = Date.parse(`${span.from}T00:00:00Z`);
  const names: string[] = [];
  const working: boolean[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < span.days; i++) {
    const name = new Date(origin + i * DAY_MS).toISOString().slice(0, 10);
    const extra = rules.calendar.extraWorkdays.find((x) => x.date === name);
    const weekday = WEEKDAY_KEYS[new Date(origin + i * DAY_MS).getUTCDay()]!;
    names.push(name);
    index.set(name, i);
    working.push(!rules.calendar.holidays.includes(name) && rules.calendar.weekly[extra ? extra.sameAs : weekday].length > 0);
  }
  const at = (day: string): number => {
    const i = index.get(day);
    if (i === undefined) throw new Error(`the oracle's span does not hold ${day}`);
    return i;
  };

  function judge(c: SupervisedCase, now: number): Judgement {
    const accepted = at(hallDay(Date.parse(c.acceptedAt)));
    const stops = c.suspensions.map((s) => ({ from: at(hallDay(Date.parse(s.from))), to: s.to === null ? Infinity : at(hallDay(Date.parse(s.to))) }));
    const counts = (i: number) => working[i]! && !stops.some((s) => i >= s.from && i <= s.to);
    const openFrom = Math.min(...c.suspensions.filter((s) => s.to === null).map((s) => at(hallDay(Date.parse(s.from)))));

    let deadline: number | null = null;
    if (c.limitWorkingDays <= 0) deadline = accepted;
    else {
      let n = 0;
      for (let i = accepted + 1; i < names.length && i < openFrom; i++) {
        if (counts(i)) n += 1;
        if (n === c.limitWorkingDays) {
          deadline = i;
          break;
        }
      }
    }
    const finishedAt = c.finishedAt === null ? null : Date.parse(c.finishedAt);
    const until = finishedAt !== null && finishedAt < now ? finishedAt : now;
    const untilDay = at(hallDay(until));
    let used = 0;
    for (let i = accepted + 1; i <= untilDay; i++) if (counts(i)) used += 1;
    const overdue = deadline !== null && untilDay > deadline;
    const finished = FINISHED.has(c.state);
    const remaining = c.limitWorkingDays - used;
    const light: Light = overdue
      ? 'red'
      : finished
        ? 'green'
        : remaining <= rules.yellowWorkingDays || remaining * 100 <= c.limitWorkingDays * rules.yellowPercent
          ? 'yellow'
          : 'green';
    return {
      caseNo: c.caseNo,
      finished,
      light,
      used,
      remaining,
      overdue,
      paused: finishedAt === null && c.suspensions.some((s) => s.to === null && Date.parse(s.from) <= now),
      finishedMonth: finished && finishedAt !== null ? hallDay(finishedAt).slice(0, 7) : null,
    };
  }

  return { judge, hallDay };
}

/** 王小华 → 王*华, 王华 → 王*; organisations in full. */
export function masked(applicant: SupervisedCase['applicant']): string {
  if (applicant.kind === 'organisation') return applicant.name;
  const chars = Array.from(applicant.name.trim());
  if (chars.length < 2) return '*';
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 2)) + (chars.length > 2 ? chars[chars.length - 1]! : '');
}
