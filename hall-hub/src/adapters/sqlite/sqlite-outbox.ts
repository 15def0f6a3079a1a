import type { UplinkStream } from '@hall/shared';
import type { OutboxRow } from '../../domain/uplink/batch.js';
import type { OutboxRecord } from '../../domain/uplink/streams.js';
import type { Outbox } from '../../ports/uplink.js';
import type { Db } from './database.js';

/**
 * Rows are appended through the hub's own connection (inside the transaction of the event they carry, FULL
 * sync). The relay reads and acknowledges through `relayDb`, a second connection to the same file that may run
 * with synchronous=NORMAL: an acknowledgement lost in a power cut only means the batch is sent again, and the
 * province drops the keys it already holds — so the relay does not pay an fsync per batch.
 */
export function createSqliteOutbox(db: Db, relayDb: Db = db): Outbox {
  // A repeated key (the same event projected twice) is ignored: the key is what the province deduplicates on.
  const insert = db.prepare('INSERT OR IGNORE INTO outbox (stream, key, type, at, payload) VALUES (?, ?, ?, ?, ?)');
  const peek = relayDb.prepare('SELECT id, key, type, at, payload FROM outbox WHERE stream = ? ORDER BY id LIMIT ?');
  const ack = relayDb.prepare('DELETE FROM outbox WHERE stream = ? AND id <= ?');
  const backlog = relayDb.prepare('SELECT stream, count(*) AS count, min(at) AS oldestAt, sum(length(payload) + length(key) + 40) AS bytes FROM outbox GROUP BY stream');
  return {
    append(r: OutboxRecord) {
      insert.run(r.stream, r.key, r.type, r.at, JSON.stringify(r.data));
    },
    peek: (stream, limit) => peek.all(stream, limit) as OutboxRow[],
    ack(stream, lastId) {
      ack.run(stream, lastId);
    },
    backlog: () => backlog.all() as Array<{ stream: UplinkStream; count: number; oldestAt: number | null; bytes: number }>,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
