import type { Role } from '@hall/shared';
import type { Account, AccountStore } from '../../ports/account-store.js';
import type { Db } from './database.js';

interface AccountRow {
  username: string;
  role: Role;
  staff_no: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: number;
}

export function createSqliteAccountStore(db: Db): AccountStore {
  const get = db.prepare('SELECT * FROM accounts WHERE username = ?');
  const upsert = db.prepare(`INSERT INTO accounts (username, role, staff_no, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (username) DO UPDATE SET role = excluded.role, staff_no = excluded.staff_no, password_hash = excluded.password_hash`);
  const count = db.prepare('SELECT count(*) AS n FROM accounts WHERE role = ?');
  const failure = db.prepare('UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE username = ?');
  const success = db.prepare('UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE username = ?');
  const create = db.prepare('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare('SELECT username, expires_at AS expiresAt FROM sessions WHERE token_hash = ?');
  const touch = db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?');
  const del = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const expired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const sessionsOf = db.prepare('DELETE FROM sessions WHERE username = ?');
  const remove = db.prepare('DELETE FROM accounts WHERE username = ?');
  return {
    get(username): Account | null {
      const r = get.get(username) as AccountRow | undefined;
      return r
        ? {
            username: r.username,
            role: r.role,
            staffNo: r.staff_no,
            passwordHash: r.password_hash,
            failedLogins: r.failed_logins,
            lockedUntil: r.locked_until,
          }
        : null;
    },
    upsert: (a, now) => void upsert.run(a.username, a.role, a.staffNo, a.passwordHash, now),
    countByRole: (role) => (count.get(role) as { n: number }).n,
    recordFailure: (u, n, until) => void failure.run(n, until, u),
    recordSuccess: (u) => void success.run(u),
    createSession: (h, u, now, exp) => void create.run(h, u, now, exp),
    session: (h) => (session.get(h) as { username: string; expiresAt: number } | undefined) ?? null,
    touchSession: (h, exp) => void touch.run(exp, h),
    deleteSession: (h) => void del.run(h),
    deleteExpiredSessions: (now) => void expired.run(now),
    deleteSessionsOf: (u) => void sessionsOf.run(u),
    remove: (u) => void remove.run(u),
  };
}
