import type { DownlinkFeed } from '@hall/shared';
import type { DownlinkStore } from '../../ports/uplink.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { Db } from './database.js';

/** The last good copy of each feed rests sealed: the appointments feed carries visitors' names. */
export function createSqliteDownlinkStore(db: Db, sealer: TextSealer): DownlinkStore {
  const get = db.prepare('SELECT etag, version, body, fetched_at AS fetchedAt FROM downlink_feeds WHERE feed = ?');
  const put = db.prepare(
    `INSERT INTO downlink_feeds (feed, etag, version, body, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (feed) DO UPDATE SET etag = excluded.etag, version = excluded.version, body = excluded.body, fetched_at = excluded.fetched_at`,
  );
  return {
    get(feed: DownlinkFeed) {
      const row = get.get(feed) as { etag: string | null; version: string | null; body: string; fetchedAt: number } | undefined;
      if (!row) return null;
      // A copy kept before bodies were sealed reads as it is (sealPersonalData reseals it at start).
      return sealer.isSealed(row.body) ? { ...row, body: sealer.open(row.body) } : row;
    },
    put(feed, v) {
      put.run(feed, v.etag, v.version, sealer.seal(v.body), v.fetchedAt);
    },
  };
}
