import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createBackupScheduler, type BackupScheduler } from './adapters/ops/backup-scheduler.js';
import { createHubMetrics, type HubMetrics, type MetricsSources } from './adapters/ops/metrics.js';
import { opsRoutes, type ReadinessCheck } from './adapters/http/routes/ops-routes.js';
import type { Db } from './adapters/sqlite/database.js';
import type { AuthService } from './app/auth-service.js';
import type { HallConfig } from './config/hall-config-schema.js';
import type { AuditLog } from './ports/audit-log.js';
import type { Clock } from './ports/clock.js';
import { join } from 'node:path';

export interface OpsDeps extends Omit<MetricsSources, 'hallId'> {
  app: FastifyInstance;
  config: HallConfig;
  dataDir: string;
  db: Db;
  auth: AuthService;
  audit: AuditLog;
  staffAddress: (a: string | undefined) => boolean;
  clock: Clock;
  logger: Logger;
  checks: readonly ReadinessCheck[];
}

export interface OpsParts {
  metrics: HubMetrics;
  backups: BackupScheduler;
  close(): Promise<void>;
}

/** What operators need around the hall: metrics, readiness, scheduled and on-demand backups. */
export async function composeOps(d: OpsDeps): Promise<OpsParts> {
  const metrics = createHubMetrics({ hallId: d.config.hall.id, engine: d.engine, devices: d.devices, print: d.print, rejections: d.rejections, backlog: d.backlog });
  const backups = createBackupScheduler({
    db: d.db,
    dir: d.config.server.backup.dir ?? join(d.dataDir, 'backups'),
    dailyAt: d.config.server.backup.dailyAt,
    keep: d.config.server.backup.keep,
    timeZone: d.config.hall.timeZone,
    clock: d.clock,
    logger: d.logger,
  });
  const database: ReadinessCheck = {
    name: 'database',
    problem: () => (d.db.open && d.db.prepare('SELECT 1 AS ok').get() ? null : 'the hall database is not open'),
  };
  await d.app.register(
    opsRoutes({ auth: d.auth, staffAddress: d.staffAddress, registry: metrics.registry, backups, audit: d.audit, checks: [database, ...d.checks], now: () => d.clock.now() }),
  );
  return {
    metrics,
    backups,
    close: () => backups.close(),
  };
}
