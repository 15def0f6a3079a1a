import type { PlayRecord } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';

/**
 * The checks a proof-of-play batch must pass beyond its schema: each record ends no earlier than it starts, and
 * a seq appears once in a batch. A batch that fails is refused whole: nothing of it is stored.
 */
export function playReportProblem(records: readonly PlayRecord[]): Refusal | null {
  const seqs = new Set<number>();
  for (const r of records) {
    if (Date.parse(r.endedAt) < Date.parse(r.startedAt)) {
      return { code: 'invalid_play_report', kind: 'invalid', zh: `播放记录 ${r.seq} 的结束时间早于开始时间。`, en: `Play record ${r.seq} ends before it starts.` };
    }
    if (seqs.has(r.seq)) return { code: 'invalid_play_report', kind: 'invalid', zh: `播放记录序号 ${r.seq} 重复。`, en: `Play record seq ${r.seq} appears twice.` };
    seqs.add(r.seq);
  }
  return null;
}
