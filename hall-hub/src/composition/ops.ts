import { join } from 'node:path';
import fp from 'fastify-plugin';
import { createBackupScheduler, type BackupScheduler } from '../adapters/ops/backup-scheduler.js';
import { createHubMetrics, type HubMetrics } from '../adapters/ops/metrics.js';

export interface OpsParts {
  metrics: HubMetrics;
  backups: BackupScheduler;
  close(): Promise<void>;
}

/** What operators need around the hall: metrics and scheduled and on-demand backups (routes: `ops-routes`). */
export const opsPlugin = fp(
  async (app) => {
    const { config, db } = app;
    app.decorate('metrics', createHubMetrics({ hallId: config.hall.id, engine: app.engine, devices: app.devices, print: app.print, rejections: app.rejections }));
    const backups = createBackupScheduler({
      db,
      dir: config.server.backup.dir ?? join(app.dataDir, 'backups'),
      mediaRoot: join(app.dataDir, 'media'),
      dailyAt: config.server.backup.dailyAt,
      keep: config.server.backup.keep,
      timeZone: config.hall.timeZone,
      clock: app.clock,
      logger: app.hubLogger,
    });
    app.decorate('backups', backups);
    app.addHook('onClose', () => backups.close());
  },
  { name: 'ops', dependencies: ['hall-store', 'devices', 'printing'] },
);
