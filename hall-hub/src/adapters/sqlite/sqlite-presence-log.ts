import type { PresenceLog } from '../../ports/presence-log.js';
import type { Db } from './database.js';

export function createSqlitePresenceLog(db: Db): PresenceLog {
  const insert = db.prepare('INSERT INTO device_presence (device_id, at, online, via) VALUES (?, ?, ?, ?)');
  const list = db.prepare('SELECT online, at, via FROM device_presence WHERE device_id = ? ORDER BY id DESC LIMIT ?');
  return {
    record: (id, online, at, via) => void insert.run(id, at, online ? 1 : 0, via),
    history: (id, limit) =>
      (list.all(id, limit) as Array<{ online: number; at: number; via: string }>).map((r) => ({ online: r.online === 1, at: r.at, via: r.via })),
  };
}
