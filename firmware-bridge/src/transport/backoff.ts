/** Exponential backoff with jitter for reconnecting links: min, ×factor per failure, capped; reset on success. */
export interface Backoff {
  next(): number;
  reset(): void;
}

export function createBackoff(opts: { minMs?: number; maxMs?: number; factor?: number; random?: () => number } = {}): Backoff {
  const { minMs = 200, maxMs = 10_000, factor = 2, random = Math.random } = opts;
  let attempt = 0;
  return {
    next() {
      const base = Math.min(maxMs, minMs * factor ** attempt);
      attempt += 1;
      // Half to full delay: a hall's worth of devices that lost the bridge together do not come back in step.
      return Math.round(base * (0.5 + random() * 0.5));
    },
    reset() {
      attempt = 0;
    },
  };
}
