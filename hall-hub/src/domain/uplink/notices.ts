import type { Warning } from '@hall/shared';
import type { OutboxRecord } from './streams.js';

/** `13812341234` → `138****1234`: the only form a phone number takes on screens, in logs and in answers. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A notice as written to the outbox: the recipients' numbers stay encrypted until the relay sends them. */
export interface NoticeFacts {
  hallId: string;
  hallName: string;
  /** encrypted phone numbers (the hall key); decrypted only on the way out */
  toCipher: string[];
  at: number;
}

/** The SMS a consenting visitor gets once, when `ahead` people or fewer are before them. */
export function turnNearNotice(
  f: NoticeFacts,
  t: { day: string; number: string; lineId: string; lineName: string },
  ahead: number,
): OutboxRecord {
  const zhAhead = ahead === 0 ? '下一位就是您' : `前面还有${ahead}人`;
  const enAhead = ahead === 0 ? 'you are next' : `${ahead} ${ahead === 1 ? 'person is' : 'people are'} ahead of you`;
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:turn-near:${t.day}:${t.number}`,
    type: 'turn-near',
    at: f.at,
    data: {
      toCipher: f.toCipher,
      day: t.day,
      ticketNumber: t.number,
      lineId: t.lineId,
      peopleAhead: ahead,
      text: `【${f.hallName}】您的${t.number}号（${t.lineName}）${zhAhead}，请回到大厅留意叫号。`,
      textEn: `${f.hallName}: ticket ${t.number} (${t.lineName}) — ${enAhead}. Please come back to the hall and watch for your number.`,
    },
  };
}

/** Stable per business day: the same red warning is told once a day, however often it is seen. */
export function warningKey(day: string, w: Warning): string {
  return `${day}:${w.kind}:${w.lineId ?? '-'}:${w.windowNo ?? '-'}:${w.ticketNumber ?? '-'}`;
}

const KIND_ZH: Record<Warning['kind'], string> = { 'long-wait': '等候超时', 'long-service': '办理超时', 'idle-window': '窗口空闲但有人排队', printer: '打印机无法打印' };
const KIND_EN: Record<Warning['kind'], string> = { 'long-wait': 'waiting too long', 'long-service': 'service running long', 'idle-window': 'window idle while people wait', printer: 'printer cannot print' };

/** The SMS the managers get when a red warning (红灯预警) first appears. */
export function redWarningNotice(f: NoticeFacts, day: string, w: Warning): OutboxRecord {
  const where = [w.windowNo ? `${w.windowNo}号窗口` : null, w.ticketNumber ? `${w.ticketNumber}号` : null].filter(Boolean).join('，');
  const whereEn = [w.windowNo ? `window ${w.windowNo}` : null, w.ticketNumber ? `ticket ${w.ticketNumber}` : null].filter(Boolean).join(', ');
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:warning:${warningKey(day, w)}`,
    type: 'red-warning',
    at: f.at,
    data: {
      toCipher: f.toCipher,
      day,
      kind: w.kind,
      level: w.level,
      lineId: w.lineId,
      windowNo: w.windowNo,
      ticketNumber: w.ticketNumber,
      minutes: w.minutes,
      text: `【${f.hallName}】红灯预警：${KIND_ZH[w.kind]}${where ? `（${where}）` : ''}，已${w.minutes}分钟（阈值${w.thresholdMinutes}分钟）。`,
      textEn: `${f.hallName}: red warning — ${KIND_EN[w.kind]}${whereEn ? ` (${whereEn})` : ''}, ${w.minutes} min (threshold ${w.thresholdMinutes} min).`,
    },
  };
}
