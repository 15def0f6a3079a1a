import type { PrintJobView } from '@hall/shared';

/** What the visitor is told about a print job. */
export type PrintPhase = 'printing' | 'done' | 'failed';

/** A ticket or sheet that has not come out after this long is not going to come out while the visitor waits. */
export const PRINT_PATIENCE_MS = 20_000;

/**
 * What to tell the visitor, from the hub's view of the job (pure). "Printed" only once the printer confirmed it
 * (`done`); a job the printer refused (paper out, cover open, down), or has not confirmed (a jam), or that is
 * taking too long, is a failure to say plainly — the hub may still print it later, and the ticket stays valid.
 */
export function printPhase(job: Pick<PrintJobView, 'status' | 'attempts' | 'lastError'> | null, elapsedMs: number): PrintPhase {
  if (job?.status === 'done') return 'done';
  if (job === null) return elapsedMs >= PRINT_PATIENCE_MS ? 'failed' : 'printing';
  if (job.status === 'failed' || job.status === 'expired') return 'failed';
  if (job.attempts > 0 || job.lastError !== null) return 'failed';
  return elapsedMs >= PRINT_PATIENCE_MS ? 'failed' : 'printing';
}

/** Whether following the job further can change what the visitor is told. */
export const printSettled = (job: Pick<PrintJobView, 'status'> | null): boolean => job !== null && job.status !== 'queued' && job.status !== 'sending';
