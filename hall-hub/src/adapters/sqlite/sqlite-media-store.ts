import type { MediaKind } from '@hall/shared';
import type { MediaStore, StoredMedia } from '../../ports/media-store.js';
import type { Db } from './database.js';

interface Row {
  id: string;
  name: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  pages: number;
  created_at: number;
  created_by: string;
}

const toMedia = (r: Row): StoredMedia => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  mime: r.mime,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  durationMs: r.duration_ms,
  pages: r.pages,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function createSqliteMediaStore(db: Db): MediaStore {
  const list = db.prepare('SELECT * FROM media_assets ORDER BY created_at DESC, id');
  const get = db.prepare('SELECT * FROM media_assets WHERE id = ?');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO media_assets (id, name, kind, mime, bytes, width, height, duration_ms, pages, created_at, created_by)
     VALUES (@id, @name, @kind, @mime, @bytes, @width, @height, @durationMs, @pages, @createdAt, @createdBy)`,
  );
  const remove = db.prepare('DELETE FROM media_assets WHERE id = ?');
  const used = db.prepare('SELECT COALESCE(SUM(bytes), 0) AS used FROM media_assets');
  return {
    list: () => (list.all() as Row[]).map(toMedia),
    get: (id) => {
      const r = get.get(id) as Row | undefined;
      return r ? toMedia(r) : null;
    },
    insert: (m) => insert.run(m).changes > 0,
    remove: (id) => remove.run(id).changes > 0,
    usedBytes: () => (used.get() as { used: number }).used,
  };
}
