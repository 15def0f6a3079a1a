import type { DownlinkFeed, UplinkStream } from '@hall/shared';
import type { OutboxRow } from '../domain/uplink/batch.js';
import type { OutboxRecord } from '../domain/uplink/streams.js';

/**
 * The outbox: events waiting for the province, written in the same SQLite transaction as what they report,
 * read in order per stream, removed once the province has acknowledged them.
 */
export interface Outbox {
  /** Adds a record (a repeated key is ignored). Call inside the transaction of the change it reports. */
  append(r: OutboxRecord): void;
  /** The oldest rows of a stream, in order. */
  peek(stream: UplinkStream, limit: number): OutboxRow[];
  /** Removes a stream's rows up to and including `lastId` (acknowledged by the province). */
  ack(stream: UplinkStream, lastId: number): void;
  backlog(): Array<{ stream: UplinkStream; count: number; oldestAt: number | null; bytes: number }>;
  /** runs fn in a transaction of the outbox's database */
  transaction<T>(fn: () => T): T;
}

/** One signed request's worth of events of one stream. */
export interface UplinkBatch {
  stream: UplinkStream;
  /** the idempotency key of the batch (first and last outbox positions) */
  key: string;
  body: string;
  /** hex HMAC-SHA256 of the body */
  signature: string;
  count: number;
}

export type SendResult = { ok: true } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number | undefined };

/** How batches reach the province: HTTPS JSON, or MQTT 5 to an upstream broker. */
export interface UplinkTransport {
  readonly kind: 'https' | 'mqtt5';
  readonly endpoint: string;
  send(batch: UplinkBatch): Promise<SendResult>;
  close(): Promise<void>;
}

export type DownlinkResult =
  | { status: 'not-modified' }
  | { status: 'ok'; etag: string | null; version: string | null; body: string }
  | { status: 'error'; error: string };

/** Conditional GETs of the province's feeds (catalog, notices, today's appointments). */
export interface DownlinkSource {
  fetch(feed: DownlinkFeed, etag: string | null, query: Record<string, string>): Promise<DownlinkResult>;
}

/** The last good copy of each feed, kept so the hall works on it while the province is away. */
export interface DownlinkStore {
  get(feed: DownlinkFeed): { etag: string | null; version: string | null; body: string; fetchedAt: number } | null;
  put(feed: DownlinkFeed, v: { etag: string | null; version: string | null; body: string; fetchedAt: number }): void;
}
