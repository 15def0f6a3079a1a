import type { Satisfaction, TicketStatus } from '@hall/shared';
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
}
