import { DeviceStateSchema, IdCardEventSchema, KeypadOps, KeypadRequestSchemas, RateRequestSchema, topics, type KeypadOp } from '@hall/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keypadAction } from '../../src/adapters/mqtt/keypad-commands.js';
import { windowCommand } from '../../src/app/queue-actions.js';
import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide } from '../../src/domain/queue/decide.js';
import { windowState } from '../../src/domain/queue/state.js';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { jsonPayloads, sampleBad, textPayloads } from '../support/bad-payloads.js';
import type { JsonObject } from '../support/json-mutations.js';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { N, SEED, HALL, MQTT_MAX, TIMEOUT, fuzzHall, jsonAccepted, textAccepted, publishPackets, type Peer, peer, observe, rejected, total, delta, prototypeKeys } from './fuzz-harness.js';

/**
 * Acceptance: "10,000 random and mutated payloads per MQTT topic and per socket event leave the hub running and
 * its state unchanged." One real hub (embedded broker, real SQLite, real sockets) per describe block. Every
 * generated payload the hub would accept is filtered out first — valid input may change state, bad input may not.
 * Set FUZZ_SEED to explore other inputs; a failure message names the seed.
 */

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
          const byNumber = (ref?: { ticketId?: string | undefined; number?: string | undefined }) => ref?.ticketId ?? hub.engine.ticketByNumber(ref?.number ?? '')?.id ?? null;
          const cmd = windowCommand('1', keypadAction(op, KEYPAD_VALID[op]), undefined, byNumber);
          if ('kind' in cmd) throw new Error(`valid ${op} refused: ${cmd.code}`);
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
