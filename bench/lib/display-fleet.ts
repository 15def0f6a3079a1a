import { io, type Socket } from 'socket.io-client';

export interface DisplayFleet {
  sockets: Socket[];
  /** disconnections the benchmark did not ask for (a healthy run has none) */
  drops(): number;
  close(): void;
}

export interface DisplayFleetOptions {
  /** e.g. http://127.0.0.1:1234/display */
  url: string;
  count: number;
  /** the handshake `auth` of client i */
  auth: (i: number) => Record<string, unknown>;
  /** called with every `events` batch client i receives, as soon as it arrives */
  onEvents: (i: number, batch: unknown) => void;
  /** resolve once every client got its first `snapshot` (hub) or just connected (a relay sends none) */
  ready: 'snapshot' | 'connect';
  timeoutMs?: number;
}

/**
 * Connects `count` socket.io clients, each on its own WebSocket (as each screen is a machine of its own), a few
 * dozen at a time, and waits until every one is ready.
 */
export async function connectDisplays(o: DisplayFleetOptions): Promise<DisplayFleet> {
  const sockets: Socket[] = [];
  let drops = 0;
  let closing = false;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const deadline = performance.now() + timeoutMs;
  const connectOne = (i: number): Promise<void> => {
    const socket = io(o.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: o.auth(i), timeout: 20_000 });
    sockets[i] = socket;
    socket.on('events', (batch: unknown) => o.onEvents(i, batch));
    socket.on('disconnect', () => {
      if (!closing) drops += 1;
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`display client ${i} not ready within ${timeoutMs} ms`)), Math.max(1, deadline - performance.now()));
      socket.once(o.ready, () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (err: Error) => {
        clearTimeout(timer);
        reject(new Error(`display client ${i}: ${err.message}`));
      });
    });
  };
  const fleet: DisplayFleet = {
    sockets,
    drops: () => drops,
    close() {
      closing = true;
      for (const s of sockets) s?.close();
    },
  };
  try {
    for (let i = 0; i < o.count; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, o.count - i) }, (_, k) => connectOne(i + k)));
    }
  } catch (err) {
    fleet.close();
    throw err;
  }
  return fleet;
}
