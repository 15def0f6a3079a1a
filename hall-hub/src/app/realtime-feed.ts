import { randomUUID } from 'node:crypto';
import type { CallRecord, HubEvent, Snapshot } from '@hall/shared';
import type { StoredEvent } from '../ports/event-store.js';
import type { QueueEngine } from './queue-engine.js';
import { callRecord, toHubEvent } from '../domain/queue/wire.js';
import { currentPhase, queueOverview } from '../domain/queue/views.js';

/**
 * The ordered stream every screen, kiosk and console follows: committed events as wire events with their
 * sequence numbers, a ring of recent ones for clients that reconnect, and snapshots for those too far behind.
 *
 * Events go out as soon as they are written, a moment before they are flushed to disk (queue-engine.ts). A power
 * cut in that moment can lose the last few, and the restarted hub then numbers different events the same. So
 * each run of the hub has an epoch, which clients keep and send back when they reconnect: a client of an earlier
 * run that holds events past what this run found on disk at start may hold lost ones, and starts over.
 */
export interface RealtimeFeed {
  snapshot(): Snapshot;
  /**
   * Events after `seq`, or null if the client must start over from a snapshot: the ring no longer holds them
   * all, the client is ahead of the hub, or it is of an earlier epoch and past what this one started from.
   */
  since(seq: number, epoch?: string): HubEvent[] | null;
  /** this run of the hub */
  readonly epoch: string;
  lastSeq(): number;
  onEvents(listener: (batch: HubEvent[]) => void): () => void;
}

export interface RealtimeFeedOptions {
  capacity?: number;
  /** the last `n` stored events, to start the ring with after a restart */
  tail?: (n: number) => Iterable<StoredEvent>;
  /** how many of them (default 2,000: more than a busy hall commits in the minutes a restart may take) */
  tailSize?: number;
}

export function createRealtimeFeed(engine: QueueEngine, hallId: string, opts: RealtimeFeedOptions = {}): RealtimeFeed {
  const capacity = opts.capacity ?? 20_000;
  const ring: HubEvent[] = [];
  if (opts.tail) {
    // Rebuilt with today's state: each replayed event carries the current view of its window and lines, so a
    // client that applies them all ends where the hub is; the calls among them are the calls as made.
    const now = engine.now();
    const phase = currentPhase(engine.state, engine.rules, now);
    for (const { seq, event } of opts.tail(opts.tailSize ?? 2_000)) ring.push(toHubEvent(engine.state, engine.rules, seq, event, now, phase));
  }
  const recentCalls: CallRecord[] = todaysCalls(engine, ring).slice(-50);
  const listeners = new Set<(batch: HubEvent[]) => void>();
  let last = engine.lastSeq();
  const epoch = randomUUID();
  /** everything up to here was on disk when this run started */
  const startSeq = last;

  engine.onWritten((stored) => {
    const now = engine.now();
    // The phase needs a pass over the day's tickets: once per batch, not once per event.
    const phase = currentPhase(engine.state, engine.rules, now);
    const batch = stored.map(({ seq, event }) => toHubEvent(engine.state, engine.rules, seq, event, now, phase));
    for (const e of batch) {
      ring.push(e);
      if (e.call) {
        recentCalls.push(e.call);
        if (recentCalls.length > 50) recentCalls.shift();
      }
      if (e.type === 'DayStarted') recentCalls.length = 0;
    }
    if (ring.length > capacity) ring.splice(0, ring.length - capacity);
    last = stored[stored.length - 1]?.seq ?? last;
    for (const l of listeners) l(batch);
  });

  /**
   * Clients asking at the same sequence number share one snapshot (a hub restart brings every screen and kiosk
   * at once): it is built again only after an event, or a second later for its waiting times.
   */
  let shared: { snapshot: Snapshot; at: number } | null = null;
  return {
    snapshot() {
      const now = engine.now();
      if (shared && shared.snapshot.seq === last && now >= shared.at && now - shared.at < 1000) return shared.snapshot;
      const snapshot: Snapshot = { seq: last, overview: queueOverview(engine.state, engine.rules, hallId, now), recentCalls: [...recentCalls] };
      shared = { snapshot, at: now };
      return snapshot;
    },
    epoch,
    since(seq, clientEpoch) {
      // Events past startSeq that a client got from an earlier run may have been lost in a power cut and their
      // numbers reused since.
      if (clientEpoch !== undefined && clientEpoch !== epoch && seq > startSeq) return null;
      if (seq === last) return [];
      // A client ahead of the hub (it kept its number across a data reset) must start over from a snapshot.
      if (seq > last) return null;
      const first = ring[0];
      if (!first || first.seq > seq + 1) return null;
      return ring.slice(seq + 1 - first.seq);
    },
    lastSeq: () => last,
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * After a restart, the calls of the day so far, so a wall's list is not empty: those in the replayed tail of the
 * log as they were made — with their sequence numbers, in the order the hub made them (two calls in the same
 * millisecond keep their order) — and, before the tail's reach, the tickets' last calls from the state, by time
 * (their sequence numbers are not known there: 0).
 */
function todaysCalls(engine: QueueEngine, tail: readonly HubEvent[]): CallRecord[] {
  const made: CallRecord[] = [];
  let dayInTail = false;
  for (const e of tail) {
    if (e.type === 'DayStarted') {
      made.length = 0;
      dayInTail = true;
    } else if (e.call) made.push(e.call);
  }
  if (dayInTail) return made;
  const inTail = new Set(made.map((c) => c.ticket));
  const before = [...engine.state.tickets.values()]
    .filter((t) => t.calledAt !== null && t.windowNo !== null && !inTail.has(t.number))
    .sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0))
    .map((t) => callRecord(engine.rules, 0, t.windowNo!, t, false, t.calledAt!));
  return [...before, ...made];
}
