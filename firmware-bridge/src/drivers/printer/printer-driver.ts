import {
  DLE_EOT,
  STATUS_QUERIES,
  UNKNOWN_STATUS,
  countStatusQueries,
  decodeStatusAnswers,
  statusProblem,
  type PrinterReport,
  type PrinterState,
  type PrinterStatus,
} from '@hall/shared';
import type { Logger } from 'pino';
import { openCharDevice, type CharDevice } from './char-device.js';
import { createStatusAnswers } from './status-answers.js';

export interface PrinterDriverConfig {
  id: string;
  path: string;
  /** false: a printer that cannot answer (a one-way link): a job is done once the device file took every byte */
  bidirectional: boolean;
  statusTimeoutMs: number;
  confirmTimeoutMs: number;
  checkIntervalMs: number;
  reopenMs: number;
}

export interface PrinterDriver {
  start(): void;
  /** prints one job (jobs run one at a time, in order); a job id already printed is answered again, not reprinted */
  print(jobId: string, bytes: Buffer): void;
  close(): Promise<void>;
}

export interface PrinterDriverEvents {
  report(r: PrinterReport): void;
  state(s: PrinterState): void;
  availability(online: boolean): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A kiosk's own receipt printer on a device file. The same questions and the same rule as the hub's network
 * printers: DLE EOT 1, 2, 4 before a job (a printer that says cover open, paper out or offline gets no job), one
 * more DLE EOT 1 after it, and the job is done once every question in the stream is answered. The printer's state
 * is asked again every `checkIntervalMs` while idle, so paper running out is reported before a visitor finds out.
 */
export function createPrinterDriver(cfg: PrinterDriverConfig, events: PrinterDriverEvents, logger: Logger): PrinterDriver {
  let device: CharDevice | null = null;
  let closed = false;
  let everAnswered = false;
  let lastState = '';
  const answers = createStatusAnswers();
  let chain: Promise<void> = Promise.resolve();
  const results = new Map<string, PrinterReport>();
  const inFlight = new Set<string>();
  let checkTimer: NodeJS.Timeout | null = null;
  let reopenTimer: NodeJS.Timeout | null = null;

  const waitAnswers = (n: number, ms: number) => answers.waitFor(n, ms, () => device !== null && !closed);

  const publishState = (portOpen: boolean, status: PrinterStatus, answered: boolean, problem: string | null) => {
    const s: PrinterState = { portOpen, answered, ...status, problem };
    const key = JSON.stringify(s);
    if (key === lastState) return;
    lastState = key;
    events.state(s);
  };

  async function ask(): Promise<{ status: PrinterStatus; answered: boolean }> {
    answers.clear();
    await device!.write(STATUS_QUERIES);
    await waitAnswers(3, cfg.statusTimeoutMs);
    const answered = answers.bytes.length > 0;
    if (answered) everAnswered = true;
    return { status: answered ? decodeStatusAnswers(answers.bytes.slice(0, 3)) : UNKNOWN_STATUS, answered };
  }

  function lost(err: unknown): void {
    if (!device) return;
    logger.warn({ printer: cfg.id, err: message(err) }, 'printer device failed; reopening');
    const d = device;
    device = null;
    void d.close().catch(() => undefined);
    events.availability(false);
    publishState(false, UNKNOWN_STATUS, false, `打印机连接中断 the printer’s device failed: ${message(err)}`);
    scheduleReopen();
  }

  function scheduleReopen(): void {
    if (closed || reopenTimer) return;
    reopenTimer = setTimeout(() => {
      reopenTimer = null;
      void open();
    }, cfg.reopenMs);
  }

  async function open(): Promise<void> {
    try {
      device = await openCharDevice(
        cfg.path,
        (bytes) => answers.take(bytes),
        (err) => lost(err),
      );
      events.availability(true);
      logger.info({ printer: cfg.id, path: cfg.path }, 'printer device open');
      void check();
    } catch (err) {
      publishState(false, UNKNOWN_STATUS, false, `打印机未连接 cannot open ${cfg.path}: ${message(err)}`);
      scheduleReopen();
    }
  }

  /** The idle check, in the job chain so it never interleaves with a job's questions. */
  function check(): Promise<void> {
    chain = chain.then(async () => {
      if (!device || closed) return;
      try {
        const { status, answered } = await ask();
        const silent = !answered && everAnswered && cfg.bidirectional;
        publishState(true, status, answered, statusProblem(status) ?? (silent ? '打印机无应答（卡纸？） the printer stopped answering (jammed?)' : null));
      } catch (err) {
        lost(err);
      }
    });
    return chain;
  }

  async function runJob(jobId: string, bytes: Buffer): Promise<PrinterReport> {
    const fail = (partial: boolean, error: string, status: PrinterStatus = UNKNOWN_STATUS, answered = false): PrinterReport => ({ event: 'print-result', jobId, ok: false, partial, error, status, answered });
    if (!device) return fail(false, `打印机未连接 the printer’s device ${cfg.path} is not open`);
    let status: PrinterStatus;
    let answered: boolean;
    try {
      ({ status, answered } = await ask());
    } catch (err) {
      lost(err);
      return fail(false, `the printer’s device failed before the job: ${message(err)}`);
    }
    const problem = statusProblem(status);
    publishState(true, status, answered, problem);
    if (problem) return fail(false, problem, status, answered);
    const expected = 3 + countStatusQueries(bytes) + 1;
    try {
      await device.write(bytes);
      await device.write(DLE_EOT.printer);
    } catch (err) {
      lost(err);
      return fail(true, `job interrupted: ${message(err)}`, status, answered);
    }
    // A one-way link (or a printer that has never answered) can say no more than "the device took every byte".
    if (!cfg.bidirectional || !everAnswered) return { event: 'print-result', jobId, ok: true, partial: false, error: null, status, answered };
    if (!(await waitAnswers(expected, cfg.confirmTimeoutMs))) {
      if (!device) return fail(true, 'the printer’s device failed before it confirmed the job', status, answered);
      events.report({ event: 'print-unconfirmed', jobId, error: `打印机未确认收到（卡纸或盖未合上？） no answer ${Math.round(cfg.confirmTimeoutMs / 1000)} s after the job` });
      publishState(true, status, false, '打印机无应答（卡纸？） the printer has not confirmed the job');
      // Never given up here: the hub decides when a job is too old; the bytes are with the printer either way.
      while (!(await waitAnswers(expected, 60_000))) {
        if (!device || closed) return fail(true, 'the printer’s device failed before it confirmed the job', status, answered);
      }
    }
    publishState(true, status, true, null);
    return { event: 'print-result', jobId, ok: true, partial: false, error: null, status, answered: true };
  }

  return {
    start() {
      void open();
      checkTimer = setInterval(() => void check(), cfg.checkIntervalMs);
      checkTimer.unref();
    },
    print(jobId, bytes) {
      const done = results.get(jobId);
      if (done) return events.report(done);
      if (inFlight.has(jobId)) return; // a redelivery of the job being printed
      inFlight.add(jobId);
      chain = chain.then(async () => {
        const r = await runJob(jobId, bytes).catch((err: unknown) => ({ event: 'print-result', jobId, ok: false, partial: true, error: message(err), status: UNKNOWN_STATUS, answered: false }) as const);
        inFlight.delete(jobId);
        if (r.event === 'print-result' && r.ok) {
          results.set(jobId, r);
          if (results.size > 50) results.delete(results.keys().next().value!);
        }
        events.report(r);
      });
    },
    async close() {
      closed = true;
      if (checkTimer) clearInterval(checkTimer);
      if (reopenTimer) clearTimeout(reopenTimer);
      answers.poke();
      await chain.catch(() => undefined);
      await device?.close();
      device = null;
    },
  };
}
