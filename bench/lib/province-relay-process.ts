/**
 * Many simulated halls' uplinks in one process, for bench/province-scale.ts (started by province-fleet.ts over
 * an IPC channel). Each hall has what a hub has for the province: its own SQLite file with the outbox (the
 * hub's schema and migrations), the relay (app/uplink-relay.ts) on its own read connection, and the MQTT 5
 * transport (adapters/uplink/mqtt5-transport.ts) with the hall's own account on the upstream broker.
 *
 * The baseline lives here too, so that both share the process and its CPU: bare mqtt.js MQTT 5 clients, one
 * per hall, publishing the same batch bodies at QoS 1 straight to the broker — no outbox, no SQLite.
 *
 * Events are the large hall's simulated peak hour, replayed in order with each hall's own keys. A live event
 * carries `t`, the wall-clock time (ms, sub-ms precision) it was written to the outbox, so the province's
 * consumer can take the end-to-end latency with one subtraction.
 */
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { openDatabase, type Db } from '@hall/hub/adapters/sqlite/database';
import { createSqliteOutbox } from '@hall/hub/adapters/sqlite/sqlite-outbox';
import { createMqtt5Transport, uplinkTopic } from '@hall/hub/adapters/uplink/mqtt5-transport';
import { hmacHex } from '@hall/hub/adapters/uplink/sign';
import { startUplinkRelay, type UplinkRelay } from '@hall/hub/app/uplink-relay';
import { encodeBatch, type OutboxRow } from '@hall/hub/domain/uplink/batch';
import type { OutboxRecord } from '@hall/hub/domain/uplink/streams';
import type { Outbox, UplinkTransport } from '@hall/hub/ports/uplink';

type Stream = OutboxRecord['stream'];

/** One event of the replayed day: its stream, type and payload (the outbox row's JSON). */
export interface TemplateEvent {
  stream: Stream;
  type: string;
  payload: string;
}

export type RelayCommand =
  | { type: 'open'; url: string; prefix: string; hallIds: string[]; passwords: string[]; dir: string; batchSize: number; key: string; template: TemplateEvent[] }
  /** write `perHall` events into every hall's outbox (the relays not yet started): a backlog */
  | { type: 'fill'; perHall: number }
  | { type: 'start' }
  /** stop the relays (their outboxes stay) */
  | { type: 'stop' }
  /** write events as they happen, `ratePerHall` a second on average (Poisson), for `seconds` */
  | { type: 'live'; ratePerHall: number; seconds: number }
  /** connect the baseline's clients and build (and sign) their catch-up bodies beforehand */
  | { type: 'bare-open'; perHall: number }
  | { type: 'bare-drain' }
  | { type: 'bare-live'; ratePerHall: number; seconds: number }
  /** hold `count` more idle connections, as further halls would */
  | { type: 'idle'; usernames: string[]; passwords: string[] }
  | { type: 'status' }
  | { type: 'close' };

export type RelayReply =
  | { type: 'opened' }
  | { type: 'filled'; events: number; ms: number }
  | { type: 'started' }
  | { type: 'stopped' }
  | { type: 'lived'; events: number }
  | { type: 'bare-opened' }
  | { type: 'bare-drained'; events: number }
  | { type: 'bare-lived'; events: number }
  | { type: 'idled' }
  | { type: 'status'; failures: number; backlog: number; lastError: string | null }
  | { type: 'failed'; message: string };

interface Hall {
  id: string;
  password: string;
  db: Db;
  relayDb: Db;
  outbox: Outbox;
  relay: UplinkRelay | null;
  /** the hall's MQTT 5 transport: one connection for the process's life, as in a hub */
  transport: UplinkTransport;
  /** events written so far (the next event's position in the template) */
  n: number;
  bare: MqttClient | null;
  bareBodies: Array<{ stream: Stream; body: string; signature: string; key: string }>;
}

const wallMs = (): number => performance.timeOrigin + performance.now();
const send = (r: RelayReply): void => void process.send?.(r);
const quiet = { info: () => {}, warn: () => {}, error: (o: object, m: string) => console.error(`relay: ${m}`, o) };

