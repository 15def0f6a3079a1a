import type { Channel, Satisfaction, TicketStatus, WindowStatus } from '@hall/shared';
import type { WaitingHeaps } from './waiting-since.js';

/** A waiting list of a line: the green channel and everybody else, FIFO within each. */
export type QueueKind = 'priority' | 'normal';

export interface Ticket {
  id: string;
  number: string;
  serial: number;
  day: string;
  lineId: string;
  channel: Channel;
  priorityGroup: string | null;
  appointmentCode: string | null;
  /** keyed hash of the ID number: compares visitors without holding the number */
  idKey: string | null;
  idMasked: string | null;
  /** the ID number encrypted with the hall key; only for destinations that require it */
  idCipher: string | null;
  status: TicketStatus;
  windowNo: string | null;
  /** 一口受理: only windows of this department may call it (absent in tickets from before the feature) */
  leadDept?: string | null;
  /** only this window may call it (a transfer to a named window) */
  reservedWindow: string | null;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  missedAt: number | null;
  recallCount: number;
  transferCount: number;
  /** times the visitor stepped out (asked for more time); absent in tickets from before the feature */
  postponeCount?: number;
  /** 好差评: null until the visitor rates (a missing rating is 未评价, never a default good one) */
  rating: Satisfaction | null;
}

export interface WindowState {
  no: string;
  status: WindowStatus;
  staffNo: string | null;
  coveringFor: string | null;
  /** AB岗: why the A post is away while the B post covers (absent in state from before the feature) */
  absenceReason?: string | null;
  currentTicketId: string | null;
  pauseReason: string | null;
  /** when the status last changed */
  since: number;
  suspended: string[];
}

export interface LineQueue {
  priority: string[];
  normal: string[];
  /** the current run of consecutive in-order calls of one kind: the interleave policy's memory */
  run: { kind: QueueKind; count: number };
  issued: number;
  /** service durations of the latest finished tickets, newest last, for wait estimates */
  recentServiceMs: number[];
}

/** One line a window serves, and its order (lower first), as in the hall configuration. */
export interface ServedLine {
  line: string;
  order: number;
}

export interface AppointmentRecord {
  code: string;
  lineId: string;
  day: string;
  slotStart: number;
  slotEnd: number;
  name: string | null;
  ticketId: string | null;
}

/**
 * The queue of one business day. The engine owns it; `evolve` updates it in place so that applying an
 * event costs O(size of one waiting list), not O(all tickets) — replaying a month of events stays cheap.
 */
export interface QueueState {
  day: string | null;
  tickets: Map<string, Ticket>;
  /** ticket number → id, for the day */
  byNumber: Map<string, string>;
  windows: Map<string, WindowState>;
  lines: Map<string, LineQueue>;
  /** idempotency: request id → the ticket the request produced (or null) */
  requests: Map<string, string | null>;
  appointments: Map<string, AppointmentRecord>;
  /**
   * 弹性窗口: the lines a window serves today where a manager changed them (WindowLinesAssigned); a window
   * not in the map serves its configured lines. A new day starts from the configuration again.
   */
  assignedLines: Map<string, ServedLine[]>;
  /** derived from the lists, kept for speed and never saved: each line's waiting tickets by issue time (waiting-since.ts) */
  waitingSince: WaitingHeaps;
}

export function emptyQueueState(): QueueState {
  return {
    day: null,
    tickets: new Map(),
    byNumber: new Map(),
    windows: new Map(),
    lines: new Map(),
    requests: new Map(),
    appointments: new Map(),
    assignedLines: new Map(),
    waitingSince: new Map(),
  };
}

export function kindOf(ticket: Ticket): QueueKind {
  return ticket.priorityGroup ? 'priority' : 'normal';
}

export const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(['waiting', 'called', 'serving', 'suspended']);
export const FINAL_STATUSES: ReadonlySet<TicketStatus> = new Set(['done', 'no-show', 'cancelled', 'expired']);

export function lineQueue(state: QueueState, lineId: string): LineQueue {
  let q = state.lines.get(lineId);
  if (!q) {
    q = { priority: [], normal: [], run: { kind: 'normal', count: 0 }, issued: 0, recentServiceMs: [] };
    state.lines.set(lineId, q);
  }
  return q;
}

export function windowState(state: QueueState, no: string): WindowState {
  return (
    state.windows.get(no) ?? {
      no,
      status: 'closed',
      staffNo: null,
      coveringFor: null,
      currentTicketId: null,
      pauseReason: null,
      since: 0,
      suspended: [],
    }
  );
}
