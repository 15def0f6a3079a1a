import { PrinterReportSchema, PrinterStateSchema, UNKNOWN_STATUS, type PrintCommand, type PrinterReport, type PrinterState } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import type { PrintAttempt, Printer, PrinterCheck, PrintOutcome } from '../../ports/printer.js';
import { buildEscpos } from './escpos.js';
import type { Rasterizer } from './raster.js';

export interface BridgePrinterOptions {
  id: string;
  /** the printer's device id: the bridge on the kiosk PC serves it */
  deviceId: string;
  widthDots: number;
  rasterizer: Rasterizer;
  /** publishes on the device's `set` topic; false when the hub has no MQTT link right now */
  send(command: PrintCommand): boolean;
  /** whether the device (and its bridge) is online */
  online(): boolean;
  /** no outcome this long after the job went out: the printer is flagged (and still waited for) */
  confirmTimeoutMs?: number;
  /** no outcome this long: given up (not sent again: it may be on paper by now) */
  giveUpMs?: number;
}

export interface BridgePrinter extends Printer {
  /** a message the printer's bridge published on its `event` or `state` topic (validated here) */
  receive(channel: 'event' | 'state', value: unknown): 'ok' | 'invalid';
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A kiosk's own USB or serial printer, driven by the firmware bridge on the kiosk PC: the job goes as ESC/POS
 * bytes over MQTT, and the bridge tells when the printer confirmed it (the same rule as a network printer). The
 * print queue sees just another printer.
 */
export function createBridgePrinter(o: BridgePrinterOptions): BridgePrinter {
  const columns = Math.floor(o.widthDots / 12);
  let state: PrinterState | null = null;
  const waiting = new Map<string, { resolve: (r: PrinterReport) => void; unconfirmed: (error: string) => void }>();

  const check = (): PrinterCheck => {
    if (!o.online() || state === null || !state.portOpen) {
      return { reachable: false, status: UNKNOWN_STATUS, answered: false, error: state?.problem ?? '自助机打印机离线 the kiosk printer (or its bridge) is offline' };
    }
    const { offline, coverOpen, error, paper } = state;
    return { reachable: true, status: { offline, coverOpen, error, paper }, answered: state.answered, error: state.problem };
  };

  async function print(job: { id: string; blocks: Parameters<typeof buildEscpos>[0] }, attempt: PrintAttempt): Promise<PrintOutcome> {
    let bytes: Buffer;
    try {
      bytes = await buildEscpos(job.blocks, { widthDots: o.widthDots, columns, rasterizer: o.rasterizer });
    } catch (err) {
      return { ok: false, retry: false, reachable: true, status: UNKNOWN_STATUS, answered: false, partial: false, error: `cannot build the job: ${message(err)}` };
    }
    const now = check();
    if (!now.reachable) return { ok: false, retry: true, reachable: false, status: UNKNOWN_STATUS, answered: false, partial: false, error: now.error ?? 'offline' };
    const result = new Promise<PrinterReport | 'gave-up' | 'stopping'>((resolve) => {
      let flagged = false;
      const timers: NodeJS.Timeout[] = [];
      // A bridge that goes away mid-job (the kiosk PC restarted) will never report it: count it as cut off.
      const watch = setInterval(() => {
        if (!o.online()) finish({ event: 'print-result', jobId: job.id, ok: false, partial: true, error: 'the kiosk printer went offline during the job', status: UNKNOWN_STATUS, answered: false });
      }, 1000);
      const finish = (r: PrinterReport | 'gave-up' | 'stopping') => {
        for (const t of timers) clearTimeout(t);
        clearInterval(watch);
        waiting.delete(job.id);
        attempt.signal.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const onAbort = () => finish('stopping');
      const flag = (error: string) => {
        if (flagged) return;
        flagged = true;
        attempt.onUnconfirmed(error);
      };
      waiting.set(job.id, { resolve: finish, unconfirmed: flag });
      attempt.signal.addEventListener('abort', onAbort);
      timers.push(setTimeout(() => flag('打印机未确认收到 the kiosk printer has not confirmed the job'), o.confirmTimeoutMs ?? 15_000));
      timers.push(setTimeout(() => finish('gave-up'), o.giveUpMs ?? 30 * 60_000));
    });
    // QoS 1 from the hub; the bridge answers once per job id (a repeat of a job it is printing is ignored there).
    if (!o.send({ command: 'print', jobId: job.id, data: bytes.toString('base64') })) {
      waiting.get(job.id)?.resolve({ event: 'print-result', jobId: job.id, ok: false, partial: false, error: 'no MQTT link to the kiosk', status: UNKNOWN_STATUS, answered: false });
    }
    const r = await result;
    if (r === 'stopping') return { ok: false, retry: true, reachable: true, status: UNKNOWN_STATUS, answered: false, partial: true, error: 'the hub stopped before the printer confirmed' };
    if (r === 'gave-up') return { ok: false, retry: false, reachable: true, status: UNKNOWN_STATUS, answered: false, partial: true, error: 'the kiosk printer never confirmed the job' };
    if (r.event !== 'print-result') throw new Error('unreachable');
    if (r.ok) return { ok: true, status: r.status, answered: r.answered };
    return { ok: false, retry: true, reachable: true, status: r.status, answered: r.answered, partial: r.partial, error: r.error ?? 'not printed' };
  }

  return {
    id: o.id,
    kind: 'bridge',
    print,
    check: async () => check(),
    receive(channel, value) {
      if (channel === 'state') {
        if (!Value.Check(PrinterStateSchema, value)) return 'invalid';
        state = value;
        return 'ok';
      }
      if (!Value.Check(PrinterReportSchema, value)) return 'invalid';
      const w = waiting.get(value.jobId);
      if (w && value.event === 'print-result') w.resolve(value);
      else if (w && value.event === 'print-unconfirmed') w.unconfirmed(value.error);
      return 'ok';
    },
  };
}
