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
}

/** Print jobs that outlive a hub restart: queued until the printer has them, in the order they came. */
export interface PrintJobStore {
  insert(job: PrintJob): void;
  get(id: string): PrintJob | null;
  byRequestKey(requestedBy: string, requestKey: string): PrintJob | null;
  /** the oldest queued job of a printer */
  nextQueued(printerId: string): PrintJob | null;
  countQueued(printerId: string): number;
  recordFailedAttempt(id: string, at: number, error: string): void;
  finish(id: string, status: Exclude<PrintJobStatus, 'queued'>, at: number, error?: string): void;
}
