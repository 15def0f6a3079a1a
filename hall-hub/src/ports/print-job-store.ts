import type { PrintBlock, PrintJobKind, PrintJobStatus } from '@hall/shared';

export interface PrintJob {
  id: string;
  printerId: string;
  kind: PrintJobKind;
  status: PrintJobStatus;
  blocks: PrintBlock[];
  /** `device:kiosk-1` or `user:boss`: who may read the job back */
  requestedBy: string;
  /** the caller's idempotency key, scoped to requestedBy */
  requestKey: string | null;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: number | null;
  doneAt: number | null;
  /** a send broke after job bytes went out: part of it may be on paper (a ticket sent again says 补打) */
  interrupted: boolean;
}

/**
 * Print jobs that outlive a hub restart: queued until the printer confirms them, in the order they came. A job
 * found `sending` (the hub stopped mid-send) is picked up again as interrupted.
 */
export interface PrintJobStore {
  insert(job: PrintJob): void;
  get(id: string): PrintJob | null;
  byRequestKey(requestedBy: string, requestKey: string): PrintJob | null;
  /** the oldest job of a printer still to print: queued, or sending when the hub stopped */
  nextQueued(printerId: string): PrintJob | null;
  countQueued(printerId: string): number;
  markSending(id: string, at: number): void;
  /** the job is not with the printer yet (back to queued); `interrupted` once part of it may be on paper */
  recordFailedAttempt(id: string, at: number, error: string, interrupted: boolean): void;
  /** a problem while the job is still being sent (the printer has not confirmed yet) */
  noteProblem(id: string, error: string): void;
  finish(id: string, status: Exclude<PrintJobStatus, 'queued' | 'sending'>, at: number, error?: string): void;
}
