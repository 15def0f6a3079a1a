import type { RongqueRecord } from '@hall/shared';
import type { OutboxRecord } from '../uplink/streams.js';

/** The deadline's day as the notice and the SMS name it (the hall's day, YYYY-MM-DD → 2026年10月10日). */
export const deadlineText = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The acceptance goes upstream on the queue stream (it is part of what happened to the ticket at the window),
 * type `rongque-accepted`, with nothing personal beyond the masked applicant; the key makes a retry a no-op.
 */
export function rongqueUplink(hallId: string, r: RongqueRecord): OutboxRecord {
  return { stream: 'queue', key: `${hallId}:rongque:${r.id}`, type: 'rongque-accepted', at: Date.parse(r.acceptedAt), data: { ...r } };
}

/** The SMS (with consent) that tells the applicant what to bring by when; one per acceptance. */
export function rongqueReminder(f: { hallId: string; hallName: string; toCipher: string; at: number }, r: RongqueRecord, deadlineDay: string): OutboxRecord {
  const list = r.missing.join('、');
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:rongque:${r.id}`,
    type: 'rongque-reminder',
    at: f.at,
    data: {
      toCipher: [f.toCipher],
      text: `【${f.hallName}】您办理的“${r.serviceName}”已容缺受理，请于${deadlineText(deadlineDay)}前补交：${list}。逾期未补齐的，申请将不予受理。`,
      textEn: `${f.hallName}: "${r.serviceName}" was accepted with materials missing. Please bring by ${deadlineDay}: ${list}. If they do not come in time the application will not proceed.`,
    },
  };
}

/**
 * The reminder on the deadline day itself, for a case whose materials have not come (with consent). The key is
 * the case's, so however often the check runs that day, the outbox and the province hold one.
 */
export function rongqueDueReminder(f: { hallId: string; hallName: string; toCipher: string; at: number }, r: RongqueRecord, deadlineDay: string): OutboxRecord {
  const list = r.missing.join('、');
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:rongque-due:${r.id}`,
    type: 'rongque-due',
    at: f.at,
    data: {
      toCipher: [f.toCipher],
      text: `【${f.hallName}】提醒：您容缺受理的“${r.serviceName}”补交期限为今天（${deadlineText(deadlineDay)}），请在今天下班前补交：${list}。`,
      textEn: `${f.hallName}: today (${deadlineDay}) is the last day to bring the materials for "${r.serviceName}": ${list}.`,
    },
  };
}
