import type { EvaluationFiguresRow, Satisfaction } from '@hall/shared';
import { LEVELS, isGood } from './levels.js';

/**
 * 好评率, 主动评价好评率 and 未评价率 (GB/T 39734/39735 name them; the hall computes them this way):
 * - 好评率 = 好评 / all ratings (active and default ones — the hub itself never makes a default rating);
 * - 主动评价好评率 = 好评 among active ratings / active ratings;
 * - 未评价率 = 未评价 / services finished, where 未评价 means the time to rate has passed with no rating.
 *   Services still within their time to rate are `pending`: in no rate's numerator.
 */
export const DEFINITIONS = {
  goodRate: '好评率 = 好评数（非常满意+满意+基本满意）÷ 评价总数 / good ratings ÷ all ratings',
  activeGoodRate: '主动评价好评率 = 主动评价中的好评数 ÷ 主动评价数 / good active ratings ÷ active ratings',
  unratedRate: '未评价率 = 未评价数（评价期限已过）÷ 办结数 / services not rated in time ÷ services finished',
};

/** One count from the store: services of a group with the same outcome. `level` null = no rating. */
export interface OutcomeCount {
  key: string;
  level: Satisfaction | null;
  active: boolean;
  /** no rating and the time to rate has passed */
  unrated: boolean;
  n: number;
}

const rate = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 10_000) / 10_000);

function emptyRow(key: string): EvaluationFiguresRow {
  return {
    key,
    served: 0,
    rated: 0,
    active: 0,
    good: 0,
    activeGood: 0,
    bad: 0,
    unrated: 0,
    pending: 0,
    levels: Object.fromEntries(LEVELS.map((l) => [l, 0])),
    goodRate: null,
    activeGoodRate: null,
    unratedRate: null,
  };
}

function add(row: EvaluationFiguresRow, c: OutcomeCount): void {
  row.served += c.n;
  if (c.level === null) {
    if (c.unrated) row.unrated += c.n;
    else row.pending += c.n;
    return;
  }
  row.rated += c.n;
  row.levels[c.level] = (row.levels[c.level] ?? 0) + c.n;
  if (c.active) row.active += c.n;
  if (isGood(c.level)) {
    row.good += c.n;
    if (c.active) row.activeGood += c.n;
  } else row.bad += c.n;
}

function finish(row: EvaluationFiguresRow): EvaluationFiguresRow {
  row.goodRate = rate(row.good, row.rated);
  row.activeGoodRate = rate(row.activeGood, row.active);
  row.unratedRate = rate(row.unrated, row.served);
  return row;
}

/** Folds outcome counts into one row per key (sorted by key) and a total. */
export function evaluationFigures(counts: readonly OutcomeCount[]): { rows: EvaluationFiguresRow[]; total: EvaluationFiguresRow } {
  const rows = new Map<string, EvaluationFiguresRow>();
  const total = emptyRow('total');
  for (const c of counts) {
    let row = rows.get(c.key);
    if (!row) rows.set(c.key, (row = emptyRow(c.key)));
    add(row, c);
    add(total, c);
  }
  return { rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)).map(finish), total: finish(total) };
}
