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
