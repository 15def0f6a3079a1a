/**
 * Failed sign-ins counted per key (an address; an address and a username) on the hub's clock. A key may fail
 * `limit` times in a row; then it must wait a minute, then two, four … (doubling with each further failure, at
 * most a day). A quiet minute after the last failure and the last wait forgives the key. There is no account lockout: an attacker cannot lock a manager out, and a
 * username that does not exist is throttled exactly like one that does, so the answers never tell them apart.
 */
export interface LoginThrottle {
  /** milliseconds the key must still wait (0: it may try) */
  waitMs(key: string, now: number): number;
  fail(key: string, now: number): void;
  clear(key: string): void;
}

const WINDOW_MS = 60_000;
const MAX_WAIT_MS = 24 * 60 * 60_000;
// Bounded memory under a spray of addresses and names: the oldest entries go first.
const MAX_KEYS = 10_000;

interface Entry {
  failures: number;
  last: number;
  blockedUntil: number;
}

export function createLoginThrottle(limit: number): LoginThrottle {
  const entries = new Map<string, Entry>();
  return {
    waitMs(key, now) {
      const e = entries.get(key);
      return e ? Math.max(0, e.blockedUntil - now) : 0;
    },
    fail(key, now) {
      let e = entries.get(key);
      if (!e || (now - e.last >= WINDOW_MS && now - e.blockedUntil >= WINDOW_MS)) e = { failures: 0, last: now, blockedUntil: 0 };
      e.failures += 1;
      e.last = now;
      if (e.failures >= limit) e.blockedUntil = now + Math.min(MAX_WAIT_MS, WINDOW_MS * 2 ** (e.failures - limit));
      entries.delete(key);
      entries.set(key, e);
      if (entries.size > MAX_KEYS) entries.delete(entries.keys().next().value!);
    },
    clear(key) {
      entries.delete(key);
    },
  };
}

/** At most `concurrency` tasks at once and `queued` waiting; beyond that `run` answers null at once. */
export function createTaskLimiter(concurrency: number, queued: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> | null {
      if (running >= concurrency && waiting.length >= queued) return null;
      const start = running < concurrency ? ((running += 1), Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve));
      return start.then(task).finally(release);
    },
  };
}
