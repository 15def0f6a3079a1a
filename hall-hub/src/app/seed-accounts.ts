import { randomBytes } from 'node:crypto';
import type { Role } from '@hall/shared';
import type { AccountStore } from '../ports/account-store.js';
import type { AuthService } from './auth-service.js';

export interface ConfiguredAccount {
  username: string;
  role: Role;
  staffNo?: string | undefined;
  passwordHash: string;
}

/**
 * The accounts the hall configuration names are written as configured. A password, role or staff number
 * changed in the configuration ends the sessions signed in with the old one.
 */
export function seedAccounts(accounts: AccountStore, configured: readonly ConfiguredAccount[], now: number): void {
  for (const a of configured) {
    const before = accounts.get(a.username);
    accounts.upsert({ username: a.username, role: a.role, staffNo: a.staffNo ?? null, passwordHash: a.passwordHash }, now);
    if (before && (before.passwordHash !== a.passwordHash || before.role !== a.role || before.staffNo !== (a.staffNo ?? null))) {
      accounts.deleteSessionsOf(a.username);
    }
  }
}

/**
 * A hall must never start with a default password. With no manager account, one named `admin` is created with
 * a random password, handed to `keep` (the composition writes it, owner-only, to the data folder) and returned
 * to be shown once at start-up.
 */
export function ensureManager(accounts: AccountStore, auth: AuthService, keep: (username: string, password: string) => void): string | null {
  if (accounts.countByRole('manager') > 0) return null;
  const password = randomBytes(12).toString('base64url');
  auth.createAccount({ username: 'admin', password, role: 'manager' });
  keep('admin', password);
  return password;
}
