import type { Weekday } from './screen-basics.js';
import type { Daypart } from './signage.js';

/**
 * Which campaigns are live at an instant, in the hall's time zone (pure). The hub uses it for reports and the
 * console's preview; a screen uses it to play its cached schedule, with or without the hub.
 */

interface Scheduled {
  startsAt: string;
  endsAt: string | null;
  dayparts: readonly Daypart[];
}

const WEEKDAY_OF: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and minute of the day at `at` on the hall's wall clock. */
export function hallWeekMinute(at: number, timeZone: string): { day: Weekday; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  let day: Weekday = 'mon';
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(new Date(at))) {
    if (p.type === 'weekday') day = WEEKDAY_OF[p.value] ?? 'mon';
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minute: hour * 60 + minute };
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const dayBefore = (d: Weekday) => ORDER[(ORDER.indexOf(d) + 6) % 7]!;

/**
 * Whether a daypart covers a moment. `from` < `to`: that span of each listed day. `from` ≥ `to`: it runs over
 * midnight into the next day (22:00–06:00 on fri covers fri night and early sat); `from` = `to`: the whole day
 * from `from`.
 */
export function daypartCovers(p: Daypart, day: Weekday, minute: number): boolean {
  const from = minutes(p.from);
  const to = minutes(p.to);
  if (from < to) return p.days.includes(day) && minute >= from && minute < to;
  return (p.days.includes(day) && minute >= from) || (p.days.includes(dayBefore(day)) && minute < to);
}

/** Whether a campaign is live at `at`: inside its dates and, if it has dayparts, inside one of them. */
export function campaignLiveAt(c: Scheduled, at: number, timeZone: string): boolean {
  if (at < Date.parse(c.startsAt)) return false;
  if (c.endsAt !== null && at >= Date.parse(c.endsAt)) return false;
  if (c.dayparts.length === 0) return true;
  const { day, minute } = hallWeekMinute(at, timeZone);
  return c.dayparts.some((p) => daypartCovers(p, day, minute));
}

/**
 * The campaigns that play at `at` in one channel: the live ones of the highest priority among the live (they take
 * turns), in a stable order (by id).
 */
export function playingCampaigns<C extends Scheduled & { id: string; priority: number; channel: string }>(
  campaigns: readonly C[],
  channel: string,
  at: number,
  timeZone: string,
): C[] {
  const live = campaigns.filter((c) => c.channel === channel && campaignLiveAt(c, at, timeZone));
  if (live.length === 0) return [];
  const top = Math.max(...live.map((c) => c.priority));
  return live.filter((c) => c.priority === top).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The next instant after `at` at which what is live may change: the next start or end among the campaigns, or
 * the next whole minute if any has dayparts (daypart edges fall on whole minutes). A screen sets one timer for it
 * instead of polling. null: nothing will change.
 */
export function nextScheduleChange(campaigns: readonly Scheduled[], at: number): number | null {
  let next = Infinity;
  for (const c of campaigns) {
    const s = Date.parse(c.startsAt);
    if (s > at) next = Math.min(next, s);
    if (c.endsAt !== null) {
      const e = Date.parse(c.endsAt);
      if (e > at) next = Math.min(next, e);
    }
    if (c.dayparts.length > 0 && (c.endsAt === null || Date.parse(c.endsAt) > at)) next = Math.min(next, (Math.floor(at / 60_000) + 1) * 60_000);
  }
  return Number.isFinite(next) ? next : null;
}
