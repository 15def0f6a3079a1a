import type { Figures, MinimumSample, RankingRow, ReportRow } from '@hall/shared';
import type { CaseCounts, RongqueCounts } from './case-figures.js';
import { sampled } from './sample-rule.js';

/**
 * 绩效排名 / 绩效评估: the hall scores each department from its monitoring data every month and reports the ranking
 * to the province (the seed case: 综合评分排名, 每月通报). The score, out of 100, is the weighted mean of the
 * measures the hall has data for in the period (a hall without 办件 or 容缺 data is scored on its queue alone):
 *  - satisfaction, 40: 满意率 of the visitors who rated;
 *  - waits, 30: minus a share for every ticket that waited into yellow (half) or red (whole);
 *  - service times, 30: the same for services that ran into yellow or red;
 *  - cases on time, 30: 办件 finished in the period within their time limit (working days, suspensions excluded);
 *  - 容缺 supplied on time, 10: acceptances whose missing materials came by the deadline.
 * The minimum sample: a measure over fewer cases than the hall's minimum takes the hall's own figure, so a
 * department is neither helped nor hurt by having (almost) nothing to show; a department with fewer services
 * and fewer finished cases than the minimums is not ranked at all (样本不足) and is listed after every ranked one.
 * Ties go to the department that served more, then by code, so the order is stable.
 */
const WEIGHTS = { satisfaction: 40, wait: 30, service: 30, onTime: 30, rongque: 10 } as const;
type Measure = keyof typeof WEIGHTS;

export interface DepartmentInput {
  row: ReportRow;
  cases: CaseCounts;
  rongque: RongqueCounts;
}

export interface HallInput {
  figures: Figures;
  cases: CaseCounts;
  rongque: RongqueCounts;
}

const one = (x: number) => Math.round(x * 10) / 10;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function penaltyShare(yellow: number, red: number, of: number): number {
  return of > 0 ? clamp01((yellow * 0.5 + red) / of) : 0;
}

const ratedOf = (f: Figures) => f.ratings['very-satisfied'] + f.ratings.satisfied + f.ratings.basic + f.ratings.dissatisfied + f.ratings['very-dissatisfied'];
const goodOf = (f: Figures) => f.ratings['very-satisfied'] + f.ratings.satisfied + f.ratings.basic;
const waitShare = (f: Figures) => 1 - penaltyShare(f.warnings.waitYellow, f.warnings.waitRed, f.issued);
const serviceShare = (f: Figures) => 1 - penaltyShare(f.warnings.serviceYellow, f.warnings.serviceRed, f.called);

/** A department is listed when it did anything in the period: called a ticket, had a case to judge, accepted with 容缺. */
const listed = (d: DepartmentInput) => d.row.figures.called > 0 || d.cases.finished + d.cases.overdueOpen > 0 || d.rongque.accepted > 0;

export function departmentRanking(departments: readonly DepartmentInput[], hall: HallInput, min: MinimumSample): RankingRow[] {
  const h = hall.figures;
  const hallRate = {
    satisfaction: h.satisfactionRate ?? 1,
    wait: waitShare(h),
    service: serviceShare(h),
    onTime: hall.cases.finished > 0 ? hall.cases.onTime / hall.cases.finished : null,
    rongque: hall.rongque.settled > 0 ? hall.rongque.suppliedOnTime / hall.rongque.settled : null,
  };
  const applies = (m: Measure) => hallRate[m] !== null;
  const total = (Object.keys(WEIGHTS) as Measure[]).filter(applies).reduce((s, m) => s + WEIGHTS[m], 0);

  const rows = departments.filter(listed).map((d) => {
    const f = d.row.figures;
    const satisfaction = sampled(goodOf(f), ratedOf(f), min.rated);
    const onTime = sampled(d.cases.onTime, d.cases.finished, min.finishedCases);
    const rongque = sampled(d.rongque.suppliedOnTime, d.rongque.settled, min.rongque);
    const servedEnough = f.served >= min.served;
    const ranked = servedEnough || onTime.enough;
    const own: Record<Measure, number | null> = {
      satisfaction: satisfaction.enough ? satisfaction.count / satisfaction.of : hallRate.satisfaction,
      wait: servedEnough ? waitShare(f) : hallRate.wait,
      service: servedEnough ? serviceShare(f) : hallRate.service,
      onTime: onTime.enough ? onTime.count / onTime.of : hallRate.onTime,
      rongque: rongque.enough ? rongque.count / rongque.of : hallRate.rongque,
    };
    const points = (m: Measure): number | null => (ranked && applies(m) ? (100 * WEIGHTS[m] * own[m]!) / total : null);
    const raw = (Object.keys(WEIGHTS) as Measure[]).reduce((s, m) => s + (points(m) ?? 0), 0);
    const shown = (m: Measure) => {
      const p = points(m);
      return p === null ? null : one(p);
    };
    const row: RankingRow = {
      rank: null,
      key: d.row.key,
      name: d.row.name,
      score: ranked ? one(raw) : null,
      satisfactionScore: shown('satisfaction'),
      waitScore: shown('wait'),
      serviceScore: shown('service'),
      onTimeScore: shown('onTime'),
      rongqueScore: shown('rongque'),
      served: f.served,
      avgWaitMinutes: f.avgWaitMinutes,
      avgServiceMinutes: f.avgServiceMinutes,
      satisfactionRate: f.satisfactionRate,
      satisfaction,
      badRatings: f.ratings.dissatisfied + f.ratings['very-dissatisfied'],
      redWarnings: f.warnings.waitRed + f.warnings.serviceRed,
      yellowWarnings: f.warnings.waitYellow + f.warnings.serviceYellow,
      cases: { onTime, overdueFinished: d.cases.overdueFinished, overdueOpen: d.cases.overdueOpen },
      rongque: { accepted: d.rongque.accepted, suppliedOnTime: rongque },
    };
    return row;
  });
  const byService = (a: RankingRow, b: RankingRow) => b.served - a.served || a.key.localeCompare(b.key);
  const ranked = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || byService(a, b));
  const short = rows.filter((r) => r.score === null).sort(byService);
  return [...ranked.map((r, i) => ({ ...r, rank: i + 1 })), ...short];
}
