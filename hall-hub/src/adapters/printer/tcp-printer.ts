import { connect, type Socket } from 'node:net';
import type { PaperState, Printer, PrinterCheck, PrintOutcome } from '../../ports/printer.js';
import { buildEscpos } from './escpos.js';
import type { Rasterizer } from './raster.js';

export interface TcpLinkOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** how long to wait for the answer to DLE EOT; no answer means "unknown", not an error */
  statusTimeoutMs?: number;
  /** the printer stops taking data (paper jam, buffer full) for this long: the job failed */
  idleTimeoutMs?: number;
  /** after the last byte, how long to wait for the printer to close its side */
  closeGraceMs?: number;
}

/** DLE EOT 4: transmit paper sensor status (Epson ESC/POS reference, "DLE EOT"). */
const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

/**
 * The paper status byte: bits 1 and 4 are always set and bits 0 and 7 clear, so a byte that does not match
 * is not an answer to us. Bits 5–6: paper end; bits 2–3: paper near end.
 */
export function decodePaperStatus(byte: number | null): PaperState {
  if (byte === null || (byte & 0x93) !== 0x12) return 'unknown';
  if (byte & 0x60) return 'out';
  if (byte & 0x0c) return 'near-end';
  return 'ok';
}

function open(o: TcpLinkOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: o.host, port: o.port });
    const timer = setTimeout(() => socket.destroy(new Error(`no connection within ${o.connectTimeoutMs ?? 3000} ms`)), o.connectTimeoutMs ?? 3000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Errors are read where they matter (firstByte, writeAll); this one only keeps a late one from crashing the hub.
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The first byte the printer sends within `ms`, or null; rejects if the connection breaks meanwhile. */
function firstByte(socket: Socket, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('data', onData).off('error', onError).off('close', onClose);
    };
    const onData = (d: Buffer) => (done(), resolve(d[0] ?? null));
    const onError = (err: Error) => (done(), reject(err));
    const onClose = () => (done(), reject(new Error('the printer closed the connection')));
    const timer = setTimeout(() => (done(), resolve(null)), ms);
    socket.on('data', onData).on('error', onError).on('close', onClose);
  });
}

/**
 * Writes the job, then closes our side and waits for the connection to close cleanly: only then has the
 * printer taken every byte. An error or reset on the way means the job must be sent again.
 */
function writeAll(socket: Socket, job: Buffer, o: TcpLinkOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let flushed = false;
    let failure: Error | null = null;
    let grace: NodeJS.Timeout | undefined;
    socket.on('data', () => {}); // late status answers: read and dropped
    socket.setTimeout(o.idleTimeoutMs ?? 10_000, () => socket.destroy(new Error('the printer stopped taking data')));
    socket.on('error', (err) => (failure ??= err));
    socket.once('close', () => {
      clearTimeout(grace);
      if (failure) reject(failure);
      else if (!flushed) reject(new Error('the connection closed before the whole job was sent'));
      else resolve();
    });
    socket.end(job, () => {
      flushed = true;
      // Some print servers never close their side; the data is with the printer by now.
      grace = setTimeout(() => socket.destroy(), o.closeGraceMs ?? 3000);
    });
  });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One job per connection, as node-thermal-printer's tcp:// interface does, but with delivery confirmed. */
export async function sendJob(job: Buffer, o: TcpLinkOptions): Promise<PrintOutcome> {
  let socket: Socket;
  try {
    socket = await open(o);
  } catch (err) {
    return { ok: false, retry: true, reachable: false, paper: 'unknown', error: `cannot reach the printer: ${message(err)}` };
  }
  let paper: PaperState = 'unknown';
  try {
    socket.write(DLE_EOT_PAPER);
    paper = decodePaperStatus(await firstByte(socket, o.statusTimeoutMs ?? 300));
    if (paper === 'out') {
      socket.destroy();
      return { ok: false, retry: true, reachable: true, paper, error: 'paper out' };
    }
    await writeAll(socket, job, o);
    return { ok: true, paper };
  } catch (err) {
    socket.destroy();
    return { ok: false, retry: true, reachable: true, paper, error: `job interrupted: ${message(err)}` };
  }
}

/** Whether the printer accepts a connection, and what it says of its paper. */
export async function checkPrinter(o: TcpLinkOptions): Promise<PrinterCheck> {
  let socket: Socket;
  try {
    socket = await open(o);
  } catch (err) {
    return { reachable: false, paper: 'unknown', error: `cannot reach the printer: ${message(err)}` };
  }
  try {
    socket.write(DLE_EOT_PAPER);
    const paper = decodePaperStatus(await firstByte(socket, o.statusTimeoutMs ?? 300));
    return { reachable: true, paper, error: paper === 'out' ? 'paper out' : null };
  } catch (err) {
    return { reachable: true, paper: 'unknown', error: message(err) };
  } finally {
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
    async print(job) {
      let bytes: Buffer;
      try {
        bytes = await buildEscpos(job.blocks, { widthDots: o.widthDots, columns, rasterizer: o.rasterizer });
      } catch (err) {
        // The job itself is bad (not the printer): sending it again would not help.
        return { ok: false, retry: false, reachable: true, paper: 'unknown', error: `cannot build the job: ${message(err)}` };
      }
      return sendJob(bytes, o);
    },
    check: () => checkPrinter(o),
  };
}
