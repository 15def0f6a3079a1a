import type { DisplaySettings, PowerSchedule } from '@hall/shared';
import { clockToMinutes, type HallTime, type Weekday } from '../time/hall-time.js';
import { targetsDisplay } from './targets.js';

export interface PowerState {
  on: boolean;
  brightness: number;
  /** a schedule applies to this display (so "off" is on purpose, not a failure) */
  scheduled: boolean;
}

const ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const previousDay = (d: Weekday): Weekday => ORDER[(ORDER.indexOf(d) + 6) % 7]!;

type Rule = PowerSchedule['rules'][number];

/** Whether a rule has the screen on at this hall time; an off time before the on time runs past midnight. */
function covers(rule: Rule, t: HallTime): boolean {
  const on = clockToMinutes(rule.on);
  const off = clockToMinutes(rule.off);
  const days = rule.days as readonly string[];
  if (on === off) return days.includes(t.weekday);
  if (on < off) return days.includes(t.weekday) && t.minutes >= on && t.minutes < off;
  return (days.includes(t.weekday) && t.minutes >= on) || (days.includes(previousDay(t.weekday)) && t.minutes < off);
}

/**
 * Screen power and brightness for one display at one hall time. A display no schedule targets is always on
 * at full brightness; one that schedules target is on while any of their rules covers the time (at the
 * brightest of those rules), and off on purpose otherwise.
 */
export function powerAt(schedules: readonly PowerSchedule[], display: Pick<DisplaySettings, 'id' | 'groups'>, t: HallTime): PowerState {
  const mine = schedules.filter((s) => targetsDisplay(s.targets, display));
  if (mine.length === 0) return { on: true, brightness: 100, scheduled: false };
  let brightness = -1;
  for (const s of mine) for (const r of s.rules) if (covers(r, t)) brightness = Math.max(brightness, r.brightness);
  return brightness < 0 ? { on: false, brightness: 0, scheduled: true } : { on: true, brightness, scheduled: true };
}