let halls: Hall[] = [];
let open: Extract<RelayCommand, { type: 'open' }> | null = null;
let templateData: Array<Record<string, unknown>> = [];
const idle: MqttClient[] = [];

function record(h: Hall, tag: string, t: number): OutboxRecord {
  const k = h.n++ % open!.template.length;
  const e = open!.template[k]!;
  return { stream: e.stream, key: `${h.id}:${e.stream}:${tag}${h.n}`, type: e.type, at: Date.now(), data: t ? { ...templateData[k]!, t } : templateData[k]! };
}

function properties(hallId: string, signature: string, key: string) {
  return { contentType: 'application/json', userProperties: { 'x-hall-id': hallId, 'x-hall-signature': `sha256=${signature}`, 'idempotency-key': key } };
}

/** Runs `fire` for each hall at Poisson-spaced instants, `rate` a second on average, for `seconds`. */
async function poisson(rate: number, seconds: number, fire: (h: Hall) => void): Promise<number> {
  const end = wallMs() + seconds * 1000;
  const gap = () => (-Math.log(1 - Math.random()) / rate) * 1000;
  const next = halls.map(() => wallMs() + gap());
  let fired = 0;
  while (wallMs() < end) {
    const now = wallMs();
    halls.forEach((h, i) => {
      while (next[i]! <= now) {
        fire(h);
        fired += 1;
        next[i]! += gap();
      }
    });
    await new Promise((r) => setTimeout(r, 2));
  }
  return fired;
}

