import type { Clock } from '../../ports/clock.js';

/**
 * A clock that starts at a chosen instant and runs `speed` times faster than real time: how the hall-day
 * simulation runs a day in minutes, and how tests start a hub inside opening hours whatever the hour is.
 */
export function simulatedClock(startMs: number, speed: number, realNow: () => number = Date.now): Clock {
  const realStart = realNow();
  return { now: () => startMs + (realNow() - realStart) * speed, rate: speed };
}

/** HALL_SIM_START (an ISO instant) and HALL_SIM_SPEED (default 1) select a simulated clock; unset, the system clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock | null {
  if (!env.HALL_SIM_START) return null;
  const start = Date.parse(env.HALL_SIM_START);
  if (Number.isNaN(start)) throw new Error(`HALL_SIM_START: not an ISO date-time (got ${JSON.stringify(env.HALL_SIM_START)})`);
  const speed = env.HALL_SIM_SPEED === undefined ? 1 : Number(env.HALL_SIM_SPEED);
  if (!(speed > 0)) throw new Error(`HALL_SIM_SPEED: must be a positive number (got ${JSON.stringify(env.HALL_SIM_SPEED)})`);
  return simulatedClock(start, speed);
}
