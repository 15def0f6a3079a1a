import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { caseQuerySigningText } from '../src/adapters/uplink/https-cases.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from '../src/adapters/uplink/sign.js';
import { asBatch, createHeldEvents, type HeldEvent, type SimStats } from './held-events.js';
import { findSimCase } from './cases.js';

/** One text message as the province's SMS gateway sent it (短信通知 from the hall's `notices` stream). */
export interface SmsRecord {
  to: string;
  text: string;
  textEn: string | null;
  type: string;
  key: string;
  receivedAt: number;
}

/**
 * A stand-in for the provincial platform, for the demo, the tests and the benchmark. It checks every
 * request's signature, deduplicates events on their keys, records what it holds in order, serves the downlink
 * feeds (catalog, notices, appointments) with ETags and signed bodies, and can be slowed, made to fail, or
 * taken away — its control API listens on a port of its own, so "away" really closes the data port.
 */
export type SimMode = { mode: 'ok' } | { mode: 'fail'; status?: number } | { mode: 'slow'; delayMs: number };

export interface ProvinceSimOptions {
  key: Buffer | string;
  host?: string;
  /** data port (uplink POSTs, downlink GETs); 0 = any free port */
  port?: number;
  /** control port; 0 = any free port */
  controlPort?: number;
  /** serve HTTPS; with `ca` and `requestCert`, demand a client certificate (mutual TLS) */
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer; requestCert?: boolean };
  /** also take batches from an MQTT 5 broker */
  mqtt?: { url: string; topic?: string; username?: string; password?: string };
}

export interface ProvinceSimulator {
  url: string;
  controlUrl: string;
  port: number;
  held(stream?: string, hallId?: string): HeldEvent[];
  stats(): SimStats;
  setMode(m: SimMode): void;
  /** close the data port: connections are refused until comeBack() */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  setFeed(feed: 'catalog' | 'notices' | 'appointments', doc: unknown, version?: string): void;
  /** the SMS gateway's log: one entry per recipient of each notice held (deduplicated on the notice key) */
  sms(): SmsRecord[];
  /** case queries answered (办件查询), for cache tests */
  caseQueries(): number;
  /** resolves once the statistics satisfy `predicate` (checked after every request and message) */
  waitForStats(predicate: (s: SimStats) => boolean, ms?: number): Promise<SimStats>;
  /** resolves once `n` events are held in all (or on `stream`) */
  waitForHeld(n: number, stream?: string, ms?: number): Promise<void>;
  /** the MQTT subscriber is connected and subscribed */
  mqttReady: Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function parse(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startProvinceSimulator(opts: ProvinceSimOptions): Promise<ProvinceSimulator> {
  const key = Buffer.isBuffer(opts.key) ? opts.key : Buffer.from(opts.key, 'utf8');
  const host = opts.host ?? '127.0.0.1';
  const events = createHeldEvents();
  const stats = events.stats;
  let mode: SimMode = { mode: 'ok' };
  const feeds = new Map<string, { body: string; etag: string; version: string }>();
  let caseQueryCount = 0;

  async function onData(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const up = /^\/uplink\/v1\/([a-z-]+)$/.exec(url.pathname);
    if (req.method === 'POST' && up) {
      stats.requests += 1;
      const body = await readBody(req);
      if (mode.mode === 'slow') await new Promise((r) => setTimeout(r, mode.mode === 'slow' ? mode.delayMs : 0));
      if (mode.mode === 'fail') {
        stats.failedOnPurpose += 1;
        return json(res, mode.status ?? 503, { error: 'platform failing (simulated)' });
      }
      if (!body) return json(res, 413, { error: 'body too large' });
      const sig = req.headers[SIGNATURE_HEADER];
      if (!verifySignature(key, body, Array.isArray(sig) ? sig[0] : sig)) {
        stats.badSignatures += 1;
        return json(res, 401, { error: 'bad signature' });
      }
      const batch = asBatch(parse(body));
      if (!batch || batch.stream !== up[1]) {
        stats.badBodies += 1;
        return json(res, 400, { error: 'not an uplink batch' });
      }
      return json(res, 200, events.accept(batch, 'https', Date.now()));
    }
    const caseQ = /^\/cases\/v1\/([A-Za-z0-9-]{1,64})$/.exec(url.pathname);
    if (req.method === 'GET' && caseQ) {
      caseQueryCount += 1;
      if (mode.mode === 'slow') await new Promise((r) => setTimeout(r, mode.mode === 'slow' ? mode.delayMs : 0));
      if (mode.mode === 'fail') return json(res, mode.status ?? 503, { error: 'platform failing (simulated)' });
      const sig = req.headers[SIGNATURE_HEADER];
      if (!verifySignature(key, caseQuerySigningText(req.url ?? ''), Array.isArray(sig) ? sig[0] : sig)) {
        stats.badSignatures += 1;
        return json(res, 401, { error: 'bad signature' });
      }
      const found = findSimCase(caseQ[1]!, url.searchParams.get('idLast4'));
      if (!found) return json(res, 404, { error: 'no such case' });
      const { idLast4: _secret, ...shown } = found;
      const text = JSON.stringify(shown);
      res.writeHead(200, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(key, text) });
      return void res.end(text);
    }
    const down = /^\/downlink\/v1\/([a-z]+)$/.exec(url.pathname);
    if (req.method === 'GET' && down) {
      stats.downlinkRequests += 1;
      if (mode.mode === 'slow') await new Promise((r) => setTimeout(r, mode.mode === 'slow' ? mode.delayMs : 0));
      if (mode.mode === 'fail') return json(res, mode.status ?? 503, { error: 'platform failing (simulated)' });
      const feed = feeds.get(down[1]!);
      if (!feed) return json(res, 404, { error: 'no such feed' });
      if (req.headers['if-none-match'] === feed.etag) {
        stats.notModified += 1;
        res.writeHead(304, { etag: feed.etag });
        return void res.end();
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        etag: feed.etag,
        'x-version': feed.version,
        [SIGNATURE_HEADER]: signatureHeader(key, feed.body),
      });
      return void res.end(feed.body);
    }
    json(res, 404, { error: 'no such route' });
  }

