// What the MQTT and socket.io fuzz tests share: the sizes and seed, the hub's acceptance rules as an oracle (a
// payload it would act on is not sent), MQTT peers, and the HTTP views that show the hub's state did not change.

import { AvailabilitySchema } from '@hall/shared';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { MqttClient } from 'mqtt';
import { expect } from 'vitest';
import { connectMqtt, until } from '@hall/testkit/clients';
import { isJsonObject } from '../support/json-mutations.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import type { TestHub } from '@hall/testkit/hub-fixture';

export const N = 10_000;
export const HANDSHAKES = 1_000;
export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
export const HALL = 'test-hall';
/** the hub ignores MQTT payloads above this (counted as mqtt_payload_too_large) */
export const MQTT_MAX = 64 * 1024;
/** socket.io's maxHttpBufferSize on the hub is 64 KiB: a bigger frame drops the connection, by design */
export const SOCKET_MAX = 60_000;
export const TIMEOUT = 120_000;

/** smallHall plus an ID-card reader behind bridge-1: the one device whose `event` payloads the hub parses. */
export function fuzzHall() {
  const base = smallHall();
  return smallHall({ devices: [...base.devices, { id: 'reader-1', type: 'id-reader', bridge: 'bridge-1' }] });
}

// ---- what the hub accepts -------------------------------------------------------------------------------

export function parseJson(b: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(b.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
/** the gateway's rule for JSON topics: within the size cap, parses (as UTF-8), and matches the schema */
export const jsonAccepted = (schema: TSchema) => (b: Buffer) => {
  if (b.length > MQTT_MAX) return false;
  const p = parseJson(b);
  return p.ok && Value.Check(schema, p.value);
};
/** availability and bridge state: exactly `online` or `offline` */
export const textAccepted = (b: Buffer) => b.length <= MQTT_MAX && Value.Check(AvailabilitySchema, b.toString('utf8'));

/** Every object and array inside `v` (iteratively: payloads nest thousands deep). */
export function* nodes(v: unknown): Generator<unknown> {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    yield x;
    if (typeof x === 'object' && x !== null && !Buffer.isBuffer(x) && !(x instanceof Uint8Array)) stack.push(...(Array.isArray(x) ? x : Object.values(x)));
  }
}
/** What socket.io delivers to the hub for an emitted value: JSON, except that Buffers arrive as Buffers. */
export const hasBinary = (v: unknown): boolean => {
  for (const x of nodes(v)) if (Buffer.isBuffer(x) || x instanceof Uint8Array) return true;
  return false;
};
/** how deep arrays and objects nest in `v` */
export function depthOf(v: unknown): number {
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
export const hasKeyDeep = (v: unknown, key: string): boolean => {
  for (const x of nodes(v)) if (typeof x === 'object' && x !== null && !Array.isArray(x) && Object.prototype.hasOwnProperty.call(x, key)) return true;
  return false;
};
/** What the hub receives for emitted `args` (socket.io sends JSON, with Buffers as binary attachments), and its size. */
export function onTheWire(args: readonly unknown[]): { args: unknown[]; bytes: number } {
  const text = JSON.stringify(args);
  return { args: hasBinary(args) ? [...args] : (JSON.parse(text) as unknown[]), bytes: Buffer.byteLength(text, 'utf8') };
}

/**
 * PUBLISH packets (QoS 0, not retained) as bytes. For volume the fuzz writes them in batches straight to the
 * peer's authenticated connection, rather than one mqtt.js call (and one write) per message.
 */
export function publishPackets(topic: string, payloads: readonly Buffer[]): Buffer {
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

export interface Peer {
  id: string;
  client: MqttClient;
  /** messages received per topic */
  received: Map<string, number>;
  /** times the broker dropped this client (an ACL refusal would) */
  closes: number;
  /** the response on `topic` that carries `transaction` */
  reply(topic: string, transaction: string, ms?: number): Promise<Record<string, unknown>>;
}

export async function peer(hub: TestHub, id: string): Promise<Peer> {
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

export async function getJson(hub: TestHub, path: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${hub.base}${path}`, { headers });
  expect(res.status, `GET ${path}`).toBe(200);
  return res.json();
}

export interface Observed {
  seq: number;
  queue: string;
  devices: string;
  /** every device's online/offline history: catches a flip and back, which the views alone would not show */
  history: string;
  audit: string;
  idCard: unknown;
}
export async function observe(hub: TestHub): Promise<Observed> {
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
export async function rejected(hub: TestHub): Promise<Record<string, number>> {
  const health = (await getJson(hub, '/api/health')) as { status: string; rejected: Record<string, number> };
  expect(health.status).toBe('ok');
  return health.rejected;
}
export const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
export const delta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([k, v]): [string, number] => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
export const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

/** runs `fn` over `items`, `width` at a time */
export async function inBatches<T>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((x, k) => fn(x, i + k)));
}
