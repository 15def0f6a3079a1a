import type { QueueEvent } from '../domain/queue/events.js';
import type { Ticket } from '../domain/queue/state.js';

export interface StoredEvent {
  seq: number;
  event: QueueEvent;
}

/** Append-only, durable log of queue events, with snapshots of the state folded from it. */
export interface EventStore {
  /** Runs fn atomically: everything it appends and records commits together, or nothing does; on disk on return. */
  transaction<T>(fn: () => T): T;
  /**
   * The same, but returns once the commit is written, before it is flushed to disk: readers see it at once, a
   * crash of the process keeps it, a power cut may lose it until `durable()` has resolved.
   */
  transactionWritten<T>(fn: () => T): T;
  /** Resolves once every transaction committed so far is on disk; rejects if the disk failed to flush. */
  durable(): Promise<void>;
  append(event: QueueEvent): number;
  eventsAfter(seq: number): Iterable<StoredEvent>;
  lastSeq(): number;
  latestSnapshot(): { seq: number; data: string } | null;
  saveSnapshot(seq: number, data: string): void;
}

/** The read model of every ticket ever issued (history for look-ups and reports). */
export interface TicketRecords {
  save(ticket: Ticket): void;
  markExpired(ids: readonly string[], at: number): void;
  byId(id: string): Ticket | null;
  byNumber(day: string, number: string): Ticket | null;
}
