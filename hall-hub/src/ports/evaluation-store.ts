import type { FigureGrouping, RatingChannel, Satisfaction } from '@hall/shared';
import type { OutcomeCount } from '../domain/evaluation/figures.js';
import type { FollowUp } from '../domain/evaluation/follow-up.js';

/** A finished service (办结) and until when it may be rated. */
export interface ServedService {
  ticketId: string;
  day: string;
  ticketNumber: string;
  lineId: string;
  windowNo: string;
  staffNo: string | null;
  dept: string | null;
  finishedAt: number;
  rateBy: number;
}

export interface EvaluationRecord {
  ticketId: string;
  day: string;
  ticketNumber: string;
  lineId: string;
  windowNo: string;
  staffNo: string | null;
  dept: string | null;
  level: Satisfaction;
  channel: RatingChannel;
  active: boolean;
  reasons: string[];
  comment: string | null;
  servedAt: number;
  ratedAt: number;
}

export interface FollowUpRecord {
  ticketId: string;
  /** day-number, e.g. 2026-11-23-A001: how managers name it */
  ref: string;
  followUp: FollowUp;
}

/** Evaluations, the services they rate, and 差评 follow-ups. */
export interface EvaluationStore {
  transaction<T>(fn: () => T): T;
  putServed(s: ServedService): void;
  served(ticketId: string): ServedService | null;
  /** false when the ticket already has an evaluation (一次一评) */
  putEvaluation(e: EvaluationRecord): boolean;
  evaluation(ticketId: string): EvaluationRecord | null;
  list(q: { fromDay: string; toDay: string; windowNo?: string | undefined; staffNo?: string | undefined; badOnly?: boolean | undefined; limit: number }): EvaluationRecord[];
  outcomeCounts(by: FigureGrouping, fromDay: string, toDay: string, now: number): OutcomeCount[];
  putFollowUp(r: FollowUpRecord): void;
  followUp(ref: string): FollowUpRecord | null;
  followUps(q: { status?: string | undefined; limit: number }): FollowUpRecord[];
}
