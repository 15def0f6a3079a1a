import { createServer, type Server, type Socket } from 'node:net';
import { readEscpos } from './escpos-reader.js';

export interface Connection {
  /** every byte the printer has read (and so would print), DLE EOT queries included */
  bytes: Buffer;
  /** the client closed its side after sending, and the printer read up to it */
  ended: boolean;
  /** the connection was reset (by the client or by a power cycle) */
  reset: boolean;
}

/** What the printer's sensors say; the DLE EOT answers are made from it, as an Epson TM-T88 makes them. */
export interface PrinterState {
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  /** a jam or cutter error (DLE EOT 2 bit 6) */
  error: boolean;
}

/**
 * A real TCP server standing in for a network thermal printer on its raw port, written to behave like an Epson:
 * it reads the stream in order and answers every DLE EOT n it reads (n = 1, 2, 3, 4) with its status byte — or
 * stays silent, as some printers do; it can stop reading (a jam, the cover opened mid-job: the hub's bytes pile
 * up in the kernel), start a connection without reading (jammed before the job), be switched off (every
 * connection reset, new ones refused) and on again on the same port, and it records what each connection made
 * it read — what would be on paper.
 */
export interface FakePrinter {
  port: number;
  connections: Connection[];
  state: PrinterState;
  /** false: answers no DLE EOT at all */
  answersStatus: boolean;
  /** the DLE EOT 4 answer as one knob (0x12 paper present, 0x72 paper end, null no answers), as older callers set it */
  paperStatus: number | null;
  /** the next connection that carries a job is reset (RST) once this many bytes arrived */
  resetNextJobAfter(bytes: number): void;
  /** the next connection that carries a job stops reading once it has read this many bytes (for `ms`, or until `resume`) */
  stallNextJobAfter(bytes: number, ms?: number): void;
  /** the next connection reads nothing (no status answer either) for this long, then carries on */
  jamNextConnectionFor(ms: number): void;
  /** the stalled connections read on */
  resume(): void;
  /** connections that carried more than status queries */
  jobs(): Connection[];
  /** whole jobs read: the QR code printed and the cut after it */
  complete(): Connection[];
  /** a connection is waiting in a stall (resolves at once if one is) */
  stalled(): Promise<void>;
  /** switched off: every connection reset, new ones refused */
  powerOff(): Promise<void>;
  powerOn(): Promise<void>;
  /** stop as a test's clean-up does (close connections, stop listening) */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const isQuery = (b: Buffer, i: number) => b[i] === 0x10 && b[i + 1] === 0x04 && b[i + 2]! >= 1 && b[i + 2]! <= 4;

/** The stream has a byte past the DLE EOT queries it starts with: it carries a job. */
function carriesJob(b: Buffer): boolean {
  let i = 0;
  while (isQuery(b, i)) i += 3;
  return b.length > i;
}

export function answerTo(n: number, s: PrinterState): number {
  const offline = s.coverOpen || s.paperEnd || s.error;
  if (n === 1) return 0x12 | (offline ? 0x08 : 0);
  if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0) | (s.error ? 0x40 : 0);
  if (n === 4) return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0);
  return 0x12;
}

