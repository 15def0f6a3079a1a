import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createDeviceCredentials } from '../adapters/crypto/device-credentials.js';
import { loadHallSecret } from '../adapters/crypto/hall-secret.js';
import { createIdProtector } from '../adapters/crypto/id-protection.js';
import type { RejectionCounter } from '../adapters/http/errors.js';
import { createAddressMatcher } from '../adapters/net/address-ranges.js';
import { lockDataDir } from '../adapters/ops/data-dir-lock.js';
import { openDatabase } from '../adapters/sqlite/database.js';
import { sealPersonalData } from '../adapters/sqlite/seal-personal-data.js';
import { createSqliteAuditLog } from '../adapters/sqlite/sqlite-audit-log.js';
import { createSqliteEventStore, createSqliteTicketRecords } from '../adapters/sqlite/sqlite-event-store.js';
import { createIdCardReads } from '../app/id-card-reads.js';
import { createQueueEngine } from '../app/queue-engine.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import { queueRulesFrom } from '../domain/queue/rules.js';
import type { Clock } from '../ports/clock.js';
import './hub-internals.js';

export interface HallStoreOptions {
  config: HallConfig;
  dataDir: string;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  onDurabilityLost?: ((err: Error) => void) | undefined;
}

/**
 * The hall's durable core: the data folder's lock, the database, the hall secret (ID protection, device
 * credentials), the queue engine replayed from its event log, the audit log and the hall's address ranges.
 */
export const hallStorePlugin = fp<HallStoreOptions>(
  async (app, { config, dataDir, clock, env, logger, onDurabilityLost }) => {
    // Before the database opens: a second hub on the same data folder would number tickets twice.
    const lock = lockDataDir(dataDir);
    const db = openDatabase(join(dataDir, 'hall.db'));
    const secret = loadHallSecret(dataDir, env);
    const ids = createIdProtector(secret);
    // Files from before appointment names were sealed get them sealed now (once; needs the key).
    sealPersonalData(db, ids.personal);
    const eventStore = createSqliteEventStore(db, ids.personal);
    const engine = createQueueEngine({
      store: eventStore,
      records: createSqliteTicketRecords(db),
      rules: queueRulesFrom(config),
      clock,
      // Ticket ids are what a ticket's QR code carries: random, so nobody can guess another visitor's.
      newId: () => randomUUID(),
      onSnapshotError: (err) => logger.warn({ err }, 'snapshot not written'),
      onDurabilityLost: (err) => {
        logger.fatal({ err }, 'the disk did not flush queue commits');
        onDurabilityLost?.(err);
      },
    });
    const rejections: RejectionCounter = new Map();
    app.decorate('config', config);
    app.decorate('clock', clock);
    app.decorate('dataDir', dataDir);
    app.decorate('env', env);
    app.decorate('hubLogger', logger);
    app.decorate('db', db);
    app.decorate('ids', ids);
    app.decorate('credentials', createDeviceCredentials(secret, config));
    app.decorate('eventStore', eventStore);
    app.decorate('engine', engine);
    app.decorate('audit', createSqliteAuditLog(db));
    app.decorate('idCards', createIdCardReads());
    app.decorate('rejections', rejections);
    app.decorate('staffAddress', createAddressMatcher(config.server.staffNetworks));
    app.decorate('deviceAddress', createAddressMatcher(config.server.deviceNetworks));
    app.decorate('readiness', [{ name: 'database', problem: () => (db.open && db.prepare('SELECT 1 AS ok').get() ? null : 'the hall database is not open') }]);
    const dayTimer = setInterval(() => engine.ensureDay(), 30_000);
    dayTimer.unref();
    app.addHook('onClose', async () => {
      clearInterval(dayTimer);
      engine.close();
      db.close();
      lock.release();
    });
  },
  { name: 'hall-store' },
);
