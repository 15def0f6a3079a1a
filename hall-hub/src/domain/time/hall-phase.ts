import type { HallPhase } from '@hall/shared';
import type { Calendar, Session } from '../hall-vocabulary.js';
import { clockToMinutes, type HallTime } from './hall-time.js';

/** The working sessions of a day: none on holidays, the named weekday's on 调休 make-up days. */
export function sessionsOf(calendar: Calendar, t: HallTime): readonly Session[] {
  if (calendar.holidays.includes(t.day)) return [];
  const extra = calendar.extraWorkdays.find((d) => d.date === t.day);
  return calendar.weekly[extra ? extra.sameAs : t.weekday];
}

/**
 * Where the hall is in its day. `stillWaiting` is whether anybody is still waiting or being served: after
 * closing time the hall is in 延时服务 (`extended`) until nobody is.
 */
export function hallPhase(calendar: Calendar, t: HallTime, stillWaiting: boolean): HallPhase {
  const sessions = sessionsOf(calendar, t);
  if (sessions.length === 0) {
    if (stillWaiting) return 'extended';
    return calendar.holidays.includes(t.day) ? 'holiday' : 'closed';
  }
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;
  if (t.minutes < clockToMinutes(first.open)) return stillWaiting ? 'extended' : 'before-open';
  const closeAt = clockToMinutes(last.close);
  if (t.minutes >= closeAt) return stillWaiting ? 'extended' : 'closed';
  if (t.minutes >= closeAt - calendar.ticketingCutoffMinutes) return 'cut-off';
  const inSession = sessions.some((s) => t.minutes >= clockToMinutes(s.open) && t.minutes < clockToMinutes(s.close));
  return inSession ? 'open' : 'break';
}

/** Whether a ticket may be issued now, for a line with its own (narrower) hours if it has them. */
export function ticketingOpen(calendar: Calendar, t: HallTime, lineHours: readonly Session[] | undefined): boolean {
  const phase = hallPhase(calendar, t, false);
  const hallOk = phase === 'open' || (phase === 'break' && calendar.ticketingDuringBreak);
  if (!hallOk) return false;
  if (!lineHours || lineHours.length === 0) return true;
  const lastClose = clockToMinutes(lineHours[lineHours.length - 1]!.close);
  if (t.minutes >= lastClose - calendar.ticketingCutoffMinutes) return false;
  return lineHours.some((s) => t.minutes >= clockToMinutes(s.open) && t.minutes < clockToMinutes(s.close));
}
