import type { CaseClock } from './case-clock.js';

/** 红黄灯 on the approval time limit. */
export type CaseLight = 'green' | 'yellow' | 'red';

export interface LightThresholds {
  /** yellow when no more than this many working days remain */
  readonly yellowWorkingDays: number;
  /** … or when no more than this share of the limit remains (percent) */
  readonly yellowPercent: number;
}

export const DEFAULT_LIGHT_THRESHOLDS: LightThresholds = { yellowWorkingDays: 2, yellowPercent: 20 };

const SEVERITY: Record<CaseLight, number> = { green: 0, yellow: 1, red: 2 };

/** Red once past the deadline; yellow when little of the limit remains; green otherwise. */
export function caseLight(limitWorkingDays: number, clock: CaseClock, t: LightThresholds): CaseLight {
  if (clock.overdue) return 'red';
  const left = clock.remainingWorkingDays;
  if (left <= t.yellowWorkingDays || left * 100 <= limitWorkingDays * t.yellowPercent) return 'yellow';
  return 'green';
}

export const severity = (light: CaseLight): number => SEVERITY[light];

/** Per-department thresholds over the hall's own. */
export function thresholdsFor(
  hall: LightThresholds,
  perDepartment: Readonly<Record<string, Partial<LightThresholds>>>,
  departmentCode: string,
): LightThresholds {
  return { ...hall, ...perDepartment[departmentCode] };
}
