import type { DownlinkFeed } from '@hall/shared';
import type { DownlinkStore } from '../../ports/uplink.js';
import type { Db } from './database.js';

export function createSqliteDownlinkStore(db: Db): DownlinkStore {
  const get = db.prepare('SELECT etag, version, body, fetched_at AS fetchedAt FROM downlink_feeds WHERE feed = ?');
  const put = db.prepare(
    `INSERT INTO downlink_feeds (feed, etag, version, body, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (feed) DO UPDATE SET etag = excluded.etag, version = excluded.version, body = excluded.body, fetched_at = excluded.fetched_at`,
  );
  return {
    get: (feed: DownlinkFeed) => (get.get(feed) as { etag: string | null; version: string | null; body: string; fetchedAt: number } | undefined) ?? null,
    put(feed, v) {
      put.run(feed, v.etag, v.version, v.body, v.fetchedAt);
    },
  };
}
