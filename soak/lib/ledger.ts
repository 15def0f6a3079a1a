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

/** The first call-next of each window when the hall opens (the morning rush), as its keypad answered it. */
export interface RushPress {
  windowNo: string;
  outcome: 'ok' | 'refused' | 'failed';
  ticket: string | null;
}

/** A move the manager applied from the console's proposals (弹性窗口). */
export interface LineMoveAck {
  windowNo: string;
  lineId: string;
  because: string;
  /** hall time of the GET /api/line-moves that proposed it: the manager's decision, before any retry through a fault */
  proposedAt: number;
  /** HTTP status of POST /api/windows/:no/lines (0: never answered) */
  status: number;
  at: number;
}

/** What the scenes' clients were told: the rush's presses, the manager's moves, the B post's sign-ins. */
export interface SceneLedger {
  rush: { bellAt: number | null; presses: RushPress[] };
  lineMoves: { proposalsSeen: number; moves: LineMoveAck[] };
  takeover: { takenOverAt: number | null; handedBackAt: number | null; servicesByBPost: number; refusals: string[] };
}

export interface Ledger {
  scenes: SceneLedger;
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
    scenes: {
      rush: { bellAt: null, presses: [] },
      lineMoves: { proposalsSeen: 0, moves: [] },
      takeover: { takenOverAt: null, handedBackAt: null, servicesByBPost: 0, refusals: [] },
    },
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
