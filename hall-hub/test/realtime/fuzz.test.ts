import {
  AvailabilitySchema,
  DeviceStateSchema,
  HandshakeSchema,
  HeartbeatSchema,
  IdCardEventSchema,
  KeypadOps,
  KeypadRequestSchemas,
  NAMESPACES,
  PROTOCOL_VERSION,
  RateRequestSchema,
  ResyncSchema,
  topics,
  type KeypadOp,
} from '@hall/shared';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keypadCommand } from '../../src/adapters/mqtt/keypad-commands.js';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import { windowState } from '../../src/domain/queue/state.js';
import { connectMqtt, streamClient, until, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import {
  handshakeObjects,
  isJsonObject,
  jsonPayloads,
  sampleBad,
  socketPayloads,
  textPayloads,
  type JsonObject,
} from '../support/fuzz-payloads.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

/**
 * Acceptance: "10,000 random and mutated payloads per MQTT topic and per socket event leave the hub running and
 * its state unchanged." One real hub (embedded broker, real SQLite, real sockets) per describe block. Every
 * generated payload the hub would accept is filtered out first — valid input may change state, bad input may not.
 * Set FUZZ_SEED to explore other inputs; a failure message names the seed.
 */

const N = 10_000;
const HANDSHAKES = 1_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const HALL = 'test-hall';
/** the hub ignores MQTT payloads above this (counted as mqtt_payload_too_large) */
const MQTT_MAX = 64 * 1024;
/** socket.io's maxHttpBufferSize on the hub is 64 KiB: a bigger frame drops the connection, by design */
const SOCKET_MAX = 60_000;
const TIMEOUT = 120_000;

/** smallHall plus an ID-card reader behind bridge-1: the one device whose `event` payloads the hub parses. */
function fuzzHall() {
  const base = smallHall();
  return smallHall({ devices: [...base.devices, { id: 'reader-1', type: 'id-reader', bridge: 'bridge-1' }] });
}

// ---- what the hub accepts -------------------------------------------------------------------------------

function parseJson(b: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(b.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
/** the gateway's rule for JSON topics: within the size cap, parses (as UTF-8), and matches the schema */
const jsonAccepted = (schema: TSchema) => (b: Buffer) => {
  if (b.length > MQTT_MAX) return false;
  const p = parseJson(b);
  return p.ok && Value.Check(schema, p.value);
};
/** availability and bridge state: exactly `online` or `offline` */
const textAccepted = (b: Buffer) => b.length <= MQTT_MAX && Value.Check(AvailabilitySchema, b.toString('utf8'));

/** Every object and array inside `v` (iteratively: payloads nest thousands deep). */
function* nodes(v: unknown): Generator<unknown> {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    yield x;
    if (typeof x === 'object' && x !== null && !Buffer.isBuffer(x) && !(x instanceof Uint8Array)) stack.push(...(Array.isArray(x) ? x : Object.values(x)));
  }
}
/** What socket.io delivers to the hub for an emitted value: JSON, except that Buffers arrive as Buffers. */
const hasBinary = (v: unknown): boolean => {
  for (const x of nodes(v)) if (Buffer.isBuffer(x) || x instanceof Uint8Array) return true;
  return false;
};
/** how deep arrays and objects nest in `v` */
function depthOf(v: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null || Buffer.isBuffer(x) || x instanceof Uint8Array) continue;
    max = Math.max(max, d + 1);
    for (const c of Array.isArray(x) ? x : Object.values(x)) stack.push([c, d + 1]);
  }
  return max;
}
const hasKeyDeep = (v: unknown, key: string): boolean => {
  for (const x of nodes(v)) if (typeof x === 'object' && x !== null && !Array.isArray(x) && Object.prototype.hasOwnProperty.call(x, key)) return true;
  return false;
};
/** What the hub receives for emitted `args` (socket.io sends JSON, with Buffers as binary attachments), and its size. */
function onTheWire(args: readonly unknown[]): { args: unknown[]; bytes: number } {
  const text = JSON.stringify(args);
  return { args: hasBinary(args) ? [...args] : (JSON.parse(text) as unknown[]), bytes: Buffer.byteLength(text, 'utf8') };
}

/**
 * PUBLISH packets (QoS 0, not retained) as bytes. For volume the fuzz writes them in batches straight to the
 * peer's authenticated connection, rather than one mqtt.js call (and one write) per message.
 */
