import type { NoticeFacts } from './notices.js';
import type { OutboxRecord } from './streams.js';

export interface RedGroupFacts {
  day: string;
  key: string;
  /** the line or window in words, e.g. 社会事务 / 3号窗口 */
  zh: string;
  en: string;
  count: number;
  longestMinutes: number;
  startedAt: number;
}

/**
 * The SMS the duty manager (值班主任) gets when a warning group turns red. Its key names the episode (the group
 * and when it turned red), so a retry or a restart inside the same episode never sends a second text.
 */
export function redGroupNotice(f: NoticeFacts, g: RedGroupFacts): OutboxRecord {
  return {
    stream: 'notices',
    key: `${f.hallId}:notice:warning-group:${g.day}:${g.key}:${g.startedAt}`,
    type: 'warning-group-red',
    at: f.at,
    data: {
      toCipher: f.toCipher,
      day: g.day,
      group: g.key,
      count: g.count,
      minutes: g.longestMinutes,
      text: `【${f.hallName}】红灯预警：${g.zh}共${g.count}条预警，最长已${g.longestMinutes}分钟，请值班主任协调。`,
      textEn: `${f.hallName}: red warning — ${g.en}: ${g.count} warning${g.count === 1 ? '' : 's'}, the longest ${g.longestMinutes} min. Duty manager, please step in.`,
    },
  };
}
