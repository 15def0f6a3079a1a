/**
 * Wall-clock time in the hall's time zone, computed from an epoch instant. Pure: the instant comes in as an
 * argument, and Intl does the zone arithmetic (it knows DST rules for zones that have them).
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface HallTime {
  /** business day, YYYY-MM-DD */
  readonly day: string;
  readonly weekday: Weekday;
  /** minutes since local midnight */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last answer per zone, by minute: every current zone's offset is a whole number of minutes, so an instant
 * in the same minute has the same hall time. The hub asks many times per command; Intl is slow to ask.
 */
const lastByZone = new Map<string, { minute: number; time: HallTime }>();

export function hallTime(epochMs: number, timeZone: string): HallTime {
  const minute = Math.floor(epochMs / 60_000);
  const last = lastByZone.get(timeZone);
  if (last && last.minute === minute) return last.time;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  const weekday = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Weekday;
  const time: HallTime = {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  lastByZone.set(timeZone, { minute, time });
  return time;
}

/** "08:30" → 510 */
export function clockToMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}