function publishPackets(topic: string, payloads: readonly Buffer[]): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const parts: Buffer[] = [];
  for (const payload of payloads) {
    const lengthBytes: number[] = [];
    let x = 2 + t.length + payload.length;
    do {
      const b = x % 128;
      x = Math.floor(x / 128);
      lengthBytes.push(x > 0 ? b | 0x80 : b);
    } while (x > 0);
    const head = Buffer.alloc(1 + lengthBytes.length + 2);
    head[0] = 0x30;
    lengthBytes.forEach((b, i) => (head[1 + i] = b));
    head.writeUInt16BE(t.length, 1 + lengthBytes.length);
    parts.push(head, t, payload);
  }
  return Buffer.concat(parts);
}

// ---- MQTT peers -----------------------------------------------------------------------------------------

interface Peer {
  id: string;
  client: MqttClient;
  /** messages received per topic */
  received: Map<string, number>;
  /** times the broker dropped this client (an ACL refusal would) */
  closes: number;
  /** the response on `topic` that carries `transaction` */
  reply(topic: string, transaction: string, ms?: number): Promise<Record<string, unknown>>;
}

async function peer(hub: TestHub, id: string): Promise<Peer> {
  const client = await connectMqtt(hub.mqttUrl, id, hub.credentials.passwordFor(id)!);
  const waiters = new Map<string, () => void>();
  const replies = new Map<string, Record<string, unknown>>();
  const p: Peer = {
    id,
    client,
    received: new Map(),
    closes: 0,
    reply: (topic, transaction, ms = 30_000) => {
      const key = `${topic}\u0000${transaction}`;
      return until(
        (check) => {
          waiters.set(key, check);
          return () => waiters.delete(key);
        },
        () => replies.get(key),
        ms,
        `${transaction} on ${topic}`,
      );
    },
  };
  client.on('close', () => (p.closes += 1));
  client.on('message', (topic, payload) => {
    p.received.set(topic, (p.received.get(topic) ?? 0) + 1);
    if (waiters.size === 0) return;
    const body = parseJson(payload);
    if (!body.ok || !isJsonObject(body.value) || typeof body.value.transaction !== 'string') return;
    const key = `${topic}\u0000${body.value.transaction}`;
    if (!waiters.has(key)) return;
    replies.set(key, body.value);
    waiters.get(key)!();
  });
  return p;
}

// ---- HTTP views of the hub ------------------------------------------------------------------------------

