import { UNKNOWN_STATUS, statusProblem, type PrintBlock, type PrinterStatus, type PrinterView, type PrintJobKind } from '@hall/shared';
import type { Logger } from 'pino';
import type { Clock } from '../ports/clock.js';
import type { PrintJob, PrintJobStore } from '../ports/print-job-store.js';
import type { PrinterCheck, Printer, PrintOutcome } from '../ports/printer.js';
import { markReprint } from '../domain/print/ticket-layout.js';

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface PrinterEntry {
  printer: Printer;
  name: string;
  /** a job older than this is not printed any more: the visitor has gone, and yesterday's tickets are void */
  jobTtlMs: number;
}

export interface PrintServiceOptions {
  store: PrintJobStore;
  printers: readonly PrinterEntry[];
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  newId: () => string;
  /** wait before the first retry of a printer that is down; doubles up to `retryMaxMs` */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** how often an idle printer is checked, so managers see it go down before a visitor does */
  checkIntervalMs?: number;
}

export interface EnqueueRequest {
  printerId: string;
  kind: PrintJobKind;
  blocks: PrintBlock[];
  requestedBy: string;
  requestKey?: string | undefined;
}

export interface PrintService {
  has(printerId: string): boolean;
  /** Queues a job (persisted before this returns); the same request key gives the same job back. */
  enqueue(req: EnqueueRequest): { job: PrintJob; duplicate: boolean };
  job(id: string): PrintJob | null;
  printers(): PrinterView[];
  /** what a printer said of itself between jobs (a kiosk printer's bridge reports it when it changes) */
  noteCheck(printerId: string, check: PrinterCheck): void;
  /** called after every change of a job's status */
  onJobChange(listener: (job: PrintJob) => void): () => void;
  close(): Promise<void>;
}

interface Worker {
  entry: PrinterEntry;
  online: boolean | null;
  status: PrinterStatus;
  /** it has answered a status query at least once: from then on, silence means it is stuck */
  everAnswered: boolean;
  responding: boolean | null;
  lastError: string | null;
  /** since when it cannot print (unreachable, cover open, paper out, jammed), for the manager's alert */
  problemSince: number | null;
  checkedAt: number | null;
  lastPrintedAt: number | null;
  /** wakes the idle wait when a job arrives */
  kick: () => void;
  running: Promise<void>;
}

