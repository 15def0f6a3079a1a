import type { QueueEvent } from '../domain/queue/events.js';
import type { Ticket } from '../domain/queue/state.js';

export interface StoredEvent {
  seq: number;
  event: QueueEvent;
}

/** Append-only, durable log of queue events, with snapshots of the state folded from it. */
export interface EventStore {
  /** Runs fn atomically: everything it appends and records commits together, or nothing does. */
  transaction<T>(fn: () => T): T;
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