async function getJson(hub: TestHub, path: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${hub.base}${path}`, { headers });
  expect(res.status, `GET ${path}`).toBe(200);
  return res.json();
}

interface Observed {
  seq: number;
  queue: string;
  devices: string;
  /** every device's online/offline history: catches a flip and back, which the views alone would not show */
  history: string;
  audit: string;
  idCard: unknown;
}
async function observe(hub: TestHub): Promise<Observed> {
  const boss = hub.as('boss');
  const queue = (await getJson(hub, '/api/queue')) as Record<string, unknown>;
  delete queue.now;
  const devices = (await getJson(hub, '/api/devices', boss)) as Array<{ id: string }>;
  const history: Record<string, unknown> = {};
  for (const d of devices) history[d.id] = await getJson(hub, `/api/devices/${d.id}/history`, boss);
  return {
    seq: hub.engine.lastSeq(),
    queue: JSON.stringify(queue),
    devices: JSON.stringify(devices),
    history: JSON.stringify(history),
    audit: JSON.stringify(await getJson(hub, '/api/audit?limit=1000', boss)),
    idCard: hub.idCards.peek('reader-1'),
  };
}
async function rejected(hub: TestHub): Promise<Record<string, number>> {
  const health = (await getJson(hub, '/api/health')) as { status: string; rejected: Record<string, number> };
  expect(health.status).toBe('ok');
  return health.rejected;
}
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const delta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([k, v]): [string, number] => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

/** runs `fn` over `items`, `width` at a time */
async function inBatches<T>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((x, k) => fn(x, i + k)));
}

// =========================================================================================================

/** `holding`: idle with a ticket suspended (挂起), which resume-ticket would take back */
type Window1 = 'closed' | 'idle' | 'paused' | 'calling' | 'holding';
type PeerId = 'keypad-1' | 'evaluator-1' | 'keypad-2' | 'bridge-1';

interface MqttTarget {
  title: string;
  peer: PeerId;
  topic: string;
  payloads: fc.Arbitrary<Buffer>;
  /** whether the hub would act on a payload (those are not sent) */
  accepts: (b: Buffer) => boolean;
  /** sent last, at QoS 1: a bad payload whose PUBACK is awaited */
  last: Buffer;
  /** the state of window 1 that makes a valid request of this kind change the queue */
  window1?: Window1;
  /** the command a valid request stands for: checked to change the queue in that state */
  validCommand?: (hub: TestHub) => QueueCommand;
  valid?: Buffer;
}

const KEYPAD_VALID: Record<KeypadOp, JsonObject> = {
  login: { transaction: 'fz-1', staffNo: 'S1' },
  logout: { transaction: 'fz-1' },
  'call-next': { transaction: 'fz-1' },
  call: { transaction: 'fz-1', number: 'A003' },
  recall: { transaction: 'fz-1' },
  start: { transaction: 'fz-1' },
  finish: { transaction: 'fz-1' },
  'no-show': { transaction: 'fz-1' },
  transfer: { transaction: 'fz-1', toWindowNo: '2', toLineId: 'general' },
  suspend: { transaction: 'fz-1' },
  pause: { transaction: 'fz-1', reason: '午休' },
  resume: { transaction: 'fz-1' },
  'resume-ticket': { transaction: 'fz-1' },
};
const KEYPAD_STATE: Record<KeypadOp, Window1> = {
  login: 'closed',
  logout: 'idle',
  'call-next': 'idle',
  call: 'idle',
  pause: 'idle',
  resume: 'paused',
  recall: 'calling',
  start: 'calling',
  'no-show': 'calling',
  finish: 'calling',
  suspend: 'calling',
  transfer: 'calling',
  'resume-ticket': 'holding',
};
const ORDER: readonly Window1[] = ['closed', 'idle', 'paused', 'calling', 'holding'];
const RATE_VALID: JsonObject = { transaction: 'fz-1', level: 'satisfied', dimensions: { attitude: 5, quality: 4 } };
const STATE_VALID: JsonObject = { version: '1.0.0', brightness: 80, paper: true, note: null };
const ID_CARD_VALID: JsonObject = { type: 'id-card', name: '张三', idNumber: '11010519491231002X' };
/** a bad JSON payload for any of the JSON topics: a prototype-pollution attempt with a transaction */
const LAST_JSON = Buffer.from('{"transaction":"fz-last","__proto__":{"polluted":true,"isAdmin":true}}');
const LAST_TEXT = Buffer.from('OFFLINE');

function mqttTargets(): MqttTarget[] {
  const json = (v: JsonObject) => Buffer.from(JSON.stringify(v));
  const keypad = [...KeypadOps]
    .sort((a, b) => ORDER.indexOf(KEYPAD_STATE[a]) - ORDER.indexOf(KEYPAD_STATE[b]))
    .map(
      (op): MqttTarget => ({
        title: `keypad-1 request/${op}`,
        peer: 'keypad-1',
        topic: topics.deviceRequest(HALL, 'keypad-1', op),
        payloads: jsonPayloads(KEYPAD_VALID[op], ['transaction', 'staffNo', 'number', 'toWindowNo', 'toLineId', 'reason']),
        accepts: jsonAccepted(KeypadRequestSchemas[op]),
        last: LAST_JSON,
        window1: KEYPAD_STATE[op],
        valid: json(KEYPAD_VALID[op]),
        validCommand: (hub) => {
          const cmd = keypadCommand(op, KEYPAD_VALID[op], '1', undefined, (n) => hub.engine.ticketByNumber(n)?.id ?? null);
          if ('refused' in cmd) throw new Error(`valid ${op} refused: ${cmd.refused}`);
          return cmd;
        },
      }),
    );
  // The evaluator rates while window 1 is idle after a service: a valid rating would record ServiceRated.
  const rate: MqttTarget = {
    title: 'evaluator-1 request/rate',
    peer: 'evaluator-1',
    topic: topics.deviceRequest(HALL, 'evaluator-1', 'rate'),
    payloads: jsonPayloads(RATE_VALID, ['level', 'dimensions', 'attitude', 'integrity']),
    accepts: jsonAccepted(RateRequestSchema),
    last: LAST_JSON,
    window1: 'idle',
    valid: json(RATE_VALID),
    validCommand: () => ({ type: 'RateService', windowNo: '1', level: 'satisfied', dimensions: { attitude: 5, quality: 4 }, channel: 'evaluator' }),
  };
  const devices: MqttTarget[] = [
    {
      title: 'keypad-2 state',
      peer: 'keypad-2',
      topic: topics.device(HALL, 'keypad-2', 'state'),
      payloads: jsonPayloads(STATE_VALID, ['version', 'firmware']),
      accepts: jsonAccepted(DeviceStateSchema),
      last: LAST_JSON,
      valid: json(STATE_VALID),
    },
    {
      title: 'keypad-2 availability',
      peer: 'keypad-2',
      topic: topics.device(HALL, 'keypad-2', 'availability'),
      payloads: textPayloads(['online', 'offline']),
      accepts: textAccepted,
      last: LAST_TEXT,
      valid: Buffer.from('offline'),
    },
    {
      // a keypad has no events the hub reads: every payload is unexpected
      title: 'keypad-2 event',
      peer: 'keypad-2',
      topic: topics.device(HALL, 'keypad-2', 'event'),
      payloads: jsonPayloads({ button: 'call', at: 1 }, ['button']),
      accepts: () => false,
      last: LAST_JSON,
    },
    {
      title: 'reader-1 event (ID card, published by bridge-1)',
      peer: 'bridge-1',
      topic: topics.device(HALL, 'reader-1', 'event'),
      payloads: jsonPayloads(ID_CARD_VALID, ['type', 'name', 'idNumber']),
      accepts: jsonAccepted(IdCardEventSchema),
      last: LAST_JSON,
      valid: json(ID_CARD_VALID),
    },
    {
      title: 'bridge-1 state',
      peer: 'bridge-1',
      topic: topics.bridgeState(HALL, 'bridge-1'),
      payloads: textPayloads(['online', 'offline']),
      accepts: textAccepted,
      last: LAST_TEXT,
      valid: Buffer.from('offline'),
    },
    {
      title: 'bridge-1 request/devices',
      peer: 'bridge-1',
      topic: topics.bridgeRequest(HALL, 'bridge-1', 'devices'),
      payloads: jsonPayloads({ transaction: 'fz-1' }, ['transaction']),
      // valid: a JSON object whose transaction, if any, is text of at most 64 characters
      accepts: (b) => {
        try {
          const v: unknown = JSON.parse(b.toString('utf8'));
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
          const tr = (v as { transaction?: unknown }).transaction;
          return tr === undefined || (typeof tr === 'string' && tr.length <= 64);
        } catch {
          return false;
        }
      },
      last: Buffer.from('["not", "an object"]'),
    },
  ];
  return [...keypad, rate, ...devices];
}

describe('MQTT: 10,000 random and mutated payloads per topic leave the hub running and its state unchanged (embedded broker)', () => {
  let hub: TestHub;
  const peers = new Map<PeerId, Peer>();
  let hubReconnects = 0;
  let sentinels = 0;

  async function exec(cmd: QueueCommand): Promise<void> {
    const r = await hub.engine.submit(cmd);
    if (!r.ok) throw new Error(`${cmd.type} refused: ${r.refusal.code}`);
  }
  const window1 = () => windowState(hub.engine.state, '1');

  /** Puts window 1 in the state where a valid request of the kind under test would change the queue. */
  async function reach(target: Window1): Promise<void> {
    const w = window1();
    if (target === 'closed') {
      if (w.currentTicketId) await exec({ type: 'FinishService', windowNo: '1' });
      if (window1().status !== 'closed') await exec({ type: 'CloseWindow', windowNo: '1' });
      return;
    }
    if (w.status === 'closed') {
      // open, and serve one visitor: an evaluator then has a service to rate
      await exec({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
      await exec({ type: 'CallNext', windowNo: '1' });
      await exec({ type: 'StartService', windowNo: '1' });
      await exec({ type: 'FinishService', windowNo: '1' });
    }
    if (window1().status === 'paused') await exec({ type: 'ResumeWindow', windowNo: '1' });
    if (window1().currentTicketId) await exec({ type: 'FinishService', windowNo: '1' });
    if (target === 'paused') await exec({ type: 'PauseWindow', windowNo: '1', reason: '暂停' });
    if (target === 'calling' || target === 'holding') await exec({ type: 'CallNext', windowNo: '1' });
    if (target === 'holding') await exec({ type: 'SuspendTicket', windowNo: '1' });
    expect(window1().status).toBe(target === 'holding' ? 'idle' : target);
  }

  /**
   * A round trip from the peer that proves the hub has handled everything it sent before (the broker and the
   * hub's client keep one publisher's messages in order). Keypads send a valid `call` of a ticket that does not
   * exist; the bridge a valid `devices` request; the evaluator — whose only request would rate — a rating
   * without a level, answered invalid_payload (and counted).
   */
  async function sentinel(p: Peer): Promise<{ rejections: number }> {
    const transaction = `sentinel-${++sentinels}`;
    // the reply is awaited from before the request goes out: it may arrive in the same read as the PUBACK
    const ask = async (request: string, response: string, body: JsonObject) => {
      const reply = p.reply(response, transaction);
      await p.client.publishAsync(request, JSON.stringify({ ...body, transaction }), { qos: 1 });
      return reply;
    };
    if (p.id === 'keypad-1' || p.id === 'keypad-2') {
      const r = await ask(topics.deviceRequest(HALL, p.id, 'call'), topics.deviceResponse(HALL, p.id, 'call'), { number: 'Z999' });
      expect(r).toMatchObject({ status: 'error', error: { code: 'unknown_ticket' } });
      return { rejections: 0 };
    }
    if (p.id === 'bridge-1') {
      const r = await ask(topics.bridgeRequest(HALL, 'bridge-1', 'devices'), topics.bridgeResponse(HALL, 'bridge-1', 'devices'), {});
      expect(r).toMatchObject({ status: 'ok' });
      return { rejections: 0 };
    }
    const r = await ask(topics.deviceRequest(HALL, p.id, 'rate'), topics.deviceResponse(HALL, p.id, 'rate'), {});
    expect(r).toMatchObject({ status: 'error', error: { code: 'invalid_payload' } });
    return { rejections: 1 };
  }

  beforeAll(async () => {
    hub = await testHub(fuzzHall(), fakeClock(), { listen: true });
    hub.mqtt.client.on('connect', () => (hubReconnects += 1));
    for (let i = 0; i < 8; i++) {
      const res = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
      expect(res.statusCode).toBe(201);
    }
    for (const id of ['keypad-1', 'evaluator-1', 'keypad-2', 'bridge-1'] as const) peers.set(id, await peer(hub, id));
    const k1 = peers.get('keypad-1')!;
    const ev = peers.get('evaluator-1')!;
    const k2 = peers.get('keypad-2')!;
    const br = peers.get('bridge-1')!;
    await k1.client.subscribeAsync(topics.deviceResponse(HALL, 'keypad-1', 'call'), { qos: 0 });
    await k2.client.subscribeAsync(topics.deviceResponse(HALL, 'keypad-2', 'call'), { qos: 0 });
    await ev.client.subscribeAsync(topics.deviceResponse(HALL, 'evaluator-1', 'rate'), { qos: 0 });
    await br.client.subscribeAsync(topics.bridgeResponse(HALL, 'bridge-1', 'devices'), { qos: 0 });
    // Everybody online, keypad-2 with a reported state: bad availability or state must not flip or replace it.
    // (The fake clock stands still, so device views compare equal even though any request — a bad one too —
    // refreshes the device's lastSeen: mqtt-gateway calls devices.seen() before validating.)
    await br.client.publishAsync(topics.bridgeState(HALL, 'bridge-1'), 'online', { qos: 1 });
    await br.client.publishAsync(topics.device(HALL, 'reader-1', 'availability'), 'online', { qos: 1 });
    await k1.client.publishAsync(topics.device(HALL, 'keypad-1', 'availability'), 'online', { qos: 1 });
    await ev.client.publishAsync(topics.device(HALL, 'evaluator-1', 'availability'), 'online', { qos: 1 });
    await k2.client.publishAsync(topics.device(HALL, 'keypad-2', 'availability'), 'online', { qos: 1 });
    await k2.client.publishAsync(topics.device(HALL, 'keypad-2', 'state'), JSON.stringify({ version: '1.0.0', brightness: 80 }), { qos: 1 });
    for (const p of peers.values()) await sentinel(p);
    for (const id of ['keypad-1', 'evaluator-1', 'keypad-2', 'reader-1']) expect(hub.devices.view(id)?.online, id).toBe(true);
    expect(hub.devices.view('keypad-2')?.version).toBe('1.0.0');
  }, 60_000);

  afterAll(async () => {
    for (const p of peers.values()) p.client.end(true);
    await hub?.close();
  });

  mqttTargets().forEach((target, index) => {
    it(
      `${target.title}: ${N.toLocaleString('en')} bad payloads change nothing`,
      async () => {
        const seed = SEED + index * 1_000;
        const p = peers.get(target.peer)!;
        if (target.window1) await reach(target.window1);
        if (target.valid) expect(target.accepts(target.valid), 'the filter accepts the valid payload').toBe(true);
        if (target.validCommand) {
          // "unchanged" means something: the valid form of this request would change the queue right now
          const probe = decide(hub.engine.state, target.validCommand(hub), { now: hub.clock.now(), rules: hub.engine.rules, newId: 'probe' });
          expect(probe.ok && probe.events.length > 0, `a valid ${target.title} would change the queue`).toBe(true);
        }
        expect(target.accepts(target.last)).toBe(false);

        const payloads = [...sampleBad(target.payloads, N - 1, seed, (b) => !target.accepts(b)), target.last];
        const before = await observe(hub);
        const rejectedBefore = await rejected(hub);
        const proto = prototypeKeys();

        // QoS 0 for volume, 250 packets a write; the last one through mqtt.js at QoS 1, its PUBACK awaited.
        const stream = p.client.stream;
        for (let i = 0; i < N - 1; i += 250) {
          const chunk = publishPackets(target.topic, payloads.slice(i, Math.min(i + 250, N - 1)));
          await new Promise<void>((resolve, reject) => stream.write(chunk, (err?: Error | null) => (err ? reject(err) : resolve())));
        }
        await p.client.publishAsync(target.topic, target.last, { qos: 1 }); // resolves on PUBACK
        const { rejections: sentinelRejections } = await sentinel(p);

        const after = await observe(hub);
        const rejectedAfter = await rejected(hub);
        const d = delta(rejectedBefore, rejectedAfter);
        const tooLarge = payloads.filter((b) => b.length > MQTT_MAX).length;
        const context = `${target.title}, seed ${seed}, rejected +${JSON.stringify(d)}`;

        expect(after.seq, context).toBe(before.seq);
        expect(after.queue, context).toBe(before.queue);
        expect(after.devices, context).toBe(before.devices);
        expect(after.history, context).toBe(before.history);
        expect(after.audit, context).toBe(before.audit);
        expect(after.idCard, context).toBeNull();
        expect(prototypeKeys(), context).toEqual(proto);
        expect(({} as Record<string, unknown>).polluted, context).toBeUndefined();
        expect(d.mqtt_handler_error, `${context}: a handler threw`).toBeUndefined();
        // every bad payload is counted exactly once
        expect(total(rejectedAfter) - total(rejectedBefore), context).toBe(N + sentinelRejections);
        // the oversized ones among them, each under its own reason (dropped before parsing)
        expect(d.mqtt_payload_too_large ?? 0, context).toBe(tooLarge);
        expect(p.closes, `${context}: the broker dropped ${p.id}`).toBe(0);
        expect(p.client.connected).toBe(true);
        expect(hub.mqtt.client.connected).toBe(true);
        expect(hubReconnects, 'the hub’s own MQTT link never dropped').toBe(0);
      },
      TIMEOUT,
    );
  });
});

// =========================================================================================================

type Nsp = keyof typeof NAMESPACES;
const NSPS: readonly Nsp[] = ['display', 'kiosk', 'console'];
const HEARTBEAT_VALID: JsonObject = { version: '1.0.0', showing: 'queue', audio: 'ok', lastSeq: 1 };
/** socket.io-client refuses to emit these; the hub's own events are included on purpose */
const CLIENT_RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

interface Ack {
  ok: boolean;
  error?: { code: string; message: string; messageEn: string };
}

describe('socket.io: 10,000 bad payloads per event and 1,000 bad handshakes per namespace', () => {
  let hub: TestHub;
  const streams = new Map<Nsp, StreamClient>();
  const drops = new Map<Nsp, number>();
  const ids = new Map<Nsp, string>();

  const deviceOf: Record<Nsp, string | null> = { display: 'wall-1', kiosk: 'kiosk-1', console: null };

  beforeAll(async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    for (let i = 0; i < 4; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.engine.submit({ type: 'OpenWindow', windowNo: '1', staffNo: 'S1' });
    await hub.engine.submit({ type: 'CallNext', windowNo: '1' });
    for (const nsp of NSPS) {
      const device = deviceOf[nsp];
      const s = device
        ? streamClient(hub.base, nsp, { deviceId: device, token: hub.credentials.passwordFor(device)! })
        : streamClient(hub.base, nsp, { token: hub.as('boss').authorization.slice(7) });
      streams.set(nsp, s);
      drops.set(nsp, 0);
      s.socket.on('disconnect', () => drops.set(nsp, drops.get(nsp)! + 1));
      await s.waitFor(() => (s.snapshots.length > 0 ? true : undefined), 10_000, `${nsp} snapshot`);
      ids.set(nsp, s.socket.id!);
      if (device) {
        // what a valid heartbeat sets: bad ones must leave it
        const ack = (await s.socket.timeout(10_000).emitWithAck('heartbeat', HEARTBEAT_VALID)) as Ack;
        expect(ack).toEqual({ ok: true });
        expect(hub.devices.view(device)).toMatchObject({ online: true, version: '1.0.0', showing: 'queue', audio: 'ok' });
      }
    }
  }, 60_000);

  afterAll(async () => {
    for (const s of streams.values()) s.close();
    await hub?.close();
  });

  async function observeSockets(nsp: Nsp) {
    const s = streams.get(nsp)!;
    return { ...(await observe(hub)), snapshots: s.snapshots.length, events: s.events.length };
  }

  function expectStillConnected(nsp: Nsp): void {
    const s = streams.get(nsp)!;
    expect(s.socket.connected, `${nsp} still connected`).toBe(true);
    expect(s.socket.id, `${nsp}: the same connection`).toBe(ids.get(nsp));
    expect(drops.get(nsp), `${nsp} never dropped`).toBe(0);
  }

  type Emission = { event: string; args: unknown[] };

  function emissions(kind: 'heartbeat' | 'resync' | 'unknown', seed: number): Emission[] {
    const bad = (schema: TSchema) => (v: unknown) => {
      const wire = onTheWire([v]);
      return wire.bytes <= SOCKET_MAX && !Value.Check(schema, wire.args[0]);
    };
    if (kind === 'heartbeat') {
      return sampleBad(socketPayloads(HEARTBEAT_VALID, ['version', 'showing', 'audio', 'lastSeq']), N, seed, bad(HeartbeatSchema)).map((v) => ({ event: 'heartbeat', args: [v] }));
    }
    if (kind === 'resync') {
      return sampleBad(socketPayloads({ lastSeq: 1 }, ['lastSeq']), N, seed, bad(ResyncSchema)).map((v) => ({ event: 'resync', args: [v] }));
    }
    // With a Buffer among the arguments socket.io sends a binary packet, which its parser walks recursively on
    // both ends (client-side stack overflow past ~1,000 levels) and in which a `_placeholder` object is an
    // attachment reference (a bad one makes socket.io drop the connection, by design): those are left out.
    return sampleBad(
      unknownEvents(),
      N,
      seed,
      (e) => onTheWire(e.args).bytes <= SOCKET_MAX && !(hasBinary(e.args) && (depthOf(e.args) > 200 || hasKeyDeep(e.args, '_placeholder'))),
    );
  }

  // One corpus per event kind, generated on first use and sent to each namespace: the namespace is what varies.
  const corpora = new Map<string, Emission[]>();
  const corpus = (kind: 'heartbeat' | 'resync' | 'unknown', seed: number): Emission[] => {
    if (!corpora.has(kind)) corpora.set(kind, emissions(kind, seed));
    return corpora.get(kind)!;
  };

  for (const nsp of NSPS) {
    (['heartbeat', 'resync', 'unknown'] as const).forEach((kind, k) => {
      it(
        `/${nsp}: ${N.toLocaleString('en')} bad ${kind === 'unknown' ? 'unknown events' : `${kind} payloads`} are each answered with an error ack and change nothing`,
        async () => {
          const seed = SEED + 500_000 + k * 1_000;
          const s = streams.get(nsp)!;
          const list = corpus(kind, seed);
          expect(list).toHaveLength(N);
          const before = await observeSockets(nsp);
          const rejectedBefore = await rejected(hub);
          const proto = prototypeKeys();

          const acks: unknown[] = new Array<unknown>(list.length);
          await inBatches(list, 500, async (e, i) => {
            acks[i] = await s.socket.timeout(20_000).emitWithAck(e.event, ...e.args);
          });

          const want = kind === 'unknown' ? 'unknown_event' : 'invalid_event';
          const wrong = acks
            .map((a, i) => ({ a, i }))
            .filter(({ a }) => {
              const ack = a as Ack;
              return !(ack.ok === false && ack.error?.code === want && typeof ack.error.message === 'string' && typeof ack.error.messageEn === 'string');
            });
          const first = wrong[0];
          expect(wrong.length, first ? `seed ${seed}: ${JSON.stringify(list[first.i])?.slice(0, 300)} → ${JSON.stringify(first.a)}` : '').toBe(0);

          const after = await observeSockets(nsp);
          const rejectedAfter = await rejected(hub);
          const context = `/${nsp} ${kind}, seed ${seed}, rejected +${JSON.stringify(delta(rejectedBefore, rejectedAfter))}`;
          expect(after, context).toEqual(before);
          expect(total(rejectedAfter) - total(rejectedBefore), context).toBe(N);
          expect(prototypeKeys(), context).toEqual(proto);
          expectStillConnected(nsp);
        },
        TIMEOUT,
      );
    });
  }

  NSPS.forEach((nsp, k) => {
    it(
      `/${nsp}: ${HANDSHAKES.toLocaleString('en')} random and mutated handshakes are all refused and leave the hub running`,
      async () => {
        const seed = SEED + 900_000 + k * 1_000;
        const device = deviceOf[nsp];
        const accounts = ['boss', 'audit', 'staff-S1', 'staff-S2', 'staff-S3', 'staff-S4', 'staff-S5'];
        const sessionTokens = accounts.map((u) => hub.as(u).authorization.slice(7));
        const deviceIds = ['wall-1', 'wall-2', 'screen-1', 'kiosk-1', 'keypad-1', 'bridge-1', 'hub', '__proto__', 'constructor', 'WALL-1', 'wall-1 '];
        const deviceTokens = deviceIds.map((id) => hub.credentials.passwordFor(id)).filter((t): t is string => t !== null);
        const valid: JsonObject = device
          ? { protocol: PROTOCOL_VERSION, deviceId: device, token: hub.credentials.passwordFor(device)! }
          : { protocol: PROTOCOL_VERSION, token: sessionTokens[0]! };
        const allowedTypes: Record<Nsp, readonly string[]> = { display: ['hall-wall', 'zone-wall', 'window-screen'], kiosk: ['kiosk'], console: [] };

        /** what the hub would let in (never sent) */
        const accepted = (auth: Record<string, unknown>): boolean => {
          const h = onTheWire([auth]).args[0];
          if (!Value.Check(HandshakeSchema, h)) return false;
          const { deviceId, token, protocol } = h as { deviceId?: string; token: string; protocol: number };
          // /console checks the session only, not the protocol version (see the report)
          if (nsp === 'console') return sessionTokens.includes(token);
          const d = deviceId ? hub.devices.get(deviceId) : null;
          return !!d && allowedTypes[nsp].includes(d.type) && hub.credentials.verify(d.id, token) && protocol === PROTOCOL_VERSION;
        };
        const auths = sampleBad(
          handshakeObjects(valid, { deviceIds, tokens: [...deviceTokens, ...sessionTokens] }),
          HANDSHAKES,
          seed,
          (a) => onTheWire([a]).bytes <= SOCKET_MAX && !accepted(a),
        );
        const before = await observeSockets(nsp);
        const rejectedBefore = await rejected(hub);

        const outcomes: Array<{ outcome: string; code?: string }> = [];
        await inBatches(auths, 25, async (auth, i) => {
          outcomes[i] = await new Promise((resolve) => {
            const s = io(`${hub.base}${NAMESPACES[nsp]}`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, auth });
            s.once('connect', () => {
              s.close();
              resolve({ outcome: 'connected' });
            });
            s.once('connect_error', (err: Error & { data?: { code?: string } }) => {
              s.close();
              resolve(err.data?.code ? { outcome: 'refused', code: err.data.code } : { outcome: `failed: ${err.message}` });
            });
          });
        });

        const refusedWith = new Set(['invalid_handshake', 'unauthorized', 'protocol_mismatch']);
        const odd = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => !(o.outcome === 'refused' && refusedWith.has(o.code!)));
        const first = odd[0];
        expect(odd.length, first ? `seed ${seed}: ${JSON.stringify(auths[first.i])?.slice(0, 300)} → ${JSON.stringify(first.o)}` : '').toBe(0);

        const after = await observeSockets(nsp);
        const rejectedAfter = await rejected(hub);
        const context = `/${nsp} handshakes, seed ${seed}, rejected +${JSON.stringify(delta(rejectedBefore, rejectedAfter))}`;
        expect(after, context).toEqual(before);
        expect(total(rejectedAfter) - total(rejectedBefore), context).toBe(HANDSHAKES);
        for (const n of NSPS) expectStillConnected(n);
      },
      TIMEOUT,
    );
  });
});

/** Unknown event names (random, near-misses of the real ones, the hub's own outbound names, prototype keys) with 0–3 arguments. */
function unknownEvents(): fc.Arbitrary<{ event: string; args: unknown[] }> {
  return fc.tuple(eventNames(), socketArgs()).map(([event, args]) => ({ event, args }));
}

function eventNames(): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        'error',
        'snapshot',
        'events',
        'device',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'ping',
        'pong',
        'message',
        'heartbeat ',
        ' heartbeat',
        'Heartbeat',
        'HEARTBEAT',
        'resync\u0000',
        'resynC',
        '',
        '*',
        '#',
        '/console',
        'x'.repeat(10_000),
      ),
    )
    .filter((e) => e !== 'heartbeat' && e !== 'resync' && !CLIENT_RESERVED.has(e));
}

function socketArgs(): fc.Arbitrary<unknown[]> {
  return fc.array(socketPayloads(HEARTBEAT_VALID), { maxLength: 3 });
}
