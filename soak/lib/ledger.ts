import type { Visitor } from './visitor-model.js';

/**
 * What the clients were told, written down as they were told it: the other side of every check. The hub's
 * store is compared with this afterwards — a ticket a kiosk was given must be there, once.
 */
export interface TicketAck {
  n: number;
  requestId: string;
  ticketId: string;
  number: string;
  /** 201 new, 200 the same ticket again (a retried request) */
  status: number;
  attempts: number;
  ackAt: number;
}

export interface RatingAttempt {
  n: number;
  number: string;
  via: 'evaluator' | 'qr';
  outcome: 'ok' | 'refused' | 'failed';
  code?: string;
}

export interface PrintAck {
  ticketId: string;
  printerId: string;
  jobId: string;
  /** hall time the job was accepted */
  at: number;
}

export interface Ledger {
  visitors: Visitor[];
  tickets: Map<string, TicketAck>;
  byNumber: Map<string, Visitor>;
  ticketIdOf: Map<number, string>;
  /** requests the hub refused (closed, cap): the visitor left without a ticket */
  refused: Array<{ n: number; code: string }>;
  /** requests never answered (given up) */
  unanswered: Array<{ n: number; requestId: string; errors: string[] }>;
  /** request ids sent and not yet answered, right now */
  inFlight: Set<string>;
  prints: PrintAck[];
  printsRefused: Array<{ ticketId: string; code: string }>;
  ratings: RatingAttempt[];
  /** visitors whose ticket reached a final state for them (served, no-show not returning, cancelled) */
  settled: Set<number>;
  /** keypad presses: ok, refused (by code), no reply / hub unreachable */
  presses: { ok: number; refused: Record<string, number>; failed: number };
  /** finished services whose evaluator never showed the rating prompt */
  promptsMissed: number;
  reinstated: number;
  /** tickets a window called before their kiosk had the answer (it was still retrying across a hub restart) */
  calledBeforeKioskKnew: number;
  notes: string[];
}

export function createLedger(visitors: Visitor[]): Ledger {
  return {
    visitors,
    tickets: new Map(),
    byNumber: new Map(),
    ticketIdOf: new Map(),
    refused: [],
    unanswered: [],
    inFlight: new Set(),
    prints: [],
    printsRefused: [],
    ratings: [],
    settled: new Set(),
    presses: { ok: 0, refused: {}, failed: 0 },
    promptsMissed: 0,
    reinstated: 0,
    calledBeforeKioskKnew: 0,
    notes: [],
  };
}
