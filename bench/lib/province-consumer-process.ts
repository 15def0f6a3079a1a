/**
 * The province's receiving side for bench/province-scale.ts, in a process of its own (started by
 * province-fleet.ts over an IPC channel): `consumers` MQTT 5 clients in one shared subscription
 * (`$share/<group>/province/+/uplink/+`), so the broker spreads the halls' batches over them. Each batch's
 * signature is checked, each event is kept once by its idempotency key (a Set standing in for the
 * province's unique index), and the order per hall and stream is checked on the outbox position `seq`.
 * A live event's `t` gives its end-to-end latency.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { verifySignature } from '@hall/hub/adapters/uplink/sign';

export type ConsumerCommand =
  | { type: 'start'; url: string; username: string; password: string; consumers: number; filter: string; key: string }
  /** start counting a new phase */
  | { type: 'phase' }
  /** answer `reached` once `n` events of this phase have been accepted (at once if they already are) */
  | { type: 'expect'; n: number }
  | { type: 'stats' }
  | { type: 'close' };

export interface PhaseStats {
  messages: number;
  accepted: number;
  duplicates: number;
  /** events that arrived behind a later one of the same hall and stream */
  outOfOrder: number;
  badSignatures: number;
  /** milliseconds, one per live event */
  latencies: number[];
  /** wall clock (ms) of the first and the last accepted event of the phase */
  firstAt: number | null;
  lastAt: number | null;
  /** accepted events per consumer client: how the broker spread the load */
  perConsumer: number[];
}

export type ConsumerReply = { type: 'started' } | { type: 'reached'; stats: PhaseStats } | { type: 'stats'; stats: PhaseStats } | { type: 'failed'; message: string };

const wallMs = (): number => performance.timeOrigin + performance.now();
const send = (r: ConsumerReply): void => void process.send?.(r);

interface Batch {
  hallId: string;
  stream: string;
  events: Array<{ key: string; seq: number; data: { t?: number } }>;
}

const seen = new Set<string>();
const lastSeq = new Map<string, number>();
let clients: MqttClient[] = [];
let key = Buffer.alloc(0);
let expect = Number.POSITIVE_INFINITY;
let reported = false;
let stats: PhaseStats = fresh(0);

function fresh(consumers: number): PhaseStats {
  return { messages: 0, accepted: 0, duplicates: 0, outOfOrder: 0, badSignatures: 0, latencies: [], firstAt: null, lastAt: null, perConsumer: Array.from({ length: consumers }, () => 0) };
}

function onMessage(consumer: number, payload: Buffer, signature: string | undefined): void {
  const now = wallMs();
  stats.messages += 1;
  if (!verifySignature(key, payload, signature)) {
    stats.badSignatures += 1;
    return;
  }
  const b = JSON.parse(payload.toString('utf8')) as Batch;
  const stream = `${b.hallId}/${b.stream}`;
  for (const e of b.events) {
    if (seen.has(e.key)) {
      stats.duplicates += 1;
      continue;
    }
    seen.add(e.key);
    if (e.seq <= (lastSeq.get(stream) ?? 0)) stats.outOfOrder += 1;
    lastSeq.set(stream, e.seq);
    stats.accepted += 1;
    stats.perConsumer[consumer] = (stats.perConsumer[consumer] ?? 0) + 1;
    stats.firstAt ??= now;
    stats.lastAt = now;
    if (typeof e.data.t === 'number') stats.latencies.push(now - e.data.t);
  }
  if (!reported && stats.accepted >= expect) {
    reported = true;
    send({ type: 'reached', stats });
  }
}

async function handle(c: ConsumerCommand): Promise<void> {
  switch (c.type) {
    case 'start': {
      key = Buffer.from(c.key);
      stats = fresh(c.consumers);
      clients = await Promise.all(
        Array.from({ length: c.consumers }, (_, i) =>
          mqtt.connectAsync(c.url, { protocolVersion: 5, clientId: `province-consumer-${i}`, username: c.username, password: c.password, clean: true, reconnectPeriod: 1000 }),
        ),
      );
      clients.forEach((client, i) =>
        client.on('message', (_topic, payload, packet) => {
          const sig = packet.properties?.userProperties?.['x-hall-signature'];
          onMessage(i, payload, Array.isArray(sig) ? sig[0] : sig);
        }),
      );
      await Promise.all(clients.map((client) => client.subscribeAsync(c.filter, { qos: 1 })));
      return send({ type: 'started' });
    }
    case 'phase':
      stats = fresh(clients.length);
      // The baseline numbers its events apart from the relays' outboxes: order is checked within a phase.
      lastSeq.clear();
      expect = Number.POSITIVE_INFINITY;
      reported = false;
      return;
    case 'expect':
      expect = c.n;
      if (stats.accepted >= expect) {
        reported = true;
        send({ type: 'reached', stats });
      }
      return;
    case 'stats':
      return send({ type: 'stats', stats });
    case 'close':
      await Promise.all(clients.map((client) => client.endAsync(true)));
      process.disconnect?.();
      return;
  }
}

process.on('message', (m) => {
  handle(m as ConsumerCommand).catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
