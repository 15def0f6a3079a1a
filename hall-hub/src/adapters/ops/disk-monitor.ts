import { statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { DiskStatus } from '@hall/shared';
import type { Logger } from 'pino';
import { diskVerdict, type DiskLimits } from '../../domain/uplink/disk-policy.js';
import type { Clock } from '../../ports/clock.js';

export interface DiskMonitorDeps {
  dataDir: string;
  /** bytes waiting in the outbox right now */
  outboxBytes(): number;
  policy: DiskLimits;
  clock: Clock;
  logger: Logger;
}

/**
 * Disk-use policy, measured: free space on the data folder's disk, the database files' size, and the outbox
 * backlog's growth between two looks a minute or more apart. A change of level is logged once.
 */
export function createDiskMonitor(d: DiskMonitorDeps): { look(): DiskStatus } {
  let lastLook: { at: number; bytes: number } | null = null;
  let growthPerDay = 0;
  let lastLevel: DiskStatus['level'] = 'ok';

  function measure(): { freeBytes: number; dataFileBytes: number } {
    let freeBytes = 0;
    let dataFileBytes = 0;
    try {
      const fs = statfsSync(d.dataDir);
      freeBytes = Number(fs.bavail) * Number(fs.bsize);
      for (const f of ['hall.db', 'hall.db-wal']) {
        try {
          dataFileBytes += statSync(join(d.dataDir, f)).size;
        } catch {
          // no WAL file right now
        }
      }
    } catch (err) {
      d.logger.warn({ err }, 'disk use not readable');
    }
    return { freeBytes, dataFileBytes };
  }

  return {
    look() {
      const outboxBytes = d.outboxBytes();
      const now = d.clock.now();
      if (!lastLook) lastLook = { at: now, bytes: outboxBytes };
      else if (now - lastLook.at >= 60_000) {
        growthPerDay = ((outboxBytes - lastLook.bytes) / (now - lastLook.at)) * 86_400_000;
        lastLook = { at: now, bytes: outboxBytes };
      }
      const { freeBytes, dataFileBytes } = measure();
      const v = diskVerdict({ freeBytes, outboxBytes, outboxGrowthPerDay: growthPerDay }, d.policy);
      if (v.level !== lastLevel) {
        (v.level === 'ok' ? d.logger.info.bind(d.logger) : d.logger.warn.bind(d.logger))({ level: v.level, daysOfRoom: v.daysOfRoom }, v.en);
        lastLevel = v.level;
      }
      return { level: v.level, outboxBytes, dataFileBytes, freeBytes, daysOfRoom: v.daysOfRoom, message: v.zh, messageEn: v.en };
    },
  };
}

/** Free bytes on the disk that holds `dir` (as the disk monitor measures them), or null when they cannot be read. */
export function freeBytesOn(dir: string): number | null {
  try {
    const fs = statfsSync(dir);
    return Number(fs.bavail) * Number(fs.bsize);
  } catch {
    return null;
  }
}
