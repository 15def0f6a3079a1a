import { PrintBlockSchema, type PrintBlock, type PrintJobKind, type PrintJobStatus } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { PrintJob, PrintJobStore } from '../../ports/print-job-store.js';
import type { Db } from './database.js';

interface Row {
  id: string;
  printer_id: string;
  kind: string;
  status: string;
  blocks: string;
  requested_by: string;
  request_key: string | null;
  created_at: number;
  attempts: number;
  last_error: string | null;
  last_attempt_at: number | null;
  done_at: number | null;
  interrupted: number;
}

const Blocks = Type.Array(PrintBlockSchema);

function toJob(r: Row): PrintJob {
  const parsed: unknown = JSON.parse(r.blocks);
  // A row written by another hub version with blocks this one cannot render is failed, not printed wrong.
  const valid = Value.Check(Blocks, parsed);
  return {
    id: r.id,
    printerId: r.printer_id,
    kind: r.kind as PrintJobKind,
    status: valid || (r.status !== 'queued' && r.status !== 'sending') ? (r.status as PrintJobStatus) : 'failed',
    blocks: valid ? (parsed as PrintBlock[]) : [],
    requestedBy: r.requested_by,
    requestKey: r.request_key,
    createdAt: r.created_at,
    attempts: r.attempts,
    lastError: valid ? r.last_error : 'stored job has blocks this hub cannot print',
    lastAttemptAt: r.last_attempt_at,
    doneAt: r.done_at,
    interrupted: r.interrupted === 1,
  };
}

export function createSqlitePrintJobStore(db: Db): PrintJobStore {
  const insert = db.prepare(
    `INSERT INTO print_jobs (id, printer_id, kind, status, blocks, requested_by, request_key, created_at, attempts, last_error, last_attempt_at, done_at, interrupted)
     VALUES (@id, @printerId, @kind, @status, @blocks, @requestedBy, @requestKey, @createdAt, @attempts, @lastError, @lastAttemptAt, @doneAt, @interrupted)`,
  );
  const get = db.prepare('SELECT * FROM print_jobs WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM print_jobs WHERE requested_by = ? AND request_key = ?');
  const next = db.prepare("SELECT * FROM print_jobs WHERE printer_id = ? AND status IN ('queued', 'sending') ORDER BY n LIMIT 1");
  const count = db.prepare("SELECT COUNT(*) AS c FROM print_jobs WHERE printer_id = ? AND status IN ('queued', 'sending')");
  const sending = db.prepare("UPDATE print_jobs SET status = 'sending', last_attempt_at = ? WHERE id = ? AND status = 'queued'");
  const attempt = db.prepare(
    "UPDATE print_jobs SET status = 'queued', attempts = attempts + 1, last_error = ?, last_attempt_at = ?, interrupted = MAX(interrupted, ?) WHERE id = ? AND status IN ('queued', 'sending')",
  );
  const problem = db.prepare("UPDATE print_jobs SET last_error = ? WHERE id = ? AND status = 'sending'");
  const finish = db.prepare("UPDATE print_jobs SET status = ?, done_at = ?, last_error = COALESCE(?, last_error) WHERE id = ? AND status IN ('queued', 'sending')");
  const one = (r: unknown) => (r ? toJob(r as Row) : null);
  return {
    insert: (job) => void insert.run({ ...job, blocks: JSON.stringify(job.blocks), interrupted: job.interrupted ? 1 : 0 }),
    get: (id) => one(get.get(id)),
    byRequestKey: (by, key) => one(byKey.get(by, key)),
    nextQueued: (printerId) => one(next.get(printerId)),
    countQueued: (printerId) => (count.get(printerId) as { c: number }).c,
    markSending: (id, at) => void sending.run(at, id),
    recordFailedAttempt: (id, at, error, interrupted) => void attempt.run(error, at, interrupted ? 1 : 0, id),
    noteProblem: (id, error) => void problem.run(error, id),
    finish: (id, status, at, error) => void finish.run(status, at, error ?? null, id),
  };
}
