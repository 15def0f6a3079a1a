import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { MqttClient } from 'mqtt';
import { createControlServer } from './control-server.js';
import { dataHandler, type FeedName, type ProvinceState, type SimMode } from './data-server.js';
import { createHeldEvents, type HeldEvent, type HeldEvents, type SimStats } from './held-events.js';
import { json, listen, trackSockets } from './http-util.js';
import { subscribeProvince, type MqttIntake } from './mqtt-subscriber.js';
import { createSupervisedCaseBook, generateCases, prng, type GenerateOptions } from './supervised-cases.js';
import { advanceParallelCases } from './parallel-progress.js';
import type { SupervisedCase } from '@hall/shared';
import { createCreditBook, type CreditListing } from './credit-lists.js';

export type { SimMode, FeedName };

/** One text message as the province's SMS gateway sent it (短信通知 from the hall's `notices` stream). */
export interface SmsRecord {
  to: string;
  text: string;
  textEn: string | null;
  type: string;
  key: string;
  receivedAt: number;
}

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
  mqtt?: MqttIntake;
}

/**
 * A stand-in for the provincial platform, for the demo, the tests and the benchmark. It checks every
 * request's signature, deduplicates events on their keys, records what it holds in order, serves the downlink
 * feeds (catalog, notices, appointments) with ETags and signed bodies, and can be slowed, made to fail, or
 * taken away — its control API listens on a port of its own, so "away" really closes the data port.
 */
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
  setFeed(feed: FeedName, doc: unknown, version?: string): void;
  /** the SMS gateway's log: one entry per recipient of each notice held (deduplicated on the notice key) */
  sms(): SmsRecord[];
  /** case queries answered (办件查询), for cache tests */
  caseQueries(): number;
  /** 办件监督: add or change cases in the supervision feed (each change gets the next revision) */
  putCases(cases: readonly SupervisedCase[]): void;
  /** a generated month of cases (seeded), put into the feed; returns them */
  generateCases(opts: GenerateOptions): SupervisedCase[];
  supervisedCase(caseNo: string): SupervisedCase | undefined;
  /** 并联审批 as time passes: the open joint cases' steps move on (seeded, repeatable); returns the cases changed */
  advanceCases(now: number): SupervisedCase[];
  /** 容缺受理: replaces the credit lists (守信红榜 / 失信黑名单) the downlink serves, by plain number */
  putCredit(listings: readonly CreditListing[]): void;
  /** resolves once the statistics satisfy `predicate` (checked after every request and message) */
  waitForStats(predicate: (s: SimStats) => boolean, ms?: number): Promise<SimStats>;
  /** resolves once `n` events are held in all (or on `stream`) */
  waitForHeld(n: number, stream?: string, ms?: number): Promise<void>;
  /** the MQTT subscriber is connected and subscribed */
  mqttReady: Promise<void>;
  close(): Promise<void>;
}

/** The SMS gateway's view of the held `notices` stream: one record per recipient. */
function smsOf(events: HeldEvents): SmsRecord[] {
  return events.list('notices').flatMap((e) => {
    const to = Array.isArray(e.data.to) ? e.data.to.filter((x): x is string => typeof x === 'string') : [];
    const text = typeof e.data.text === 'string' ? e.data.text : '';
    const textEn = typeof e.data.textEn === 'string' ? e.data.textEn : null;
    return to.map((p) => ({ to: p, text, textEn, type: e.type, key: e.key, receivedAt: e.receivedAt }));
  });
}

/** A feed document as served: its body, an ETag of the body, and a version (given, the document's own, or the ETag's). */
function feedEntry(doc: unknown, version: string | undefined): { body: string; etag: string; version: string } {
  const body = JSON.stringify(doc);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const own = typeof doc === 'object' && doc !== null && typeof (doc as { version?: unknown }).version === 'string' ? (doc as { version: string }).version : undefined;
  return { body, etag, version: version ?? own ?? etag.slice(1, 9) };
}

