import type { AuditEntry, AuditLog } from '../../ports/audit-log.js';
import type { Db } from './database.js';

interface Row {
  at: number;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  address: string | null;
  detail: string | null;
}

export function createSqliteAuditLog(db: Db): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor, role, action, target, outcome, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const query = db.prepare(`SELECT at, actor, role, action, target, outcome, address, detail FROM audit
    WHERE at >= ? AND at <= ? AND (? IS NULL OR actor = ?) ORDER BY id DESC LIMIT ?`);
  return {
    append(e) {
      insert.run(e.at, e.actor, e.role, e.action, e.target, e.outcome, e.address, e.detail ? JSON.stringify(e.detail) : null);
    },
    query(q) {
      const actor = q.actor ?? null;
      return (query.all(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, actor, actor, q.limit) as Row[]).map((r) => ({
        ...r,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : undefined,
      }));
    },
  };
}
