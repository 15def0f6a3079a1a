import type { Calendar } from '../hall-vocabulary.js';
import { sessionsOf } from '../time/hall-phase.js';
import { hallTime } from '../time/hall-time.js';

const DAY = 86_400_000;

/** The last millisecond of the hall day that contains `t`. */
export function endOfHallDay(t: number, timeZone: string): number {
  const h = hallTime(t, timeZone);
  return t - h.minutes * 60_000 - (t % 60_000) + DAY - 1;
}

/**
 * The end of the n-th working day after the day of `from` (holidays and weekends skipped, 调休 days counted):
 * "within 1 working day" of a rating given on Friday is the end of Monday.
 */
export function addWorkingDays(calendar: Calendar, timeZone: string, from: number, n: number): number {
  let t = from;
  let counted = 0;
  // A calendar with no working day at all would loop forever: a year is the most any deadline waits.
  for (let i = 0; counted < n && i < 366; i++) {
    t += DAY;
    if (sessionsOf(calendar, hallTime(t, timeZone)).length > 0) counted += 1;
  }
  return endOfHallDay(t, timeZone);
}
