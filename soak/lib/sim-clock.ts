import { hallTime } from '@hall/hub/domain/time/hall-time';

/**
 * The soak's own reading of the hall's simulated clock: the same formula as the hub's HALL_SIM_START /
 * HALL_SIM_SPEED clock (hall-hub/src/adapters/clock/sim-clock.ts), started once for the whole run. Every
 * process the soak starts (the hub after each restart, too) is given `now()` as its start, so the hall's time
 * only ever moves forward. Pacing the visitors and the staff by this clock is the clock being faked — the one
 * thing the soak fakes.
 */
export interface SimClock {
  speed: number;
  timeZone: string;
  now(): number;
  /** resolves when the simulated clock reaches `at` */
  until(at: number): Promise<void>;
  /** resolves after `minutes` of hall time */
  sleep(minutes: number): Promise<void>;
  /** real milliseconds for a stretch of hall time */
  realMs(simMs: number): number;
  /** "09:41" in the hall's zone */
  label(at: number): string;
  /** follow another reading of the same clock from now on (the hub's, after it starts: it began a little later) */
  anchor(at: number): void;
}

export function createSimClock(startMs: number, speed: number, timeZone: string, realNow: () => number = Date.now): SimClock {
  let realStart = realNow();
  let base = startMs;
  const now = () => base + (realNow() - realStart) * speed;
  const until = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, (at - now()) / speed)));
  return {
    speed,
    timeZone,
    now,
    until,
    sleep: (minutes) => until(now() + minutes * 60_000),
    realMs: (simMs) => simMs / speed,
    label: (at) => clockLabel(at, timeZone),
    anchor(at) {
      base = at;
      realStart = realNow();
    },
  };
}

export function clockLabel(at: number, timeZone: string): string {
  const m = hallTime(at, timeZone).minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "HH:MM" → minutes since midnight */
export function minutesOf(clock: string): number {
  const m = /^([0-9]{1,2}):([0-9]{2})$/.exec(clock);
  if (!m) throw new Error(`not a time of day (HH:MM): ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant a day's local time `HH:MM` happens in the hall's time zone. */
export function hallInstant(day: string, clock: string, timeZone: string): number {
  const wanted = minutesOf(clock);
  const guess = Date.parse(`${day}T00:00:00Z`) + wanted * 60_000;
  // Correct the guess by the zone's offset at that instant (twice, in case the first lands across a DST change).
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const t = hallTime(at, timeZone);
    const dayShift = Date.parse(`${t.day}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`);
    at -= dayShift + (t.minutes - wanted) * 60_000;
  }
  return at;
}
