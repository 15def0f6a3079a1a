/** The hub's only source of time; tests pass a fake one. */
export interface Clock {
  now(): number;
  /** hub milliseconds per real millisecond: 1, or a simulated hall's speed (devices scale their deadlines by it) */
  readonly rate?: number;
}

export const systemClock: Clock = { now: () => Date.now() };
