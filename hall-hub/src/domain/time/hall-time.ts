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

/** Hall time from Intl itself: the slow path, and the truth the fast path is built from. */
function askIntl(epochMs: number, timeZone: string): HallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  const weekday = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Weekday;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const HOUR = 3_600_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The zone's offset from UTC at an instant, in ms (whole minutes), from what Intl says the wall clock shows. */
function offsetAt(epochMs: number, timeZone: string): number {
  const t = askIntl(epochMs, timeZone);
  const [y, m, d] = t.day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) + t.minutes * 60_000 - Math.floor(epochMs / 60_000) * 60_000;
}

/*
 * The offset per zone and UTC hour, when it is the same at the hour's first and last millisecond (a zone changes
 * its offset at most twice a year, so an hour with one offset at both ends has it throughout); null marks the
 * rare hour that holds a change, which is asked of Intl minute by minute. Thousands of approval clocks ask for
 * instants all over a month, and Intl takes microseconds per question.
 */
const offsetsByZone = new Map<string, Map<number, number | null>>();
const MAX_HOURS_KEPT = 200_000;

function hourOffset(hour: number, timeZone: string): number | null {
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR, timeZone);
    offset = first === offsetAt(hour * HOUR + HOUR - 1, timeZone) ? first : null;
    if (offsets.size >= MAX_HOURS_KEPT) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

export function hallTime(epochMs: number, timeZone: string): HallTime {
  const minute = Math.floor(epochMs / 60_000);
  const last = lastByZone.get(timeZone);
  if (last && last.minute === minute) return last.time;
  const offset = hourOffset(Math.floor(epochMs / HOUR), timeZone);
  let time: HallTime;
  if (offset === null) time = askIntl(epochMs, timeZone);
  else {
    const local = new Date(minute * 60_000 + offset);
    time = {
      day: local.toISOString().slice(0, 10),
      weekday: WEEKDAYS[local.getUTCDay()]!,
      minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    };
  }
  lastByZone.set(timeZone, { minute, time });
  return time;
}

/** "08:30" → 510 */
export function clockToMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}