/** What a check or a send told of the printer; `confirmed`: it has just confirmed a job (so it responds). */
function noteCheck(o: PrintServiceOptions, w: Worker, c: PrinterCheck, confirmed = false): void {
  if (w.online !== c.reachable) o.logger.info({ printer: w.entry.printer.id, online: c.reachable, error: c.error }, 'printer online state changed');
  w.online = c.reachable;
  if (c.reachable) {
    if (c.answered) {
      w.status = c.status;
      w.everAnswered = true;
    } else if (!confirmed) {
      w.status = UNKNOWN_STATUS;
    }
    w.responding = c.answered || confirmed ? true : w.everAnswered ? false : null;
  }
  w.lastError = c.error ?? (w.responding === false ? '打印机无应答（卡纸？） the printer stopped answering (jammed?)' : null);
  const problem = !c.reachable || w.responding === false || statusProblem(w.status) !== null;
  w.problemSince = problem ? (w.problemSince ?? o.clock.now()) : null;
  if (problem) o.logger.warn({ printer: w.entry.printer.id, error: w.lastError }, 'printer cannot print');
  w.checkedAt = o.clock.now();
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A job as it enters the queue. */
function newJob(req: EnqueueRequest, id: string, now: number): PrintJob {
  return {
    id,
    printerId: req.printerId,
    kind: req.kind,
    status: 'queued',
    blocks: req.blocks,
    requestedBy: req.requestedBy,
    requestKey: req.requestKey ?? null,
    createdAt: now,
    attempts: 0,
    lastError: null,
    lastAttemptAt: null,
    doneAt: null,
    interrupted: false,
  };
}

/** A printer as the status page shows it. */
function printerView(w: Worker, queued: number) {
  return {
    id: w.entry.printer.id,
    name: w.entry.name,
    kind: w.entry.printer.kind,
    online: w.online,
    paperOut: w.status.paper === 'unknown' ? null : w.status.paper === 'out',
    paperNearEnd: w.status.paper === 'unknown' ? null : w.status.paper === 'near-end',
    coverOpen: w.status.coverOpen,
    responding: w.responding,
    problem: w.problemSince === null ? null : (w.lastError ?? statusProblem(w.status)),
    problemSince: iso(w.problemSince),
    queued,
    lastError: w.lastError,
    checkedAt: iso(w.checkedAt),
    lastPrintedAt: iso(w.lastPrintedAt),
  };
}

/**
 * The print queue: one worker per printer sends that printer's jobs one at a time, oldest first. A job is done
 * only when the printer confirmed it has all of it; until then it stays queued (or `sending`) in the store, so a
 * printer that was down (or a hub that restarted) gets it once it is back — and a job marked done is never sent
 * again. A send cut off after job bytes went out may have left half a ticket on paper: the ticket is sent again
 * marked 补打; a notice sheet is not forced on anyone — it fails, and the kiosk offers to print it again.
 */
export function createPrintService(o: PrintServiceOptions): PrintService {
  const retryInitial = o.retryInitialMs ?? 1000;
  const retryMax = o.retryMaxMs ?? 30_000;
  const checkInterval = o.checkIntervalMs ?? 30_000;
  const listeners = new Set<(job: PrintJob) => void>();
  const workers = new Map<string, Worker>();
  let closed = false;
  const stopping = new AbortController();
  const timers = new Set<() => void>();

  /** Resolves after `ms`, on close, or (if `w` is given) when a job arrives for that printer. */
  const pause = (ms: number, w?: Worker) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(t);
        timers.delete(wake);
        if (w) w.kick = () => {};
        resolve();
      };
      // Unref'd: a print queue never keeps the process alive by itself.
      const t = setTimeout(wake, ms);
      t.unref();
      timers.add(wake);
      if (w) w.kick = wake;
    });

  const changed = (id: string) => {
    const job = o.store.get(id);
    if (job) for (const l of listeners) l(job);
  };

  const unconfirmed = (w: Worker, jobId: string) => (error: string) => {
    o.logger.warn({ printer: w.entry.printer.id, job: jobId, error }, 'print job not confirmed by the printer');
    w.responding = false;
    w.lastError = error;
    w.problemSince ??= o.clock.now();
    o.store.noteProblem(jobId, error);
    changed(jobId);
  };

  async function run(w: Worker): Promise<void> {
    const { printer } = w.entry;
    let backoff = retryInitial;
    while (!closed) {
      const job = o.store.nextQueued(printer.id);
      if (!job) {
        if (w.checkedAt === null || o.clock.now() - w.checkedAt >= checkInterval) {
          noteCheck(o, w, await printer.check().catch((err: unknown): PrinterCheck => ({ reachable: false, status: UNKNOWN_STATUS, answered: false, error: describe(err) })));
          continue; // a job may have come in during the check: look again before sleeping
        }
        // No await between looking at the queue and listening for `kick`: a job cannot slip in unseen.
        await pause(checkInterval, w);
        continue;
      }
      const now = o.clock.now();
      if (job.status === 'sending') {
        // The hub stopped while sending it: whether any of it is on paper nobody knows.
        o.store.recordFailedAttempt(job.id, now, 'the hub stopped before the printer confirmed the job', true);
        continue;
      }
      if (job.status === 'failed' || now - job.createdAt > w.entry.jobTtlMs) {
        const status = job.status === 'failed' ? 'failed' : 'expired';
        o.store.finish(job.id, status, now, job.lastError ?? 'not printed in time: the printer was unavailable');
        o.logger.warn({ printer: printer.id, job: job.id, kind: job.kind, status }, 'print job dropped');
        changed(job.id);
        continue;
      }
      if (job.interrupted && job.kind !== 'ticket') {
        o.store.finish(job.id, 'failed', now, `${job.lastError ?? 'interrupted'}; 未打印完整，可重新打印 (cut off: print it again if needed)`);
        changed(job.id);
        continue;
      }
      o.store.markSending(job.id, now);
      changed(job.id);
      const blocks = job.interrupted ? markReprint(job.blocks) : job.blocks;
      // A printer adapter reports trouble in its outcome; anything thrown is a bug, treated like a send cut off
      // (part of it may be out) so the worker (and the other jobs) carry on.
      const outcome: PrintOutcome = await printer
        .print({ id: job.id, blocks }, { onUnconfirmed: unconfirmed(w, job.id), signal: stopping.signal })
        .catch((err: unknown): PrintOutcome => ({ ok: false, retry: true, reachable: false, status: UNKNOWN_STATUS, answered: false, partial: true, error: describe(err) }));
      const at = o.clock.now();
      if (closed && !outcome.ok && outcome.partial) break; // left `sending`: the next start sends it again as interrupted
      if (outcome.ok) {
        o.store.finish(job.id, 'done', at);
        noteCheck(o, w, { reachable: true, status: outcome.status, answered: outcome.answered, error: null }, true);
        w.lastPrintedAt = at;
        backoff = retryInitial;
        changed(job.id);
      } else if (!outcome.retry) {
        o.store.finish(job.id, 'failed', at, outcome.error);
        o.logger.error({ printer: printer.id, job: job.id, error: outcome.error }, 'print job failed');
        changed(job.id);
      } else {
        o.store.recordFailedAttempt(job.id, at, outcome.error, outcome.partial);
        noteCheck(o, w, outcome);
        changed(job.id);
        // Not kicked by new jobs: a printer that is down is not hammered faster because visitors keep asking.
        await pause(backoff);
        backoff = Math.min(backoff * 2, retryMax);
      }
    }
  }

  for (const entry of o.printers) {
    const w: Worker = {
      entry,
      online: null,
      status: UNKNOWN_STATUS,
      everAnswered: false,
      responding: null,
      lastError: null,
      problemSince: null,
      checkedAt: null,
      lastPrintedAt: null,
      kick: () => {},
      running: Promise.resolve(),
    };
    workers.set(entry.printer.id, w);
  }
  for (const w of workers.values()) {
    w.running = run(w).catch((err: unknown) => o.logger.error({ err, printer: w.entry.printer.id }, 'print worker stopped'));
  }

  return {
    has: (id) => workers.has(id),
    enqueue(req) {
      const w = workers.get(req.printerId);
      if (!w) throw new Error(`no printer ${req.printerId}`);
      if (req.requestKey) {
        const existing = o.store.byRequestKey(req.requestedBy, req.requestKey);
        if (existing) return { job: existing, duplicate: true };
      }
      const job = newJob(req, o.newId(), o.clock.now());
      o.store.insert(job);
      w.kick();
      return { job, duplicate: false };
    },
    job: (id) => o.store.get(id),
    noteCheck(printerId, check) {
      const w = workers.get(printerId);
      if (w) noteCheck(o, w, check);
    },
    printers: () =>
      [...workers.values()].map((w) => printerView(w, o.store.countQueued(w.entry.printer.id))),
    onJobChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      stopping.abort();
      for (const wake of [...timers]) wake();
      // A job being sent finishes (or times out) first, so its status is recorded truthfully.
      await Promise.all([...workers.values()].map((w) => w.running));
    },
  };
}
