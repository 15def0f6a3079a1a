import { connect, type Socket } from 'node:net';
import { DLE_EOT, STATUS_QUERIES, UNKNOWN_STATUS, countStatusQueries, decodeStatusAnswers, isStatusByte, statusProblem } from '@hall/shared';
import type { PrintAttempt, Printer, PrinterCheck, PrintOutcome, PrinterStatus } from '../../ports/printer.js';
import { buildEscpos } from './escpos.js';
import type { Rasterizer } from './raster.js';

export interface TcpLinkOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** how long to wait for the answers to the status queries before a job; none means "cannot say", and it is sent */
  statusTimeoutMs?: number;
  /** no confirmation this long after the job went out: the printer is flagged (jam, cover open) — and still waited for */
  confirmTimeoutMs?: number;
  /** no confirmation this long: the job is given up as failed (never sent again: it may be on paper by now) */
  giveUpMs?: number;
  /** TCP keep-alive while waiting: a printer switched off and on answers a probe with a reset, which ends the wait */
  keepAliveMs?: number;
  /** after the confirmation, how long to wait for the printer to close its side before we let go */
  closeGraceMs?: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function open(o: TcpLinkOptions): Promise<Socket> {
  const ms = o.connectTimeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: o.host, port: o.port });
    const timer = setTimeout(() => socket.destroy(new Error(`no connection within ${ms} ms`)), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A connection's answers and fate, as one object: every status byte in order, and how it ended. */
interface Conversation {
  answers: number[];
  /** the printer closed its side (FIN) */
  ended: boolean;
  /** reset, broken pipe, or closed before we finished writing */
  failure: Error | null;
  closed: boolean;
  /** resolves at the next answer, end, failure or close — or after `ms` */
  next(ms: number): Promise<void>;
}

function converse(socket: Socket): Conversation {
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const c: Conversation = {
    answers: [],
    ended: false,
    failure: null,
    closed: false,
    next: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => poke(), ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
  // Answers are single bytes; anything else a printer says (a print server's banner) is not counted.
  socket.on('data', (d: Buffer) => {
    for (const b of d) if (isStatusByte(b)) c.answers.push(b);
    poke();
  });
  socket.on('end', () => ((c.ended = true), poke()));
  socket.on('error', (err) => ((c.failure ??= err), poke()));
  socket.on('close', () => ((c.closed = true), poke()));
  return c;
}

/** Waits until `done()` holds or the connection ends or breaks; false when `ms` ran out first. */
async function waitFor(c: Conversation, done: () => boolean, ms: number, signal?: AbortSignal): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (c.failure || c.closed || signal?.aborted) return false;
    const left = until - Date.now();
    if (left <= 0) return false;
    await c.next(Math.min(left, 1000));
  }
  return true;
}

/** Asks DLE EOT 1, 2, 4 and reads what came back within the time. */
async function askStatus(c: Conversation, socket: Socket, ms: number): Promise<{ status: PrinterStatus; answered: boolean }> {
  socket.write(STATUS_QUERIES);
  await waitFor(c, () => c.answers.length >= 3, ms);
  return { status: c.answers.length > 0 ? decodeStatusAnswers(c.answers.slice(0, 3)) : UNKNOWN_STATUS, answered: c.answers.length > 0 };
}

/**
 * One job per connection, delivered so the printer confirms it:
 * 1. ask DLE EOT 1, 2, 4; a printer that says its cover is open, its paper is out or it is offline gets no job
 *    (the connection is closed before any job byte, so nothing half-prints);
 * 2. send the job, one more DLE EOT 1 after it, and FIN;
 * 3. done when the printer has answered every question the stream asked (the last one comes after the job's last
 *    byte), or has closed its side after our FIN — a printer that reads everything closes cleanly.
 * Until then the job is waiting, never reset by us: a jammed printer that is cleared prints it whole. A reset
 * from the printer (switched off, restarted) after job bytes went out means part of it may be on paper.
 */
