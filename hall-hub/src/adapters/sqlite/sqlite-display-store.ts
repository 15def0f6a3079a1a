import type { DisplayDocKind, DisplayStore, StoredAlert } from '../../ports/display-store.js';
import type { Db } from './database.js';

interface AlertRow {
  id: number;
  display_id: string;
  kind: string;
  raised_at: number;
  cleared_at: number | null;
}

const toAlert = (r: AlertRow): StoredAlert => ({ id: r.id, displayId: r.display_id, kind: 'down', raisedAt: r.raised_at, clearedAt: r.cleared_at });

export function createSqliteDisplayStore(db: Db): DisplayStore {
  const all = db.prepare('SELECT data FROM display_docs WHERE kind = ? ORDER BY updated_at, id');
  const put = db.prepare(
    'INSERT INTO display_docs (kind, id, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM display_docs WHERE kind = ? AND id = ?');
  const putMedia = db.prepare('INSERT OR REPLACE INTO display_media_files (id, mime, bytes) VALUES (?, ?, ?)');
  const getMedia = db.prepare('SELECT mime, bytes FROM display_media_files WHERE id = ?');
  const delMedia = db.prepare('DELETE FROM display_media_files WHERE id = ?');
  const putShot = db.prepare('INSERT OR REPLACE INTO display_screenshots (display_id, at, mime, bytes) VALUES (?, ?, ?, ?)');
  const getShot = db.prepare('SELECT at, mime, bytes FROM display_screenshots WHERE display_id = ?');
  const raise = db.prepare("INSERT INTO display_alerts (display_id, kind, raised_at) VALUES (?, 'down', ?) RETURNING *");
  const open = db.prepare('SELECT * FROM display_alerts WHERE display_id = ? AND cleared_at IS NULL ORDER BY id DESC LIMIT 1');
  const clear = db.prepare('UPDATE display_alerts SET cleared_at = ? WHERE id = ? RETURNING *');
  const listOpen = db.prepare('SELECT * FROM display_alerts WHERE cleared_at IS NULL ORDER BY id DESC LIMIT ?');
  const listAll = db.prepare('SELECT * FROM display_alerts ORDER BY id DESC LIMIT ?');
  return {
    all: (kind) => (all.all(kind) as Array<{ data: string }>).map((r) => JSON.parse(r.data) as unknown),
    put: (kind: DisplayDocKind, id, doc, at) => void put.run(kind, id, JSON.stringify(doc), at),
    remove: (kind, id) => remove.run(kind, id).changes > 0,
    putMediaFile: (id, mime, bytes) => void putMedia.run(id, mime, bytes),
    mediaFile: (id) => (getMedia.get(id) as { mime: string; bytes: Buffer } | undefined) ?? null,
    removeMediaFile: (id) => void delMedia.run(id),
    putScreenshot: (displayId, at, mime, bytes) => void putShot.run(displayId, at, mime, bytes),
    screenshot: (displayId) => (getShot.get(displayId) as { at: number; mime: string; bytes: Buffer } | undefined) ?? null,
    raiseAlert: (displayId, at) => toAlert(raise.get(displayId, at) as AlertRow),
    clearAlert(displayId, at) {
      const o = open.get(displayId) as AlertRow | undefined;
      return o ? toAlert(clear.get(at, o.id) as AlertRow) : null;
    },
    openAlert: (displayId) => {
      const o = open.get(displayId) as AlertRow | undefined;
      return o ? toAlert(o) : null;
    },
    alerts: ({ openOnly, limit }) => ((openOnly ? listOpen : listAll).all(limit) as AlertRow[]).map(toAlert),
  };
}
