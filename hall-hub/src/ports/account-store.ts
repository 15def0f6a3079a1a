import type { Role } from '@hall/shared';

export interface Account {
  username: string;
  role: Role;
  staffNo: string | null;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number;
}

export interface AccountStore {
  get(username: string): Account | null;
  upsert(account: Pick<Account, 'username' | 'role' | 'staffNo' | 'passwordHash'>, now: number): void;
  countByRole(role: Role): number;
  recordFailure(username: string, failedLogins: number, lockedUntil: number): void;
  recordSuccess(username: string): void;
  createSession(tokenHash: string, username: string, now: number, expiresAt: number): void;
  session(tokenHash: string): { username: string; expiresAt: number } | null;
  touchSession(tokenHash: string, expiresAt: number): void;
  deleteSession(tokenHash: string): void;
  deleteExpiredSessions(now: number): void;
  /** every session of the account (a reset, a role change, a removal) */
  deleteSessionsOf(username: string): void;
  remove(username: string): void;
}
