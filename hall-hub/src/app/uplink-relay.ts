import type { UplinkStream, UplinkStreamStatus } from '@hall/shared';
import { encodeBatch } from '../domain/uplink/batch.js';
import { backoffDelay } from '../domain/uplink/backoff.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox, UplinkTransport } from '../ports/uplink.js';

/** What the relay logs through (pino's Logger fits). */
export interface RelayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface UplinkRelayDeps {
  outbox: Outbox;
  transport: UplinkTransport;
  hallId: string;
  streams: readonly UplinkStream[];
  /** hex HMAC-SHA256 of a body with the shared key */
  sign: (body: string) => string;
  batchSize: number;
  backoff: { baseMs: number; maxMs: number };
  clock: Clock;
  logger: RelayLogger;
  random?: () => number;
  /** how often an idle stream looks at the outbox without being woken (a safety net) */
  idlePollMs?: number;
  /**
   * Resolves once everything committed so far is on disk. Queue commits are readable a moment before they are
   * flushed (queue-engine.ts); nothing leaves the hall before it is on disk, so rows read wait for this.
   */
  durable?: () => Promise<void>;
}

export interface UplinkRelay {
  /** something was committed to the outbox: look now */
  kick(): void;
  status(): UplinkStreamStatus[];
  /** resolves when every stream's backlog is empty (tests, benchmarks) */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

interface StreamState {
  stream: UplinkStream;
  delivered: number;
  lastDeliveredAt: number | null;
  failures: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  wake: (() => void) | null;
}

/**
 * Delivers the outbox to the province: per stream, one batch at a time, in order — a batch that fails is sent
 * again (after exponential backoff with jitter) before anything behind it. Streams run side by side, so a
 * slow evaluation feed never holds up queue events. At-least-once: a batch acknowledged by the province but
 * not yet removed when the hub dies is sent again, and the province drops the keys it already holds.
 */
export function startUplinkRelay(deps: UplinkRelayDeps): UplinkRelay {
  const { outbox, transport, hallId, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const idlePollMs = deps.idlePollMs ?? 5000;
  let running = true;
  const states = new Map<UplinkStream, StreamState>(
    deps.streams.map((stream) => [stream, { stream, delivered: 0, lastDeliveredAt: null, failures: 0, lastError: null, nextAttemptAt: null, wake: null }]),
  );
  const drainWaiters = new Set<() => void>();

  const stoppers = new Set<() => void>();

  /** Waits `ms`; an idle wait also ends at the next kick. stop() ends any wait. */
  function pause(s: StreamState, ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        s.wake = null;
        stoppers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      // Backoff is not cut short by new events (that would hammer a province that is down), only by stop().
      s.wake = wakeable ? done : null;
      stoppers.add(done);
      if (!running) done();
    });
  }

  function checkDrained(): void {
    if (drainWaiters.size === 0) return;
    if (outbox.backlog().some((b) => states.has(b.stream) && b.count > 0)) return;
    for (const w of drainWaiters) w();
    drainWaiters.clear();
  }

  async function run(s: StreamState): Promise<void> {
    while (running) {
      const rows = outbox.peek(s.stream, deps.batchSize);
      if (rows.length === 0) {
        checkDrained();
        await pause(s, idlePollMs, true);
        continue;
      }
      // The rows were committed before this call, so they are on disk when it resolves. If the disk failed, the
      // hub is stopping (main.ts): send nothing.
      if (deps.durable && !(await deps.durable().then(() => true, () => false))) {
        await pause(s, idlePollMs, false);
        continue;
      }
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const body = encodeBatch(hallId, s.stream, new Date(clock.now()).toISOString(), rows);
      const r = await transport.send({ stream: s.stream, key: `${hallId}:${s.stream}:${first.id}-${last.id}`, body, signature: deps.sign(body), count: rows.length });
      if (r.ok) {
        // Acknowledged: remove it even if we are stopping — the province holds it.
        outbox.ack(s.stream, last.id);
        s.delivered += rows.length;
        s.lastDeliveredAt = clock.now();
        if (s.failures > 0) logger.info({ stream: s.stream, after: s.failures }, 'uplink delivering again');
        s.failures = 0;
        s.lastError = null;
        s.nextAttemptAt = null;
        continue;
      }
      s.failures += 1;
      s.lastError = r.error;
      const wait = Math.max(r.retryAfterMs ?? 0, backoffDelay(s.failures, deps.backoff, random()));
      s.nextAttemptAt = clock.now() + wait;
      if (s.failures === 1 || s.failures % 20 === 0) logger.warn({ stream: s.stream, failures: s.failures, error: r.error, retryInMs: wait }, 'uplink batch not delivered');
      await pause(s, wait, false);
    }
  }

  const loops = [...states.values()].map((s) =>
    run(s).catch((err: unknown) => {
      // A broken outbox (disk gone) must not take the hall down; it is logged and shown in the status.
      s.lastError = (err as Error).message;
      logger.error({ err, stream: s.stream }, 'uplink relay stopped');
    }),
  );

  return {
    kick() {
      for (const s of states.values()) s.wake?.();
    },
    status() {
      const backlog = new Map(outbox.backlog().map((b) => [b.stream, b]));
      const now = clock.now();
      return [...states.values()].map((s) => {
        const b = backlog.get(s.stream);
        return {
          stream: s.stream,
          enabled: true,
          backlog: b?.count ?? 0,
          oldestAt: b?.oldestAt != null ? new Date(b.oldestAt).toISOString() : null,
          oldestAgeSeconds: b?.oldestAt != null ? Math.max(0, Math.round((now - b.oldestAt) / 1000)) : null,
          delivered: s.delivered,
          lastDeliveredAt: s.lastDeliveredAt === null ? null : new Date(s.lastDeliveredAt).toISOString(),
          failures: s.failures,
          lastError: s.lastError,
          nextAttemptAt: s.nextAttemptAt === null ? null : new Date(s.nextAttemptAt).toISOString(),
        };
      });
    },
    drained() {
      return new Promise<void>((resolve) => {
        drainWaiters.add(resolve);
        checkDrained();
        for (const s of states.values()) s.wake?.();
      });
    },
    async stop() {
      running = false;
      for (const stop of stoppers) stop();
      stoppers.clear();
      await Promise.all(loops);
      await transport.close();
    },
  };
}