export async function sendJob(job: Buffer, o: TcpLinkOptions, attempt?: PrintAttempt): Promise<PrintOutcome> {
  let socket: Socket;
  try {
    socket = await open(o);
  } catch (err) {
    return { ok: false, retry: true, reachable: false, status: UNKNOWN_STATUS, answered: false, partial: false, error: `cannot reach the printer: ${message(err)}` };
  }
  const c = converse(socket);
  const { status, answered } = await askStatus(c, socket, o.statusTimeoutMs ?? 500);
  const broken = c.failure ?? (c.closed ? new Error('the printer closed the connection') : null);
  const problem = broken ? `the connection broke before the job: ${message(broken)}` : statusProblem(status);
  if (problem) {
    socket.end();
    setTimeout(() => socket.destroy(), o.closeGraceMs ?? 3000).unref();
    return { ok: false, retry: true, reachable: true, status, answered, partial: false, error: problem };
  }

  socket.setKeepAlive(true, o.keepAliveMs ?? 5000);
  // every question in the stream is answered, in order: ours before, any inside raster data, ours after
  const expected = 3 + countStatusQueries(job) + 1;
  socket.write(job);
  socket.end(DLE_EOT.printer);
  const confirmed = () => c.answers.length >= expected || (c.ended && socket.writableFinished && !c.failure);
  const started = Date.now();
  const confirmMs = o.confirmTimeoutMs ?? 10_000;
  const giveUpMs = o.giveUpMs ?? 30 * 60_000;
  let flagged = false;
  while (!confirmed()) {
    const limit = flagged ? giveUpMs : confirmMs;
    if (await waitFor(c, confirmed, limit - (Date.now() - started), attempt?.signal)) break;
    if (c.failure || (c.closed && !confirmed())) {
      socket.destroy();
      const why = c.failure ? message(c.failure) : 'the printer closed the connection before taking the whole job';
      return { ok: false, retry: true, reachable: true, status, answered, partial: true, error: `job interrupted: ${why}` };
    }
    if (attempt?.signal.aborted) {
      // The hub is stopping: leave the connection to the printer rather than reset it; the job stays `sending`.
      socket.unref();
      return { ok: false, retry: true, reachable: true, status, answered, partial: true, error: 'the hub stopped before the printer confirmed' };
    }
    if (!flagged) {
      flagged = true;
      attempt?.onUnconfirmed(`打印机未确认收到（卡纸或盖未合上？） the printer has not confirmed the job after ${Math.round(confirmMs / 1000)} s`);
      continue;
    }
    socket.unref();
    return { ok: false, retry: false, reachable: true, status, answered, partial: true, error: `the printer never confirmed the job (waited ${Math.round(giveUpMs / 60_000)} min)` };
  }
  // Confirmed: every byte is with the printer; its own close (or our grace) ends the connection.
  if (!c.closed) setTimeout(() => socket.destroy(), o.closeGraceMs ?? 3000).unref();
  return { ok: true, status, answered: answered || c.answers.length > 0 };
}

/** Whether the printer accepts a connection, and what it says of itself. */
export async function checkPrinter(o: TcpLinkOptions): Promise<PrinterCheck> {
  let socket: Socket;
  try {
    socket = await open(o);
  } catch (err) {
    return { reachable: false, status: UNKNOWN_STATUS, answered: false, error: `cannot reach the printer: ${message(err)}` };
  }
  const c = converse(socket);
  try {
    const { status, answered } = await askStatus(c, socket, o.statusTimeoutMs ?? 500);
    return { reachable: true, status, answered, error: statusProblem(status) };
  } finally {
    // Nothing but questions was sent: closing here loses nothing.
    socket.destroy();
  }
}

export interface EscposTcpPrinterOptions extends TcpLinkOptions {
  id: string;
  widthDots: number;
  rasterizer: Rasterizer;
}

/** A network thermal printer on its raw port (9100). */
export function createEscposTcpPrinter(o: EscposTcpPrinterOptions): Printer {
  const columns = Math.floor(o.widthDots / 12);
  return {
    id: o.id,
    kind: 'escpos-tcp',
    async print(job, attempt) {
      let bytes: Buffer;
      try {
        bytes = await buildEscpos(job.blocks, { widthDots: o.widthDots, columns, rasterizer: o.rasterizer });
      } catch (err) {
        // The job itself is bad (not the printer): sending it again would not help.
        return { ok: false, retry: false, reachable: true, status: UNKNOWN_STATUS, answered: false, partial: false, error: `cannot build the job: ${message(err)}` };
      }
      return sendJob(bytes, o, attempt);
    },
    check: () => checkPrinter(o),
  };
}
