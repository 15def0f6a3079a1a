import type { ProofOfPlayRow } from '@hall/shared';
import { cell } from '../reports/report-csv.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as the hall's wall clock reads it: `2026-11-23 09:00:05`. */
export function hallDateTime(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * Proof of play as CSV (RFC 4180, CRLF) with a UTF-8 byte-order mark, so Excel opens the Chinese names as
 * UTF-8; times on the hall's clock, the zone named in the header.
 */
export function proofOfPlayCsv(rows: readonly ProofOfPlayRow[], timeZone: string): string {
  const head = [
    '屏幕编号 Display id', '屏幕 Display', '活动编号 Campaign id', '活动 Campaign', '媒体编号 Media id', '媒体 Media', '页 Page', '区域 Region',
    `开始 Started (${timeZone})`, `结束 Ended (${timeZone})`, '时长(秒) Seconds', '完整播放 Complete', `上报 Received (${timeZone})`,
  ];
  const body = rows.map((r) => [
    r.displayId, r.displayName, r.campaignId, r.campaignName, r.mediaId, r.mediaName, r.page, r.regionId,
    hallDateTime(r.startedAt, timeZone), hallDateTime(r.endedAt, timeZone),
    Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 100) / 10,
    r.complete ? '是 yes' : '否 no',
    hallDateTime(r.receivedAt, timeZone),
  ]);
  return `\uFEFF${[head, ...body].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
