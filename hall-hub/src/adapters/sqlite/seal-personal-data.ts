import type { TextSealer } from '../crypto/text-sealer.js';
import type { Db } from './database.js';
import { eventFromRow, eventToRow } from './sqlite-event-store.js';

/**
 * Seals the personal names a file written by an older hub holds in the clear: appointment names in the event
 * log, the snapshots that list them (deleted: replay rebuilds them) and the kept copy of the appointments
 * feed. Needs the hall key, so it runs at start after the SQL migrations; a marker table makes it run once.
 * The file is then rebuilt (VACUUM) and the WAL truncated, so the old pages do not linger in free space.
 */
export function sealPersonalData(db: Db, sealer: TextSealer): { events: number; snapshots: number; feeds: number } {
  db.exec('CREATE TABLE IF NOT EXISTS personal_data_sealed (version INTEGER NOT NULL)');
  const done = { events: 0, snapshots: 0, feeds: 0 };
  if (db.prepare('SELECT 1 FROM personal_data_sealed WHERE version >= 1').get()) return done;
  db.transaction(() => {
    const rows = db.prepare("SELECT seq, data FROM events WHERE type = 'AppointmentBooked' AND json_extract(data, '$.name') IS NOT NULL").all() as Array<{ seq: number; data: string }>;
    const update = db.prepare('UPDATE events SET data = ? WHERE seq = ?');
    for (const r of rows) update.run(eventToRow(eventFromRow(r.data, sealer), sealer), r.seq);
    done.events = rows.length;
    done.snapshots = db.prepare("DELETE FROM snapshots WHERE data NOT LIKE 's1.%'").run().changes;
    const feeds = db.prepare('SELECT feed, body FROM downlink_feeds').all() as Array<{ feed: string; body: string }>;
    const reseal = db.prepare('UPDATE downlink_feeds SET body = ? WHERE feed = ?');
    for (const f of feeds.filter((x) => !sealer.isSealed(x.body))) {
      reseal.run(sealer.seal(f.body), f.feed);
      done.feeds++;
    }
    db.prepare('INSERT INTO personal_data_sealed (version) VALUES (1)').run();
  })();
  if (done.events + done.snapshots + done.feeds > 0) {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return done;
}
