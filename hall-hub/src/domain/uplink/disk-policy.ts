import type { DiskLevel } from '@hall/shared';

export interface DiskFacts {
  freeBytes: number;
  outboxBytes: number;
  /** backlog growth, bytes per day (from two observations); <= 0 when the backlog shrinks */
  outboxGrowthPerDay: number;
}

export interface DiskLimits {
  warnFreeMb: number;
  criticalFreeMb: number;
  warnOutboxMb: number;
  warnDaysOfRoom: number;
}

const MB = 1024 * 1024;

/**
 * Warn long before the disk matters: when free space is low, when the backlog is large, or when at its
 * current growth (the province away) the backlog would fill the disk within `warnDaysOfRoom` days.
 * Critical when free space is nearly gone. Events are never dropped: the policy only tells managers.
 */
export function diskVerdict(f: DiskFacts, l: DiskLimits): { level: DiskLevel; daysOfRoom: number | null; zh: string; en: string } {
  const daysOfRoom = f.outboxGrowthPerDay > 0 ? Math.round((f.freeBytes / f.outboxGrowthPerDay) * 10) / 10 : null;
  const freeMb = Math.floor(f.freeBytes / MB);
  const outboxMb = Math.round((f.outboxBytes / MB) * 10) / 10;
  if (freeMb < l.criticalFreeMb) {
    return { level: 'critical', daysOfRoom, zh: `磁盘剩余空间仅 ${freeMb} MB，请立即清理或扩容。`, en: `Only ${freeMb} MB of disk left: free space or add disk now.` };
  }
  if (freeMb < l.warnFreeMb) {
    return { level: 'warn', daysOfRoom, zh: `磁盘剩余空间 ${freeMb} MB，低于预警值 ${l.warnFreeMb} MB。`, en: `${freeMb} MB of disk left, below the warning level of ${l.warnFreeMb} MB.` };
  }
  if (daysOfRoom !== null && daysOfRoom < l.warnDaysOfRoom) {
    return {
      level: 'warn',
      daysOfRoom,
      zh: `省级平台积压数据持续增长，按当前速度约 ${daysOfRoom} 天后磁盘将满。`,
      en: `The backlog for the provincial platform keeps growing; at this rate the disk is full in about ${daysOfRoom} days.`,
    };
  }
  if (outboxMb > l.warnOutboxMb) {
    return { level: 'warn', daysOfRoom, zh: `待上报数据已达 ${outboxMb} MB，请检查与省级平台的连接。`, en: `${outboxMb} MB waits to be sent; check the link to the provincial platform.` };
  }
  return { level: 'ok', daysOfRoom, zh: '磁盘空间充足。', en: 'Disk space is fine.' };
}
