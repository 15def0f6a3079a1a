import type { Calendar } from '../hall-vocabulary.js';
import { sessionsOf } from '../time/hall-phase.js';
import type { Weekday } from '../time/hall-time.js';

/*
 * Calendar days as the strings the hall calendar uses (YYYY-MM-DD). Stepping a day is date arithmetic on the
 * string, not 24 hours on an instant, so a day is never skipped or counted twice whatever the hall's time zone
 * does (DST) and whatever zone the machine is in.
 */

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function utcOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function dayOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const nextDay = (day: string): string => dayOfUtc(utcOf(day) + 86_400_000);

export const weekdayOf = (day: string): Weekday => WEEKDAYS[new Date(utcOf(day)).getUTCDay()]!;

/** A working day has working sessions: not a holiday, a weekday with hours, or a 调休 make-up day. */
export const isWorkingDay = (calendar: Calendar, day: string): boolean =>
  sessionsOf(calendar, { day, weekday: weekdayOf(day), minutes: 0 }).length > 0;

/** Days from `a` to `b` (b − a), both YYYY-MM-DD. */
export const daysBetween = (a: string, b: string): number => Math.round((utcOf(b) - utcOf(a)) / 86_400_000);

/** Day numbers (days since 1970-01-01) stand for calendar days where a clock walks thousands of them. */
export const dayNumber = (day: string): number => Math.round(utcOf(day) / 86_400_000);

export const dayOfNumber = (n: number): string => dayOfUtc(n * 86_400_000);

/*
 * Whether a day is a working day, remembered per calendar: every approval clock of a hall walks the same few
 * months of days, and asking the calendar (string dates, holiday lists) for each of them, for each of thousands of
 * cases, on every check, was most of the check's time. A calendar is never changed in place (a new config is a new
 * object), so the memo cannot go stale.
 */
const workingMemo = new WeakMap<Calendar, Map<number, boolean>>();

export function isWorkingDayNumber(calendar: Calendar, n: number): boolean {
  let memo = workingMemo.get(calendar);
  if (!memo) {
    memo = new Map();
    workingMemo.set(calendar, memo);
  }
  let working = memo.get(n);
  if (working === undefined) {
    working = isWorkingDay(calendar, dayOfNumber(n));
    memo.set(n, working);
  }
  return working;
}
