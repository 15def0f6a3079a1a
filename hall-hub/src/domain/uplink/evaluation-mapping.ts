import type { RatingChannel, Satisfaction } from '@hall/shared';
import { hallTime } from '../time/hall-time.js';
import type { EvaluationField, ProvinceProfile } from './province-profiles.js';

/** One evaluation as the hub knows it, before a province's names and codes are put on it. */
export interface EvaluationFacts {
  hallId: string;
  areaCode: string | null;
  day: string;
  ticketNumber: string;
  taskCode: string | null;
  taskHandleItem: string | null;
  taskName: string | null;
  deptCode: string | null;
  level: Satisfaction;
  channel: RatingChannel;
  /** reason codes as the province knows them */
  reasons: readonly string[];
  comment: string | null;
  ratedAt: number;
  windowNo: string;
  staffNo: string | null;
  /** 1 for the first evaluation, 2 for a follow-up one */
  assessNumber: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-dd HH:mm:ss` in the hall's time zone. */
export function assessTime(epochMs: number, timeZone: string): string {
  const t = hallTime(epochMs, timeZone);
  const seconds = Math.floor(epochMs / 1000) % 60;
  return `${t.day} ${pad(Math.floor(t.minutes / 60))}:${pad(t.minutes % 60)}:${pad(seconds)}`;
}

/**
 * 办件编号 for a hall service without an approval-system case number: hall, day and ticket number, which is
 * unique and stable — the province deduplicates on it together with assessNumber.
 */
export function projectNoOf(f: Pick<EvaluationFacts, 'hallId' | 'day' | 'ticketNumber'>): string {
  return `${f.hallId}-${f.day.replaceAll('-', '')}-${f.ticketNumber}`;
}

/** The record a province receives: its field names, its satisfaction and channel codes, its constants. */
export function mapEvaluation(f: EvaluationFacts, profile: ProvinceProfile, timeZone: string): Record<string, string | number | null> {
  const values: Record<EvaluationField, string | number | null> = {
    projectNo: projectNoOf(f),
    taskCode: f.taskCode,
    taskHandleItem: f.taskHandleItem,
    taskName: f.taskName,
    deptCode: f.deptCode,
    areaCode: f.areaCode,
    pf: profile.pf[f.channel],
    satisfaction: profile.satisfaction[f.level],
    evalDetail: f.reasons.length > 0 ? f.reasons.join(',') : null,
    writingEvaluation: f.comment,
    assessTime: assessTime(f.ratedAt, timeZone),
    assessNumber: f.assessNumber,
    windowNo: f.windowNo,
    staffNo: f.staffNo,
    hallCode: f.hallId,
  };
  const out: Record<string, string | number | null> = { ...profile.constants };
  for (const [field, value] of Object.entries(values) as Array<[EvaluationField, string | number | null]>) {
    const name = profile.fields[field];
    if (name !== null) out[name] = value;
  }
  return out;
}
