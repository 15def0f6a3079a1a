import type { QueueEvent } from '../../domain/queue/events.js';
import type { Ticket } from '../../domain/queue/state.js';
import type { EventStore, StoredEvent, TicketRecords } from '../../ports/event-store.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { Db } from './database.js';
import { createWalFlush } from './wal-flush.js';

const KEEP_SNAPSHOTS = 3;

/**
 * How an event rests in the file: an appointment's name is sealed (`nameSealed`), as ID numbers are; replay
 * opens it again. Events written before names were sealed still read (sealPersonalData rewrites them).
 */
export function eventToRow(event: QueueEvent, sealer: TextSealer): string {
  if (event.type === 'AppointmentBooked' && event.name !== null) {
    return JSON.stringify({ ...event, name: null, nameSealed: sealer.seal(event.name) });
  }
  return JSON.stringify(event);
}

export function eventFromRow(data: string, sealer: TextSealer): QueueEvent {
  const raw = JSON.parse(data) as QueueEvent & { nameSealed?: string };
  if (raw.type !== 'AppointmentBooked' || raw.nameSealed === undefined) return raw;
  const { nameSealed, ...event } = raw;
  return { ...event, name: sealer.open(nameSealed) } as QueueEvent;
}

/** Snapshots hold the appointments with their names: each rests sealed whole (replay rebuilds a lost one). */
export function createSqliteEventStore(db: Db, sealer: TextSealer): EventStore {
  const insert = db.prepare('INSERT INTO events (at, type, data) VALUES (?, ?, ?)');
  const after = db.prepare('SELECT seq, data FROM events WHERE seq > ? ORDER BY seq');
  const last = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events');
  const latest = db.prepare('SELECT seq, data FROM snapshots ORDER BY seq DESC LIMIT 1');
  const saveSnap = db.prepare('INSERT OR REPLACE INTO snapshots (seq, version, data) VALUES (?, 1, ?)');
  const pruneSnaps = db.prepare(
    `DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ${KEEP_SNAPSHOTS})`,
  );
  const wal = createWalFlush(db);
  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    transactionWritten: (fn) => wal.written(fn),
    durable: () => wal.durable(),
    append(event: QueueEvent): number {
      return Number(insert.run(event.at, event.type, eventToRow(event, sealer)).lastInsertRowid);
    },
    *eventsAfter(seq: number): Iterable<StoredEvent> {
      for (const row of after.iterate(seq) as Iterable<{ seq: number; data: string }>) {
        yield { seq: row.seq, event: eventFromRow(row.data, sealer) };
      }
    },
    lastSeq: () => (last.get() as { seq: number }).seq,
    latestSnapshot: () => {
      const row = latest.get() as { seq: number; data: string } | undefined;
      // One sealed before names were (sealPersonalData deletes those) is not trusted: replay rebuilds the state.
      if (!row || !sealer.isSealed(row.data)) return null;
      try {
        return { seq: row.seq, data: sealer.open(row.data) };
      } catch {
        return null; // sealed under another key (a copied file): a cache, replay rebuilds it
      }
    },
    saveSnapshot(seq: number, data: string): void {
      saveSnap.run(seq, sealer.seal(data));
      pruneSnaps.run();
    },
  };
}

export function createSqliteTicketRecords(db: Db): TicketRecords {
  const upsert = db.prepare(`
    INSERT INTO tickets (id, day, number, serial, line_id, channel, priority_group, appointment_code, id_key, id_masked,
      id_cipher, status, window_no, issued_at, called_at, started_at, finished_at, missed_at, recall_count,
      transfer_count, data)
    VALUES (@id, @day, @number, @serial, @lineId, @channel, @priorityGroup, @appointmentCode, @idKey, @idMasked,
      @idCipher, @status, @windowNo, @issuedAt, @calledAt, @startedAt, @finishedAt, @missedAt, @recallCount,
      @transferCount, @data)
    ON CONFLICT (id) DO UPDATE SET line_id = excluded.line_id, status = excluded.status,
      window_no = excluded.window_no, called_at = excluded.called_at, started_at = excluded.started_at,
      finished_at = excluded.finished_at, missed_at = excluded.missed_at, recall_count = excluded.recall_count,
      transfer_count = excluded.transfer_count, data = excluded.data`);
  const expire = db.prepare(`UPDATE tickets SET status = 'expired', finished_at = ?,
      data = json_set(data, '$.status', 'expired', '$.finishedAt', ?) WHERE id = ?`);
  const byId = db.prepare('SELECT data FROM tickets WHERE id = ?');
  const byNumber = db.prepare('SELECT data FROM tickets WHERE day = ? AND number = ?');
  const parse = (row: unknown) => (row ? (JSON.parse((row as { data: string }).data) as Ticket) : null);
  return {
    save(t: Ticket): void {
      upsert.run({ ...t, data: JSON.stringify(t) });
    },
    markExpired(ids: readonly string[], at: number): void {
      for (const id of ids) expire.run(at, at, id);
    },
    byId: (id) => parse(byId.get(id)),
    byNumber: (day, number) => parse(byNumber.get(day, number)),
  };
}