export async function fakePrinter(): Promise<FakePrinter> {
  const sockets = new Map<Socket, Connection>();
  const resumers = new Set<() => void>();
  const stallWaiters = new Set<() => void>();
  let resetAfter: number | null = null;
  let stallAfter: number | null = null;
  let stallFor: number | undefined;
  let jamFor: number | null = null;
  let server: Server | null = null;
  const fp: FakePrinter = {
    port: 0,
    connections: [],
    state: { coverOpen: false, paperEnd: false, paperNearEnd: false, error: false },
    answersStatus: true,
    get paperStatus() {
      return fp.answersStatus ? answerTo(4, fp.state) : null;
    },
    set paperStatus(byte: number | null) {
      fp.answersStatus = byte !== null;
      if (byte !== null) Object.assign(fp.state, { paperEnd: (byte & 0x60) !== 0, paperNearEnd: (byte & 0x0c) !== 0 });
    },
    resetNextJobAfter: (n) => void (resetAfter = n),
    stallNextJobAfter: (n, ms) => void ((stallAfter = n), (stallFor = ms)),
    jamNextConnectionFor: (ms) => void (jamFor = ms),
    resume: () => {
      for (const r of [...resumers]) r();
    },
    jobs: () => fp.connections.filter((c) => carriesJob(c.bytes)),
    complete: () =>
      fp.jobs().filter((c) => {
        const read = readEscpos(c.bytes);
        return read.qr.some((q) => q.printed) && read.commands.includes('1d5601');
      }),
    stalled: () => new Promise<void>((resolve) => (resumers.size > 0 ? resolve() : stallWaiters.add(resolve))),
    async powerOff() {
      for (const [s, conn] of sockets) {
        conn.reset = true;
        s.resetAndDestroy();
      }
      resumers.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    powerOn: () => fp.start(),
    async stop() {
      for (const s of sockets.keys()) s.destroy();
      resumers.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    async start() {
      // Half-open allowed: the printer closes its side only once it has read up to the client's FIN, not when
      // Node has buffered it.
      const srv = createServer({ allowHalfOpen: true }, (socket) => {
        const conn: Connection = { bytes: Buffer.alloc(0), ended: false, reset: false };
        sockets.set(socket, conn);
        fp.connections.push(conn);
        /** bytes received and not read yet (while stalled or jammed) */
        let unread = Buffer.alloc(0);
        let scanned = 0;
        let paused = false;
        let resetAt: number | null = null;
        let stallAt: number | null = null;
        let stallMs: number | undefined;
        let finRead = false;
        let finSeen = false;

        const pause = (ms?: number) => {
          paused = true;
          socket.pause();
          const resume = () => {
            resumers.delete(resume);
            paused = false;
            socket.resume();
            read();
          };
          resumers.add(resume);
          for (const w of [...stallWaiters]) {
            stallWaiters.delete(w);
            w();
          }
          if (ms !== undefined) setTimeout(resume, ms);
        };
        const read = () => {
          while (!paused && unread.length > 0) {
            // Armed on the first byte after the status queries a sender asks first (however many): the next
            // connection that carries a job.
            if (carriesJob(Buffer.concat([conn.bytes, unread]))) {
              if (resetAt === null && resetAfter !== null) [resetAt, resetAfter] = [resetAfter, null];
              if (stallAt === null && stallAfter !== null) [stallAt, stallMs, stallAfter, stallFor] = [stallAfter, stallFor, null, undefined];
            }
            let take = unread.length;
            if (stallAt !== null) take = Math.min(take, Math.max(0, stallAt - conn.bytes.length));
            if (resetAt !== null) take = Math.min(take, Math.max(0, resetAt - conn.bytes.length));
            conn.bytes = Buffer.concat([conn.bytes, unread.subarray(0, take)]);
            unread = unread.subarray(take);
            // Answer every query read so far, in order (a query may straddle two reads).
            for (; scanned + 2 < conn.bytes.length; scanned++) {
              if (isQuery(conn.bytes, scanned)) {
                if (fp.answersStatus && !socket.destroyed) socket.write(Buffer.from([answerTo(conn.bytes[scanned + 2]!, fp.state)]));
                scanned += 2;
              }
            }
            if (resetAt !== null && conn.bytes.length >= resetAt) {
              conn.reset = true;
              socket.resetAndDestroy();
              return;
            }
            if (stallAt !== null && conn.bytes.length >= stallAt) {
              stallAt = null;
              pause(stallMs);
            }
          }
          if (!paused && finSeen && unread.length === 0 && !finRead) {
            finRead = true;
            conn.ended = true;
            socket.end();
          }
        };
        socket.on('data', (d: Buffer) => {
          unread = Buffer.concat([unread, d]);
          read();
        });
        socket.on('end', () => {
          finSeen = true;
          read();
        });
        socket.on('error', () => (conn.reset = true));
        socket.on('close', () => sockets.delete(socket));
        if (jamFor !== null) {
          pause(jamFor);
          jamFor = null;
        }
      });
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(fp.port, '127.0.0.1', () => resolve());
      });
      fp.port = (srv.address() as { port: number }).port;
      server = srv;
    },
  };
  await fp.start();
  return fp;
}
