/**
 * A token bucket: `burst` requests at once, then `perSecond` on average. `now` is a monotonic clock in ms
 * (the process's, not the hall's: a limit protects the hub's CPU, which runs on real time).
 */
export function createTokenBucket(opts: { burst: number; perSecond: number; now: () => number }): { take(): boolean } {
  let tokens = opts.burst;
  let at = opts.now();
  return {
    take() {
      const now = opts.now();
      tokens = Math.min(opts.burst, tokens + ((now - at) / 1000) * opts.perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
