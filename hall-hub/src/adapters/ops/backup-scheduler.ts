import type { Logger } from 'pino';
import { clockToMinutes, hallTime } from '../../domain/time/hall-time.js';
import type { Clock } from '../../ports/clock.js';
import { backupDatabase, listBackups, pruneBackups, type BackupFile } from '../sqlite/backup.js';
import type { Db } from '../sqlite/database.js';

export interface BackupSchedulerOptions {
  db: Db;
  dir: string;
  /** the media library's folder: its files go beside each backup (media-backup.ts) */
  mediaRoot?: string;
  /** local time of the daily backup, "HH:MM"; null: only on demand */
  dailyAt: string | null;
  keep: number;
  timeZone: string;
  clock: Clock;
  logger: Logger;
  /** how often to look at the clock (tests: a fake clock and a short interval) */
  checkEveryMs?: number;
}

export interface BackupScheduler {
  /** a backup now (a manager's request, or before an upgrade); one at a time */
  runNow(reason: string): Promise<BackupFile>;
  list(): BackupFile[];
  /** the scheduled check: a backup if today's is due and not made yet */
  tick(): Promise<BackupFile | null>;
  close(): Promise<void>;
}

/**
 * Daily online backups of the hall database into `dir`, keeping the newest `keep`. A day's backup is made at
 * the first check after `dailyAt` (hall time), also when the hub was down at that moment.
 */
export function createBackupScheduler(o: BackupSchedulerOptions): BackupScheduler {
  let running: Promise<BackupFile> | null = null;
  const dayOf = (at: number) => hallTime(at, o.timeZone).day;

  const runNow = (reason: string): Promise<BackupFile> => {
    if (running) return running;
    const at = o.clock.now();
    running = backupDatabase(o.db, o.dir, at, o.mediaRoot)
      .then((b) => {
        const pruned = pruneBackups(o.dir, o.keep);
        o.logger.info({ file: b.file, bytes: b.bytes, reason, pruned: pruned.length }, 'database backed up');
        return b;
      })
      .catch((err: unknown) => {
        o.logger.error({ err, reason }, 'database backup failed');
        throw err;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const tick = async (): Promise<BackupFile | null> => {
    if (o.dailyAt === null) return null;
    const now = o.clock.now();
    const t = hallTime(now, o.timeZone);
    if (t.minutes < clockToMinutes(o.dailyAt)) return null;
    if (listBackups(o.dir).some((b) => dayOf(b.at) === t.day)) return null;
    return runNow('daily');
  };

  const timer = setInterval(() => {
    tick().catch(() => {
      /* logged in runNow; tried again at the next check */
    });
  }, o.checkEveryMs ?? 60_000);
  timer.unref();

  return {
    runNow,
    list: () => listBackups(o.dir),
    tick,
    async close() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
