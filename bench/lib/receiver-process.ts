/**
 * A fleet of socket.io display clients in a process of its own, so the screens' work does not share an event
 * loop with the benchmark's publishers (on a real floor every screen is a machine of its own). Started by
 * bench/lib/remote-fleet.ts over an IPC channel.
 *
 * Arrival times are read from the system-wide monotonic clock (process.hrtime), the same clock the parent reads
 * before it publishes, so a latency is one subtraction across processes. Arrivals are buffered and sent to the
 * parent in batches every FLUSH_MS: the parent learns late, but the times are those of the arrival itself.
 *
 * The parent sends one `start` message: { url, auths, ready, kind }. `kind` says how to tag an arrival:
 *  - 'hub':   every non-recall call in an `events` batch → [windowNo, client, t]
 *  - 'probe': every message carrying `probe` → [probe, client, t]
 */
import { io, type Socket } from 'socket.io-client';

interface Start {
  url: string;
  auths: Array<Record<string, unknown>>;
  ready: 'snapshot' | 'connect';
  kind: 'hub' | 'probe';
}

export type ReceiverMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** hub: flat triples (window index into `windows`, client, t); probe: flat triples (probe, client, t) */
  | { type: 'arrivals'; windows: string[]; data: number[] }
  | { type: 'drops'; count: number }
  /** a call batch client 0 received (the first few), so a baseline can relay messages of the same shape */
  | { type: 'batch-sample'; json: string };

const FLUSH_MS = 25;
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const send = (m: ReceiverMessage): void => {
  process.send?.(m);
};

process.once('message', (raw) => {
  const start = raw as Start;
  const sockets: Socket[] = [];
  let closing = false;
  let drops = 0;
  let pending: number[] = [];
  const windowIndex = new Map<string, number>();
  const windows: string[] = [];
  const windowOf = (w: string): number => {
    let i = windowIndex.get(w);
    if (i === undefined) {
      i = windows.length;
      windows.push(w);
      windowIndex.set(w, i);
    }
    return i;
  };

  /** batches with a call that client 0 has reported so far */
  let sampled = 0;
  const onBatch = (client: number, batch: unknown): void => {
    const t = nowMs();
    if (!Array.isArray(batch)) return;
    if (client === 0 && sampled < 4 && start.kind === 'hub' && batch.some((e: { call?: unknown }) => e.call)) {
      sampled += 1;
      send({ type: 'batch-sample', json: JSON.stringify(batch) });
    }
    for (const e of batch as Array<{ call?: { windowNo: string; recall: boolean }; probe?: number }>) {
      if (start.kind === 'hub') {
        if (e.call && !e.call.recall) pending.push(windowOf(e.call.windowNo), client, t);
      } else if (e.probe !== undefined) {
        pending.push(e.probe, client, t);
      }
    }
  };

  const flush = setInterval(() => {
    if (pending.length === 0) return;
    send({ type: 'arrivals', windows: windows.slice(), data: pending });
    pending = [];
  }, FLUSH_MS);

  const connectOne = (i: number): Promise<void> => {
    const socket = io(start.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: start.auths[i], timeout: 20_000 });
    sockets[i] = socket;
    socket.on('events', (batch: unknown) => onBatch(i, batch));
    socket.on('disconnect', () => {
      if (!closing) {
        drops += 1;
        send({ type: 'drops', count: drops });
      }
    });
    return new Promise<void>((resolve, reject) => {
      socket.once(start.ready, () => resolve());
      socket.once('connect_error', (err: Error) => reject(new Error(`display client ${i}: ${err.message}`)));
    });
  };

  void (async () => {
    try {
      for (let i = 0; i < start.auths.length; i += 25) {
        await Promise.all(start.auths.slice(i, i + 25).map((_, k) => connectOne(i + k)));
      }
      send({ type: 'ready' });
    } catch (err) {
      send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  })();

  process.on('message', (m) => {
    if ((m as { type?: string }).type !== 'close') return;
    closing = true;
    clearInterval(flush);
    if (pending.length) send({ type: 'arrivals', windows: windows.slice(), data: pending });
    for (const s of sockets) s?.close();
    process.disconnect?.();
  });
});
