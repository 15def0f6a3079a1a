import { createHash, randomBytes } from 'node:crypto';
import type { Role, Session } from '@hall/shared';
import { hashPassword, verifyPassword } from '../adapters/crypto/passwords.js';
import type { AccountStore } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';

export interface Principal {
  username: string;
  role: Role;
  staffNo: string | null;
}

export type LoginResult =
  | { ok: true; session: Session }
  | { ok: false; code: 'invalid_credentials' | 'account_locked'; retryAfterSeconds?: number };

export interface AuthService {
  login(username: string, password: string): LoginResult;
  authenticate(token: string): Principal | null;
  logout(token: string): void;
  createAccount(a: { username: string; password: string; role: Role; staffNo?: string | undefined }): void;
}

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;
// Verifying against a dummy hash when the user does not exist keeps timing from revealing usernames.
const DUMMY_HASH = hashPassword('not-a-real-password');

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Staff and manager sign-in: scrypt hashes, lockout after repeated failures, sliding sessions that end at logout. */
export function createAuthService(store: AccountStore, clock: Clock, sessionMinutes: number): AuthService {
  const ttl = sessionMinutes * 60_000;
  return {
    login(username, password) {
      const now = clock.now();
      const account = store.get(username);
      if (account && account.lockedUntil > now) {
        return { ok: false, code: 'account_locked', retryAfterSeconds: Math.ceil((account.lockedUntil - now) / 1000) };
      }
      const good = verifyPassword(password, account?.passwordHash ?? DUMMY_HASH) && account !== null;
      if (!good || !account) {
        if (account) {
          const failures = account.failedLogins + 1;
          store.recordFailure(account.username, failures >= MAX_FAILURES ? 0 : failures, failures >= MAX_FAILURES ? now + LOCK_MS : 0);
        }
        return { ok: false, code: 'invalid_credentials' };
      }
      store.recordSuccess(account.username);
      store.deleteExpiredSessions(now);
      const token = randomBytes(32).toString('base64url');
      store.createSession(hashToken(token), account.username, now, now + ttl);
      return {
        ok: true,
        session: {
          token,
          username: account.username,
          role: account.role,
          staffNo: account.staffNo,
          expiresAt: new Date(now + ttl).toISOString(),
        },
      };
    },
    authenticate(token) {
      const now = clock.now();
      const h = hashToken(token);
      const s = store.session(h);
      if (!s || s.expiresAt <= now) return null;
      const account = store.get(s.username);
      if (!account) return null;
      // Sliding expiry, written at most once a minute: a durable write on every request would cost an fsync each.
      if (s.expiresAt - now < ttl - 60_000) store.touchSession(h, now + ttl);
      return { username: account.username, role: account.role, staffNo: account.staffNo };
    },
    logout(token) {
      store.deleteSession(hashToken(token));
    },
    createAccount(a) {
      store.upsert({ username: a.username, role: a.role, staffNo: a.staffNo ?? null, passwordHash: hashPassword(a.password) }, clock.now());
    },
  };
}
