import type { Calendar } from '../hall-vocabulary.js';
import { hallTime } from '../time/hall-time.js';
import { endOfHallDay } from '../evaluation/working-days.js';
import { dayNumber, isWorkingDayNumber } from './calendar-days.js';

/**
 * The approval clock of one case (承诺时限), by the rules halls publish:
 *
 * - the limit is counted in working days of the hall calendar (holidays skipped, 调休 make-up days counted),
 *   starting the day after acceptance (受理次日起算); a limit of 0 (即办件) ends with the day of acceptance;
 * - a suspension (补正 waiting for the applicant's materials, 特别程序 such as an expert review or a hearing) stops
 *   the clock: every day it touches, the day it starts and the day it ends included, does not count;
 * - the deadline is the end (hall time) of the working day on which the counted days reach the limit, so a limit
 *   that would end on a holiday ends on the next working day;
 * - while a suspension is still open and the limit was not reached before it, there is no deadline: the clock waits.
 *
 * Pure: the instant and the calendar come in as arguments. The deadline does not depend on `now`, which is what
 * makes the light monotonic in time for a given case record.
 */
export interface ClockInput {
  readonly acceptedAt: number;
  readonly limitWorkingDays: number;
  readonly suspensions: readonly { readonly from: number; readonly to: number | null }[];
  readonly finishedAt: number | null;
}

export interface CaseClock {
  /** working days counted so far (up to `now`, or to the finish) */
  readonly usedWorkingDays: number;
  /** limit − used; negative once overdue by whole working days */
  readonly remainingWorkingDays: number;
  /** end of the last counted day; null while an open suspension holds the clock before the limit */
  readonly deadline: number | null;
  readonly paused: boolean;
  /** finished, or `now`, after the deadline */
  readonly overdue: boolean;
}

/** Longest span the clock looks ahead: three years of calendar days bounds a calendar with no working day. */
const HORIZON_DAYS = 3 * 366;

/** A suspension as day numbers (see calendar-days): every day it touches stops the clock. */
interface StoppedSpan {
  readonly from: number;
  readonly to: number | null;
}

const dayNumberAt = (epochMs: number, timeZone: string) => dayNumber(hallTime(epochMs, timeZone).day);

function stoppedSpans(input: ClockInput, timeZone: string): StoppedSpan[] {
  return input.suspensions.map((s) => ({ from: dayNumberAt(s.from, timeZone), to: s.to === null ? null : dayNumberAt(s.to, timeZone) }));
}

const isStopped = (spans: readonly StoppedSpan[], day: number) => spans.some((s) => day >= s.from && (s.to === null || day <= s.to));

const counts = (calendar: Calendar, spans: readonly StoppedSpan[], day: number) =>
  isWorkingDayNumber(calendar, day) && (spans.length === 0 || !isStopped(spans, day));

/** The day the count reaches the limit, or null when an open suspension comes first. */
function deadlineDay(calendar: Calendar, input: ClockInput, acceptedDay: number, spans: readonly StoppedSpan[]): number | null {
  if (input.limitWorkingDays <= 0) return acceptedDay;
  const openFrom = spans.find((s) => s.to === null)?.from ?? null;
  let counted = 0;
  for (let day = acceptedDay + 1; day <= acceptedDay + HORIZON_DAYS; day++) {
    if (openFrom !== null && day >= openFrom) return null;
    if (counts(calendar, spans, day)) counted += 1;
    if (counted >= input.limitWorkingDays) return day;
  }
  return null;
}

function countedDays(calendar: Calendar, acceptedDay: number, untilDay: number, spans: readonly StoppedSpan[]): number {
  const last = Math.min(untilDay, acceptedDay + HORIZON_DAYS);
  let counted = 0;
  for (let day = acceptedDay + 1; day <= last; day++) if (counts(calendar, spans, day)) counted += 1;
  return counted;
}

/** The end of `day` in the hall's zone, found from an instant on the acceptance day and the whole days between. */
function endOfDay(acceptedAt: number, acceptedDay: number, day: number, timeZone: string): number {
  // Local noon of the acceptance day, stepped whole days: a DST change moves it an hour, never off its day.
  const noon = acceptedAt - hallTime(acceptedAt, timeZone).minutes * 60_000 + 12 * 3_600_000;
  return endOfHallDay(noon + (day - acceptedDay) * 86_400_000, timeZone);
}

export function caseClock(calendar: Calendar, timeZone: string, input: ClockInput, now: number): CaseClock {
  const acceptedDay = dayNumberAt(input.acceptedAt, timeZone);
  const spans = stoppedSpans(input, timeZone);
  const dDay = deadlineDay(calendar, input, acceptedDay, spans);
  const deadline = dDay === null ? null : endOfDay(input.acceptedAt, acceptedDay, dDay, timeZone);
  const until = input.finishedAt !== null && input.finishedAt < now ? input.finishedAt : now;
  const untilDay = dayNumberAt(until, timeZone);
  const used = untilDay > acceptedDay ? countedDays(calendar, acceptedDay, untilDay, spans) : 0;
  const paused = input.finishedAt === null && input.suspensions.some((s) => s.to === null && s.from <= now);
  return {
    usedWorkingDays: used,
    remainingWorkingDays: input.limitWorkingDays - used,
    deadline,
    paused,
    overdue: deadline !== null && until > deadline,
  };
}
