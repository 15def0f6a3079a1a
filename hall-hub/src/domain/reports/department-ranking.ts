import type { Figures, RankingRow, ReportRow } from '@hall/shared';

/**
 * 绩效排名: the hall scores each department from its monitoring data every month and reports the ranking
 * to the province (the seed case: 综合评分排名, 每月通报). Our score, out of 100:
 *  - satisfaction, 40: 满意率 of the visitors who rated; a department nobody rated gets the hall's rate, so
 *    not prompting for ratings neither helps nor hurts;
 *  - waits, 30: minus a share for every ticket that waited into yellow (half) or red (whole);
 *  - service times, 30: the same for services that ran into yellow or red.
 * Ties go to the department that served more, then by code, so the order is stable. Only departments that
 * called at least one ticket are ranked: one that saw nobody has nothing to score.
 */
const RANKING_WEIGHTS = { satisfaction: 40, wait: 30, service: 30 } as const;

const one = (x: number) => Math.round(x * 10) / 10;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function penaltyShare(yellow: number, red: number, of: number): number {
  return of > 0 ? clamp01((yellow * 0.5 + red) / of) : 0;
}

export function departmentRanking(departments: readonly ReportRow[], hall: Figures): RankingRow[] {
  const hallRate = hall.satisfactionRate ?? 1;
  const scored = departments.filter((d) => d.figures.called > 0).map((d) => {
    const f = d.figures;
    const satisfactionScore = RANKING_WEIGHTS.satisfaction * (f.satisfactionRate ?? hallRate);
    const waitScore = RANKING_WEIGHTS.wait * (1 - penaltyShare(f.warnings.waitYellow, f.warnings.waitRed, f.issued));
    const serviceScore = RANKING_WEIGHTS.service * (1 - penaltyShare(f.warnings.serviceYellow, f.warnings.serviceRed, f.called));
    return {
      rank: 0,
      key: d.key,
      name: d.name,
      score: one(satisfactionScore + waitScore + serviceScore),
      satisfactionScore: one(satisfactionScore),
      waitScore: one(waitScore),
      serviceScore: one(serviceScore),
      served: f.served,
      avgWaitMinutes: f.avgWaitMinutes,
      avgServiceMinutes: f.avgServiceMinutes,
      satisfactionRate: f.satisfactionRate,
      badRatings: f.ratings.dissatisfied + f.ratings['very-dissatisfied'],
      redWarnings: f.warnings.waitRed + f.warnings.serviceRed,
      yellowWarnings: f.warnings.waitYellow + f.warnings.serviceYellow,
    };
  });
  scored.sort((a, b) => b.score - a.score || b.served - a.served || a.key.localeCompare(b.key));
  return scored.map((r, i) => ({ ...r, rank: i + 1 }));
}