async function handle(c: RelayCommand): Promise<void> {
  switch (c.type) {
    case 'open': {
      open = c;
      templateData = c.template.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
      halls = c.hallIds.map((id, i) => {
        const file = join(c.dir, `${id}.db`);
        const db = openDatabase(file);
        // 100 halls share this machine's one disk; each hub's FULL-sync commit is its own disk's business
        // (measured by ticket-issue). The relay's connection runs with NORMAL as in the hub.
        db.pragma('synchronous = NORMAL');
        const relayDb = openDatabase(file);
        relayDb.pragma('synchronous = NORMAL');
        const transport = createMqtt5Transport({ url: c.url, hallId: id, topicPrefix: c.prefix, username: id, password: c.passwords[i]!, timeoutMs: 15_000 });
        return { id, password: c.passwords[i]!, db, relayDb, outbox: createSqliteOutbox(db, relayDb), relay: null, transport, n: 0, bare: null, bareBodies: [] };
      });
      return send({ type: 'opened' });
    }
    case 'fill': {
      const t0 = performance.now();
      for (const h of halls) h.outbox.transaction(() => {
        for (let i = 0; i < c.perHall; i++) h.outbox.append(record(h, 'f', 0));
      });
      return send({ type: 'filled', events: c.perHall * halls.length, ms: performance.now() - t0 });
    }
    case 'start': {
      const key = Buffer.from(open!.key);
      for (const h of halls) {
        h.relay = startUplinkRelay({
          outbox: h.outbox,
          // Stopping a relay closes its transport; the connection is kept for the next round (a hub keeps it).
          transport: { kind: h.transport.kind, endpoint: h.transport.endpoint, send: (b) => h.transport.send(b), close: async () => {} },
          hallId: h.id,
          streams: ['queue', 'evaluation', 'attendance', 'device-health'],
          sign: (body) => hmacHex(key, body),
          batchSize: open!.batchSize,
          // the hub's defaults (uplink.backoff)
          backoff: { baseMs: 500, maxMs: 60_000 },
          clock: { now: () => Date.now() },
          logger: quiet,
        });
      }
      return send({ type: 'started' });
    }
    case 'stop': {
      await Promise.all(halls.map((h) => h.relay?.stop()));
      for (const h of halls) h.relay = null;
      return send({ type: 'stopped' });
    }
    case 'live': {
      const events = await poisson(c.ratePerHall, c.seconds, (h) => {
        const r = record(h, 'l', 0);
        r.data = { ...r.data, t: wallMs() };
        h.outbox.transaction(() => h.outbox.append(r));
        h.relay!.kick();
      });
      return send({ type: 'lived', events });
    }
    case 'bare-open': {
      const key = Buffer.from(open!.key);
      await Promise.all(
        halls.map(async (h) => {
          h.bare ??= await mqtt.connectAsync(open!.url, { protocolVersion: 5, clientId: `bare-${h.id}`, username: h.id, password: h.password, clean: true, reconnectPeriod: 1000 });
          h.bareBodies = [];
          // The same events the relay's backlog held, in the same batches, encoded and signed beforehand.
          const byStream = new Map<Stream, OutboxRow[]>();
          for (let i = 0; i < c.perHall; i++) {
            const r = record(h, 'b', 0);
            const rows = byStream.get(r.stream) ?? [];
            rows.push({ id: h.n, key: r.key, type: r.type, at: r.at, payload: JSON.stringify(r.data) });
            byStream.set(r.stream, rows);
          }
          for (const [stream, rows] of byStream) {
            for (let i = 0; i < rows.length; i += open!.batchSize) {
              const part = rows.slice(i, i + open!.batchSize);
              const body = encodeBatch(h.id, stream, new Date().toISOString(), part);
              h.bareBodies.push({ stream, body, signature: hmacHex(key, body), key: `${h.id}:${stream}:${part[0]!.id}-${part[part.length - 1]!.id}` });
            }
          }
        }),
      );
      return send({ type: 'bare-opened' });
    }
    case 'bare-drain': {
      // As the relay does: per hall and stream one message in flight, the next after its PUBACK.
      let events = 0;
      await Promise.all(
        halls.flatMap((h) =>
          [...new Set(h.bareBodies.map((b) => b.stream))].map(async (stream) => {
            for (const b of h.bareBodies.filter((x) => x.stream === stream)) {
              await h.bare!.publishAsync(uplinkTopic(open!.prefix, h.id, stream), b.body, { qos: 1, properties: properties(h.id, b.signature, b.key) });
              events += (b.body.match(/"key":/g) ?? []).length;
            }
          }),
        ),
      );
      return send({ type: 'bare-drained', events });
    }
    case 'bare-live': {
      const key = Buffer.from(open!.key);
      const events = await poisson(c.ratePerHall, c.seconds, (h) => {
        const r = record(h, 'x', 0);
        const row: OutboxRow = { id: h.n, key: r.key, type: r.type, at: r.at, payload: JSON.stringify({ ...r.data, t: wallMs() }) };
        const body = encodeBatch(h.id, r.stream, new Date().toISOString(), [row]);
        const sig = hmacHex(key, body);
        h.bare!.publish(uplinkTopic(open!.prefix, h.id, r.stream), body, { qos: 1, properties: properties(h.id, sig, `${h.id}:${r.stream}:${row.id}-${row.id}`) });
      });
      return send({ type: 'bare-lived', events });
    }
    case 'idle': {
      for (let i = 0; i < c.usernames.length; i += 50) {
        const part = c.usernames.slice(i, i + 50);
        idle.push(
          ...(await Promise.all(
            part.map((u, k) => mqtt.connectAsync(open!.url, { protocolVersion: 5, clientId: `hall-uplink-${u}`, username: u, password: c.passwords[i + k]!, clean: true, reconnectPeriod: 0 })),
          )),
        );
      }
      return send({ type: 'idled' });
    }
    case 'status': {
      let failures = 0;
      let lastError: string | null = null;
      let backlog = 0;
      for (const h of halls) {
        for (const s of h.relay?.status() ?? []) {
          failures += s.failures + (s.lastError ? 1 : 0);
          backlog += s.backlog;
          lastError = s.lastError ?? lastError;
        }
      }
      return send({ type: 'status', failures, backlog, lastError });
    }
    case 'close': {
      await Promise.all(halls.map((h) => h.relay?.stop()));
      await Promise.all([...halls.map((h) => h.transport.close()), ...halls.map((h) => h.bare?.endAsync(true)), ...idle.map((c) => c.endAsync(true))]);
      for (const h of halls) {
        h.relayDb.close();
        h.db.close();
      }
      process.disconnect?.();
      return;
    }
  }
}

// One command at a time, in the order they came.
let chain = Promise.resolve();
process.on('message', (m) => {
  chain = chain.then(() => handle(m as RelayCommand)).catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