/** A promise that `check` settles, re-run whenever `subscribe`'s callback fires, or that fails after `ms`. */
function waitUntil<T>(subscribe: (l: () => void) => () => void, check: () => T | undefined, ms: number, failure: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(failure()));
    }, ms);
    const run = () => {
      const v = check();
      if (v === undefined) return;
      clearTimeout(timer);
      off();
      resolve(v);
    };
    const off = subscribe(run);
    run();
  });
}

export async function startProvinceSimulator(opts: ProvinceSimOptions): Promise<ProvinceSimulator> {
  const key = Buffer.isBuffer(opts.key) ? opts.key : Buffer.from(opts.key, 'utf8');
  const host = opts.host ?? '127.0.0.1';
  const events = createHeldEvents();
  const stats = events.stats;
  let mode: SimMode = { mode: 'ok' };
  let caseQueryCount = 0;
  let away = false;
  const supervised = createSupervisedCaseBook();
  const stepRandom = prng(1919);
  const credit = createCreditBook(key);
  const state: ProvinceState = { key, events, feeds: new Map(), supervised, credit, mode: () => mode, caseQueried: () => (caseQueryCount += 1) };

  const statWatchers = new Set<() => void>();
  const watchStats = (l: () => void) => (statWatchers.add(l), () => void statWatchers.delete(l));
  const statsChanged = () => {
    for (const w of statWatchers) w();
  };
  const onData = dataHandler(state);
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    onData(req, res)
      .catch(() => {
        if (!res.headersSent) json(res, 500, { error: 'simulator error' });
      })
      .finally(statsChanged);
  };
  const t = opts.tls;
  const data = t
    ? https.createServer({ cert: t.cert, key: t.key, ca: t.ca, requestCert: t.requestCert ?? false, rejectUnauthorized: t.requestCert ?? false }, handler)
    : http.createServer(handler);
  data.keepAliveTimeout = 30_000;
  const sockets = trackSockets(data);
  const port = await listen(data, host, opts.port ?? 0);
  let subscriber: MqttClient | null = null;

  const api: ProvinceSimulator = {
    url: `${t ? 'https' : 'http'}://${host}:${port}`,
    controlUrl: '',
    port,
    held: (stream, hallId) => events.list(stream, hallId),
    sms: () => smsOf(events),
    caseQueries: () => caseQueryCount,
    putCases: (cases) => supervised.upsert(cases),
    generateCases(o) {
      const cases = generateCases(o);
      supervised.upsert(cases);
      return cases;
    },
    supervisedCase: (caseNo) => supervised.get(caseNo),
    advanceCases(now) {
      const changed = advanceParallelCases(supervised.all(), now, stepRandom);
      supervised.upsert(changed);
      return changed;
    },
    putCredit: (listings) => credit.put(listings, Date.now()),
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
      await listen(data, host, port);
      away = false;
    },
    setFeed(feed, doc, version) {
      state.feeds.set(feed, feedEntry(doc, version));
    },
    waitForStats: (predicate, ms = 30_000) =>
      waitUntil(watchStats, () => (predicate(stats) ? { ...stats } : undefined), ms, () => `province simulator: statistics never matched: ${JSON.stringify(stats)}`),
    waitForHeld(n, stream, ms = 60_000) {
      const count = () => (stream === undefined ? events.count() : events.list(stream).length);
      return waitUntil(events.onChange, () => (count() >= n ? true : undefined), ms, () => `province simulator: ${count()} of ${n} events held after ${ms} ms`).then(() => {});
    },
    mqttReady: Promise.resolve(),
    async close() {
      await api.goAway();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      for (const s of controlSockets) s.destroy();
      await new Promise<void>((resolve) => (subscriber ? subscriber.end(true, {}, () => resolve()) : resolve()));
    },
  };

  const control = createControlServer({ ...api, heldCount: () => events.count(), away: () => away, mode: () => mode });
  const controlSockets = trackSockets(control);
  api.controlUrl = `http://${host}:${await listen(control, host, opts.controlPort ?? 0)}`;

  if (opts.mqtt) {
    const intake = subscribeProvince(opts.mqtt, { key, clientId: `province-sim-${process.pid}-${port}`, events, received: statsChanged });
    subscriber = intake.client;
    api.mqttReady = intake.ready;
  }
  return api;
}