  const statWatchers = new Set<() => void>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    onData(req, res)
      .catch(() => {
        if (!res.headersSent) json(res, 500, { error: 'simulator error' });
      })
      .finally(() => {
        for (const w of statWatchers) w();
      });
  };
  const data = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: opts.tls.requestCert ?? false, rejectUnauthorized: opts.tls.requestCert ?? false }, handler)
    : http.createServer(handler);
  data.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  data.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (server: http.Server | https.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(data, opts.port ?? 0);
  let away = false;

  const api: ProvinceSimulator = {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${port}`,
    controlUrl: '',
    port,
    held: (stream, hallId) => events.list(stream, hallId),
    sms: () =>
      events.list('notices').flatMap((e) => {
        const to = Array.isArray(e.data.to) ? e.data.to.filter((x): x is string => typeof x === 'string') : [];
        const text = typeof e.data.text === 'string' ? e.data.text : '';
        const textEn = typeof e.data.textEn === 'string' ? e.data.textEn : null;
        return to.map((p) => ({ to: p, text, textEn, type: e.type, key: e.key, receivedAt: e.receivedAt }));
      }),
    caseQueries: () => caseQueryCount,
    stats: () => ({ ...stats }),
    setMode(m) {
      mode = m;
    },
    async goAway() {
      if (away) return;
      away = true;
      await new Promise<void>((resolve) => {
        data.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async comeBack() {
      if (!away) return;
      await listen(data, port);
      away = false;
    },
    setFeed(feed, doc, version) {
      const body = JSON.stringify(doc);
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      const own = typeof doc === 'object' && doc !== null && typeof (doc as { version?: unknown }).version === 'string' ? (doc as { version: string }).version : undefined;
      feeds.set(feed, { body, etag, version: version ?? own ?? etag.slice(1, 9) });
    },
    waitForStats(predicate, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          statWatchers.delete(check);
          reject(new Error(`province simulator: statistics never matched: ${JSON.stringify(stats)}`));
        }, ms);
        const check = () => {
          if (!predicate(stats)) return;
          clearTimeout(timer);
          statWatchers.delete(check);
          resolve({ ...stats });
        };
        statWatchers.add(check);
        check();
      });
    },
    waitForHeld(n, stream, ms = 60_000) {
      const count = () => (stream === undefined ? events.count() : events.list(stream).length);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`province simulator: ${count()} of ${n} events held after ${ms} ms`));
        }, ms);
        const check = () => {
          if (count() >= n) {
            clearTimeout(timer);
            off();
            resolve();
          }
        };
        const off = events.onChange(check);
        check();
      });
    },
    mqttReady: Promise.resolve(),
    async close() {
      await api.goAway();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      for (const s of controlSockets) s.destroy();
      await new Promise<void>((resolve) => (subscriber ? subscriber.end(true, {}, () => resolve()) : resolve()));
    },
  };

  // ---- control API (its own port) -------------------------------------------------------------------------
  const controlSockets = new Set<Socket>();
  const control = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = req.method === 'GET' ? null : parse((await readBody(req)) ?? Buffer.alloc(0));
      if (req.method === 'GET' && url.pathname === '/control/stats') return json(res, 200, { ...stats, held: events.count(), away, mode });
      if (req.method === 'GET' && url.pathname === '/control/held') {
        return json(res, 200, api.held(url.searchParams.get('stream') ?? undefined, url.searchParams.get('hallId') ?? undefined));
      }
      if (req.method === 'GET' && url.pathname === '/control/sms') return json(res, 200, api.sms());
      if (req.method === 'POST' && url.pathname === '/control/mode') {
        const m = body as SimMode | undefined;
        if (!m || !['ok', 'fail', 'slow'].includes(m.mode)) return json(res, 400, { error: 'mode: ok | fail | slow' });
        api.setMode(m);
        return json(res, 200, { mode });
      }
      if (req.method === 'POST' && url.pathname === '/control/away') return void (await api.goAway(), json(res, 200, { away: true }));
      if (req.method === 'POST' && url.pathname === '/control/back') return void (await api.comeBack(), json(res, 200, { away: false }));
      const feed = /^\/control\/feed\/(catalog|notices|appointments)$/.exec(url.pathname);
      if (req.method === 'PUT' && feed) {
        if (body === undefined) return json(res, 400, { error: 'not JSON' });
        api.setFeed(feed[1] as 'catalog' | 'notices' | 'appointments', body, url.searchParams.get('version') ?? undefined);
        return json(res, 200, { ok: true });
      }
      json(res, 404, { error: 'no such control route' });
    })().catch(() => json(res, 500, { error: 'simulator error' }));
  });
  control.on('connection', (s: Socket) => {
    controlSockets.add(s);
    s.on('close', () => controlSockets.delete(s));
  });
  const controlPort = await listen(control, opts.controlPort ?? 0);
  api.controlUrl = `http://${host}:${controlPort}`;

  // ---- MQTT 5 subscriber ----------------------------------------------------------------------------------
  let subscriber: MqttClient | null = null;
  if (opts.mqtt) {
    const m = opts.mqtt;
    const client = mqtt.connect(m.url, {
      protocolVersion: 5,
      clientId: `province-sim-${process.pid}-${port}`,
      // A persistent session: batches published while the province's subscriber is away wait at the broker.
      clean: false,
      properties: { sessionExpiryInterval: 3600 },
      reconnectPeriod: 500,
      ...(m.username !== undefined ? { username: m.username } : {}),
      ...(m.password !== undefined ? { password: m.password } : {}),
    });
    subscriber = client;
    client.on('error', () => {});
    api.mqttReady = new Promise<void>((resolve, reject) => {
      client.once('connect', () => client.subscribe(m.topic ?? 'province/+/uplink/+', { qos: 1 }, (err) => (err ? reject(err) : resolve())));
    });
    client.on('message', (_topic, payload, packet) => {
      stats.mqttMessages += 1;
      const props = packet.properties?.userProperties ?? {};
      const sig = props['x-hall-signature'];
      if (!verifySignature(key, payload, Array.isArray(sig) ? sig[0] : sig)) {
        stats.badSignatures += 1;
        return;
      }
      const batch = asBatch(parse(payload));
      if (!batch) {
        stats.badBodies += 1;
        return;
      }
      events.accept(batch, 'mqtt', Date.now());
      for (const w of statWatchers) w();
    });
  }
  return api;
}
