import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { createSqliteAccountStore } from '../adapters/sqlite/sqlite-account-store.js';
import { scryptPasswordHasher } from '../adapters/crypto/passwords.js';
import { createAuthService } from '../app/auth-service.js';
import { ensureManager, seedAccounts } from '../app/seed-accounts.js';

/** Sign-in and sessions; the configured accounts written, and a first manager made when there is none. */
export const accountsPlugin = fp(
  async (app) => {
    const { config, clock } = app;
    const accounts = createSqliteAccountStore(app.db);
    const auth = createAuthService(accounts, scryptPasswordHasher, clock, config.server.sessionMinutes, config.server.limits);
    seedAccounts(accounts, config.accounts, clock.now());
    // The generated password goes to an owner-only file in the data folder, and is shown once at start-up.
    const initial = ensureManager(accounts, auth, (username, password) =>
      writeFileSync(join(app.dataDir, 'initial-admin-password.txt'), `${username}\n${password}\n`, { mode: 0o600 }),
    );
    app.decorate('auth', auth);
    app.decorate('initialAdminPassword', initial);
  },
  { name: 'accounts', dependencies: ['hall-store'] },
);
