import type { PlayTotals, SignageStore, StoredPlay } from '../../ports/signage-store.js';
import type { Db } from './database.js';

interface PlayRow {
  display_id: string;
  seq: number;
  campaign_id: string | null;
  campaign_name: string | null;
  media_id: string;
  media_name: string;
  page: number | null;
  region_id: string;
  started_at: number;
  ended_at: number;
  complete: number;
  received_at: number;
}

const toPlay = (r: PlayRow): StoredPlay => ({
  displayId: r.display_id,
  seq: r.seq,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  mediaId: r.media_id,
  mediaName: r.media_name,
  page: r.page,
  regionId: r.region_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  complete: r.complete === 1,
  receivedAt: r.received_at,
});

export function createSqliteSignageStore(db: Db): SignageStore {
  const docs = db.prepare('SELECT data FROM signage_docs WHERE kind = ? ORDER BY updated_at, id');
  const putDoc = db.prepare(
    'INSERT INTO signage_docs (kind, id, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
  );
  const removeDoc = db.prepare('DELETE FROM signage_docs WHERE kind = ? AND id = ?');
  const seeded = db.prepare("SELECT 1 FROM signage_meta WHERE key = 'layouts-seeded'");
  const markSeeded = db.prepare("INSERT OR IGNORE INTO signage_meta (key, value) VALUES ('layouts-seeded', '1')");
  // First stored wins: a record resent after an outage (same display and seq) is ignored.
  const addPlay = db.prepare(`
    INSERT OR IGNORE INTO proof_of_play (display_id, seq, campaign_id, campaign_name, media_id, media_name, page, region_id, started_at, ended_at, complete, received_at)
    VALUES (@displayId, @seq, @campaignId, @campaignName, @mediaId, @mediaName, @page, @regionId, @startedAt, @endedAt, @complete, @receivedAt)`);
  const addAll = db.transaction((plays: readonly StoredPlay[]) => plays.reduce((n, p) => n + addPlay.run({ ...p, complete: p.complete ? 1 : 0 }).changes, 0));
  const highest = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM proof_of_play WHERE display_id = ?');
  const plays = db.prepare(`
    SELECT * FROM proof_of_play
    WHERE started_at >= @from AND started_at < @to
      AND (@displayId IS NULL OR display_id = @displayId)
      AND (@campaignId IS NULL OR campaign_id = @campaignId)
    ORDER BY started_at, display_id, seq LIMIT @limit`);
  const byCampaign = db.prepare(`
    SELECT COALESCE(campaign_id, '') AS key, MAX(campaign_name) AS name, COUNT(*) AS plays,
           SUM(ended_at - started_at) / 1000.0 AS seconds, COUNT(DISTINCT display_id) AS screens
    FROM proof_of_play WHERE started_at >= ? AND started_at < ? GROUP BY COALESCE(campaign_id, '') ORDER BY key`);
  const byDisplay = db.prepare(`
    SELECT display_id AS key, NULL AS name, COUNT(*) AS plays, SUM(ended_at - started_at) / 1000.0 AS seconds, 1 AS screens
    FROM proof_of_play WHERE started_at >= ? AND started_at < ? GROUP BY display_id ORDER BY key`);
  const prune = db.prepare('DELETE FROM proof_of_play WHERE ended_at < ?');
  return {
    docs: (kind) => (docs.all(kind) as Array<{ data: string }>).map((r) => JSON.parse(r.data) as unknown),
    putDoc: (kind, id, doc, at) => void putDoc.run(kind, id, JSON.stringify(doc), at),
    removeDoc: (kind, id) => removeDoc.run(kind, id).changes > 0,
    seeded: () => seeded.get() !== undefined,
    markSeeded: () => void markSeeded.run(),
    addPlays: (list) => addAll(list),
    highestSeq: (displayId) => (highest.get(displayId) as { seq: number }).seq,
    plays: (q) => (plays.all({ from: q.from, to: q.to, displayId: q.displayId ?? null, campaignId: q.campaignId ?? null, limit: q.limit }) as PlayRow[]).map(toPlay),
    totals: (by, from, to) => (by === 'campaign' ? byCampaign : byDisplay).all(from, to) as PlayTotals[],
    prune: (before) => prune.run(before).changes,
  };
}
