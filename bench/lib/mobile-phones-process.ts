/**
 * A crowd of phone pages long-polling in a process of their own, so the phones' work does not share an event
 * loop with the hub's or the benchmark's. Started by bench/lib/mobile-phones.ts over an IPC channel.
 *
 * Each phone does what kiosk/mobile/src/watch-ticket.ts does in a browser: GET, then GET again with
 * If-None-Match (held by the server until the state changes, or 304 after the hold), over one keep-alive
 * connection of its own (a phone is a browser of its own). A failed request is counted and retried after a
 * growing pause, as the page retries; nothing a server does can end the process with an unhandled error.
 *
 * Every 200 is reported as (phone, t, key): t from the system-wide monotonic clock the parent reads before a call
 * (process.hrtime), key a number that only ever decreases as the state moves on: for a hub ticket its people
 * ahead while waiting, -1 once called, -2 after; for the bare server minus its version.
 */
import { Client, type Dispatcher } from 'undici';

export interface PhoneStart {
  type: 'start';
  base: string;
  kind: 'hub' | 'bare';
  /** the server's hold time: a request outstanding for much longer than this is a timeout */
  holdMs: number;
}

/** `path` and `headers` of the phone's poll; `closeOnCalled`: the page is closed once its ticket is called */
export type PhoneCommand =
  | { type: 'open'; id: number; path: string; headers: Record<string, string>; closeOnCalled: boolean }
  /** send the counts now (before something that would add errors of its own, like stopping the server) */
  | { type: 'report' }
  | { type: 'stop' };

export interface PhoneStats {
  /** 200s */
  views: number;
  /** 304s: a hold ran out with nothing new */
  notModified: number;
  /** network errors, timeouts and statuses other than 200/304 (each retried like the page does) */
  errors: number;
  /** errors by kind, e.g. "UND_ERR_SOCKET other side closed" → 3 */
  errorKinds: Record<string, number>;
  /** phones that saw their ticket called and closed their page */
  closedOnCall: number;
  /** phones open now */
  open: number;
}

export type PhoneMessage =
  | { type: 'ready' }
  /** flat triples (phone, t, key) */
  | { type: 'arrivals'; data: number[] }
  | { type: 'stats'; stats: PhoneStats; final: boolean; reply?: boolean };

const FLUSH_MS = 25;
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const send = (m: PhoneMessage): void => {
  if (process.connected) process.send?.(m);
};

interface Phone {
  id: number;
  client: Client;
  abort: AbortController;
  shut: boolean;
}

const stats: PhoneStats = { views: 0, notModified: 0, errors: 0, errorKinds: {}, closedOnCall: 0, open: 0 };
let pending: number[] = [];
const phones = new Map<number, Phone>();

function countError(kind: string): void {
  stats.errors += 1;
  stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
}

// Nothing may end this process but the parent: an error that escapes a phone's loop is counted, not fatal.
process.on('unhandledRejection', (err) => countError(`unhandled: ${err instanceof Error ? err.message : String(err)}`));
process.on('uncaughtException', (err) => countError(`uncaught: ${err.message}`));

function keyOf(kind: PhoneStart['kind'], body: unknown): number {
  if (kind === 'bare') return -(body as { v: number }).v;
  const v = body as { status: string; peopleAhead: number | null };
  if (v.status === 'waiting') return v.peopleAhead ?? 0;
  return v.status === 'called' ? -1 : -2;
}

const pause = (ms: number, phone: Phone): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    phone.abort.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

async function watch(start: PhoneStart, phone: Phone, path: string, headers: Record<string, string>, closeOnCalled: boolean): Promise<void> {
  let etag: string | null = null;
  let failures = 0;
  while (!phone.shut) {
    try {
      const r: Dispatcher.ResponseData = await phone.client.request({
        path,
        method: 'GET',
        headers: etag ? { ...headers, 'if-none-match': etag } : headers,
        signal: phone.abort.signal,
      });
      // Always read the body to its end (a 304 has none), so the connection is free for the next poll.
      const text = await r.body.text();
      const t = nowMs();
      if (r.statusCode === 200) {
        const tag: string | string[] | undefined = r.headers.etag;
        etag = typeof tag === 'string' ? tag : null;
        const key = keyOf(start.kind, JSON.parse(text));
        stats.views += 1;
        pending.push(phone.id, t, key);
        if (closeOnCalled && key < 0) {
          // The visitor walks to the window: the page is closed.
          stats.closedOnCall += 1;
          close(phone);
          return;
        }
      } else if (r.statusCode === 304) {
        stats.notModified += 1;
      } else {
        throw Object.assign(new Error(`HTTP ${r.statusCode}`), { code: `HTTP_${r.statusCode}` });
      }
      failures = 0;
    } catch (err) {
      if (phone.shut) return;
      const e = err as { code?: string; message?: string };
      countError(`${e.code ?? 'error'} ${e.message ?? ''}`.trim());
      failures += 1;
      await pause(Math.min(1000 * 2 ** failures, 15_000), phone);
    }
  }
}

function close(phone: Phone): void {
  if (phone.shut) return;
  phone.shut = true;
  phone.abort.abort();
  phones.delete(phone.id);
  stats.open = phones.size;
  phone.client.destroy().catch(() => undefined);
}

process.once('message', (raw) => {
  const start = raw as PhoneStart;
  const timeout = start.holdMs + 15_000;
  const flush = setInterval(() => {
    if (pending.length) {
      send({ type: 'arrivals', data: pending });
      pending = [];
    }
  }, FLUSH_MS);
  const report = setInterval(() => send({ type: 'stats', stats, final: false }), 1000);

  process.on('message', (m) => {
    const cmd = m as PhoneCommand;
    if (cmd.type === 'open') {
      const phone: Phone = {
        id: cmd.id,
        // One connection per phone, kept alive between polls; a poll outstanding well past the hold is a timeout.
        client: new Client(start.base, { pipelining: 1, headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: 10_000 }),
        abort: new AbortController(),
        shut: false,
      };
      phones.set(cmd.id, phone);
      stats.open = phones.size;
      void watch(start, phone, cmd.path, cmd.headers, cmd.closeOnCalled);
    } else if (cmd.type === 'report') {
      send({ type: 'stats', stats, final: false, reply: true });
    } else if (cmd.type === 'stop') {
      clearInterval(flush);
      clearInterval(report);
      if (pending.length) send({ type: 'arrivals', data: pending });
      pending = [];
      for (const p of [...phones.values()]) close(p);
      send({ type: 'stats', stats, final: true });
      process.disconnect?.();
    }
  });
  send({ type: 'ready' });
});
