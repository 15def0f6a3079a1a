import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { createIdProtector } from './adapters/crypto/id-protection.js';
import { loadHallSecret } from './adapters/crypto/hall-secret.js';
import { buildHttpApp } from './adapters/http/build-http-app.js';
import type { RejectionCounter } from './adapters/http/errors.js';
import { openDatabase, type Db } from './adapters/sqlite/database.js';
import { createSqliteAccountStore } from './adapters/sqlite/sqlite-account-store.js';
import { createSqliteCatalogStore } from './adapters/sqlite/sqlite-catalog-store.js';
import { createSqliteEventStore, createSqliteTicketRecords } from './adapters/sqlite/sqlite-event-store.js';
import { createAuthService, type AuthService } from './app/auth-service.js';
import { CatalogRefused, parseExchangeText } from './app/catalog-import.js';
import { createCatalogService, type CatalogService } from './app/catalog-service.js';
import { createQueueEngine, type QueueEngine } from './app/queue-engine.js';
import type { HallConfig } from './config/hall-config-schema.js';
import { queueRulesFrom } from './domain/queue/rules.js';
import { systemClock, type Clock } from './ports/clock.js';

export interface HubOptions {
  config: HallConfig;
  dataDir: string;
  catalogFiles?: readonly string[];
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

export interface Hub {
  app: FastifyInstance;
  engine: QueueEngine;
  catalog: CatalogService;
  auth: AuthService;
  db: Db;
  /** the manager password generated on first start, if one was */
  initialAdminPassword: string | null;
  close(): Promise<void>;
}

/** The composition root: the one place that picks the concrete adapters and wires them to the core. */
export async function composeHub(opts: HubOptions): Promise<Hub> {
  const { config, dataDir } = opts;
  const clock = opts.clock ?? systemClock;
  const env = opts.env ?? process.env;
  const logger =
    opts.logger ??
    pino({
      level: config.server.logLevel,
      // ID numbers and passwords never reach a log line, whatever a route logs.
      redact: { paths: ['idNumber', '*.idNumber', 'password', '*.password', 'req.headers.authorization'], censor: '[masked]' },
    });
  const db = openDatabase(join(dataDir, 'hall.db'));
  const ids = createIdProtector(loadHallSecret(dataDir, env));
  const engine = createQueueEngine({
    store: createSqliteEventStore(db),
    records: createSqliteTicketRecords(db),
    rules: queueRulesFrom(config),
    clock,
    // Ticket ids are what a ticket's QR code carries: random, so nobody can guess another visitor's.
    newId: () => randomUUID(),
    onSnapshotError: (err) => logger.warn({ err }, 'snapshot not written'),
  });
  const catalog = createCatalogService(createSqliteCatalogStore(db), config);
  for (const file of opts.catalogFiles ?? []) {
    try {
      const report = catalog.import(parseExchangeText(readFileSync(file, 'utf8')), `file ${file}`);
      logger.info({ file, applied: report.applied, unchanged: report.unchanged, rejected: report.rejected, services: report.services }, 'catalog imported');
      for (const p of report.problems.slice(0, 20)) logger.warn({ file, ...p }, 'catalog row not applied');
    } catch (err) {
      if (!(err instanceof CatalogRefused)) throw err;
      logger.error({ file, problems: err.problems }, `catalog file refused: ${err.message}`);
    }
  }
  const accounts = createSqliteAccountStore(db);
  const auth = createAuthService(accounts, clock, config.server.sessionMinutes);
  for (const a of config.accounts) {
    accounts.upsert({ username: a.username, role: a.role, staffNo: a.staffNo ?? null, passwordHash: a.passwordHash }, clock.now());
  }
  const initialAdminPassword = ensureManager(accounts.countByRole('manager'), auth, dataDir);
  const rejections: RejectionCounter = new Map();
  const app = await buildHttpApp({ config, engine, catalog, auth, ids, rejections }, logger);
  const dayTimer = setInterval(() => engine.ensureDay(), 30_000);
  dayTimer.unref();
  return {
    app,
    engine,
    catalog,
    auth,
    db,
    initialAdminPassword,
    async close() {
      clearInterval(dayTimer);
      await app.close();
      engine.close();
      db.close();
    },
  };
}

/**
 * A hall must never start with a default password. With no manager account configured, one named `admin`
 * is created with a random password, written (owner-only) to the data folder and shown once at start-up.
 */
function ensureManager(managers: number, auth: AuthService, dataDir: string): string | null {
  if (managers > 0) return null;
  const password = randomBytes(12).toString('base64url');
  auth.createAccount({ username: 'admin', password, role: 'manager' });
  writeFileSync(join(dataDir, 'initial-admin-password.txt'), `admin\n${password}\n`, { mode: 0o600 });
  return password;
}
