import type { MinimumSample, Satisfaction, TicketStatus } from '@hall/shared';
import type { QueueRules } from '../queue/rules.js';

/** One ticket as the read side gives it: the times of its life, where it was called, its rating. */
export interface TicketRow {
  id: string;
  day: string;
  number: string;
  lineId: string;
  status: TicketStatus;
  windowNo: string | null;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  transferCount: number;
  rating: Satisfaction | null;
}

/** The window events that say who sat where: a day start closes every window. In log order. */
export type ShiftEventRow =
  | { type: 'DayStarted'; at: number }
  | { type: 'WindowOpened'; at: number; windowNo: string; staffNo: string; coveringFor: string | null }
  | { type: 'WindowClosed'; at: number; windowNo: string };

/** What a report names things by: the queue rules (windows, staff, lines, thresholds) and department names. */
export interface ReportDirectory {
  rules: QueueRules;
  hallName: string;
  /** department code → name (from the catalog); a code without a name is shown as the code */
  departmentNames: ReadonlyMap<string, string>;
  /** the ranking's minimum samples (hall config `reports.minimumSample`) */
  minimumSample: MinimumSample;
}

/** A supervised case (办件) as the evaluation needs it: its department, its clock's inputs and whether it finished. */
export interface CaseRow {
  departmentCode: string;
  departmentName: string;
  acceptedAt: number;
  limitWorkingDays: number;
  suspensions: ReadonlyArray<{ from: number; to: number | null }>;
  /** set only for a case in a finished state (decided, closed, withdrawn) */
  finishedAt: number | null;
}

/** A 容缺 acceptance: where it was accepted (the window's department), its supply deadline and when the materials came. */
export interface RongqueRow {
  windowNo: string;
  acceptedAt: number;
  supplyDeadline: number;
  suppliedAt: number | null;
}
