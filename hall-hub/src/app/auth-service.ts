import { createHash, randomBytes } from 'node:crypto';
import type { Role, Session } from '@hall/shared';
import type { AccountStore } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import { createLoginThrottle, createTaskLimiter } from './login-throttle.js';

export interface Principal {
  username: string;
  role: Role;
  staffNo: string | null;
}

export type LoginResult =
  | { ok: true; session: Session }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'too_many_attempts' | 'login_busy'; retryAfterSeconds: number };

/** Sessions that just ended: all of one account's, or the one behind a token (a logout). */
export type SessionsEnded = { username: string } | { token: string };

export interface AuthService {
  /** `address` is who is trying: failures are throttled per address and per address + username */
  login(username: string, password: string, address?: string): Promise<LoginResult>;
  authenticate(token: string): Principal | null;
  logout(token: string): void;
  /** creates an account, or resets one (new password, role or staff number): its sessions end */
  createAccount(a: { username: string; password: string; role: Role; staffNo?: string | undefined }): void;
  /** removes (disables) an account: its sessions end; false if there was none */
  removeAccount(username: string): boolean;
  /** told whenever sessions end, so live connections made with them can be closed too */
  onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void;
}

export interface LoginLimits {
  loginFailuresPerAddress: number;
  loginFailuresPerName: number;
  concurrentLogins: number;
  queuedLogins: number;
}

const DEFAULT_LIMITS: LoginLimits = { loginFailuresPerAddress: 10, loginFailuresPerName: 5, concurrentLogins: 2, queuedLogins: 32 };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Staff and manager sign-in: scrypt hashes checked off the event loop (a few at a time), failures throttled
 * with doubling waits per address and per address + username (never a lockout of the account itself), sliding
 * sessions that end at logout, at a password reset or role change, and when the account is removed.
 */
export function createAuthService(
  store: AccountStore,
  hasher: PasswordHasher,
  clock: Clock,
  sessionMinutes: number,
  limits: LoginLimits = DEFAULT_LIMITS,
): AuthService {
  // Verifying against a dummy hash when the user does not exist keeps timing from revealing usernames.
  const dummyHash = hasher.hash('not-a-real-password');
  const ttl = sessionMinutes * 60_000;
  const byAddress = createLoginThrottle(limits.loginFailuresPerAddress);
  const byName = createLoginThrottle(limits.loginFailuresPerName);
  const kdf = createTaskLimiter(limits.concurrentLogins, limits.queuedLogins);
  const listeners = new Set<(ended: SessionsEnded) => void>();
  const ended = (e: SessionsEnded) => {
    for (const l of listeners) l(e);
  };

  return {
    async login(username, password, address = 'local') {
      const addressKey = address;
      // Case-folded: `Boss` and `boss` share one budget.
      const nameKey = `${address}\n${username.toLowerCase()}`;
      const wait = Math.max(byAddress.waitMs(addressKey, clock.now()), byName.waitMs(nameKey, clock.now()));
      if (wait > 0) return { ok: false, code: 'too_many_attempts', retryAfterSeconds: Math.ceil(wait / 1000) };
      const account = store.get(username);
      const checked = kdf.run(() => hasher.verify(password, account?.passwordHash ?? dummyHash));
      if (!checked) return { ok: false, code: 'login_busy', retryAfterSeconds: 1 };
      const good = (await checked) && account !== null;
      const now = clock.now();
      if (!good || !account) {
        byAddress.fail(addressKey, now);
        byName.fail(nameKey, now);
        return { ok: false, code: 'invalid_credentials' };
      }
      byName.clear(nameKey);
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
      ended({ token });
    },
    createAccount(a) {
      const existed = store.get(a.username) !== null;
      store.upsert({ username: a.username, role: a.role, staffNo: a.staffNo ?? null, passwordHash: hasher.hash(a.password) }, clock.now());
      if (existed) {
        store.deleteSessionsOf(a.username);
        ended({ username: a.username });
      }
    },
    removeAccount(username) {
      if (!store.get(username)) return false;
      store.deleteSessionsOf(username);
      store.remove(username);
      ended({ username });
      return true;
    },
    onSessionsEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
