import {
  AvailabilitySchema,
  DeviceStateSchema,
  IdCardEventSchema,
  KeypadOps,
  KeypadRequestSchemas,
  RateRequestSchema,
  parseTopic,
  topics,
  type DeviceCommand,
  type HubEvent,
  type KeypadOp,
  type KeypadReply,
  type RateRequest,
  type ResponseEnvelope,
} from '@hall/shared';
import { checkSchema, firstError, parseJson } from '@hall/shared/parse-json';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { RealtimeFeed } from '../../app/realtime-feed.js';
import type { HallConfig } from '../../config/hall-config-schema.js';
import { windowView } from '../../domain/queue/views.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { IdCardReads } from '../../app/id-card-reads.js';
import type { IdProtector } from '../crypto/id-protection.js';
import type { RejectionCounter } from '../http/errors.js';
import { keypadCommand } from './keypad-commands.js';

export interface MqttGatewayDeps {
  url: string;
  password: string;
  protocolVersion: 4 | 5;
  config: HallConfig;
  engine: QueueEngine;
  feed: RealtimeFeed;
  devices: DeviceRegistry;
  audit: AuditLog;
  ids: IdProtector;
  idCards: IdCardReads;
  rejections: RejectionCounter;
  logger: Logger;
  /** a kiosk printer's bridge reports jobs (`event`) and paper and cover (`state`): the print queue's */
  printerMessage?: (deviceId: string, channel: 'event' | 'state', value: unknown) => 'ok' | 'invalid';
  /** hub milliseconds per real millisecond (a simulated hall runs faster): told to bridges with the clock */
  clockRate?: number;
}

export interface MqttGateway {
  client: MqttClient;
  /** resolves once connected and subscribed the first time */
  ready: Promise<void>;
  /** the latest ID-card read of a reader, masked (for the kiosk it stands beside) */
  close(): Promise<void>;
}

const MAX_PAYLOAD = 64 * 1024;
/** The devices a bridge says it has that the hall configuration does not put behind it as that type. */
function refusedDevices(mine: ReadonlyArray<{ id: string; type: string }>, configured: unknown[]): Array<{ id: string; reason: string }> {
  const out: Array<{ id: string; reason: string }> = [];
  for (const c of configured.slice(0, 256)) {
    if (typeof c !== 'object' || c === null) continue;
    const { id, type } = c as { id?: unknown; type?: unknown };
    if (typeof id !== 'string' || id.length > 64) continue;
    const known = mine.find((d) => d.id === id);
    if (!known) out.push({ id, reason: 'not behind this bridge in the hall configuration' });
    else if (known.type !== type) out.push({ id, reason: `configured as ${String(type)}, the hall says ${known.type}` });
  }
  return out;
}

const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);

/**
 * The hub's side of MQTT: keypad and evaluator requests reach the queue engine; availability and state feed
 * the device registry; calls go out as commands to the window's LED strip and evaluator. Every payload is
 * validated; a bad one is counted and answered (when it has a transaction to answer) and changes nothing.
 */
export function startMqttGateway(deps: MqttGatewayDeps): MqttGateway {
  const { config, engine, devices, logger } = deps;
  const hallId = config.hall.id;
  const count = (code: string): void => {
    deps.rejections.set(code, (deps.rejections.get(code) ?? 0) + 1);
  };

  const client = mqtt.connect(deps.url, {
    username: 'hub',
    password: deps.password,
    clientId: `hub-${hallId}`,
    protocolVersion: deps.protocolVersion,
    // A persistent session: QoS 1 presses that reach the broker while the hub is away are kept for it.
    clean: false,
    ...(deps.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 3600 } } : {}),
    reconnectPeriod: 500,
    connectTimeout: 5000,
    will: { topic: topics.hubState(hallId), payload: Buffer.from('offline'), qos: 1, retain: true },
  });

  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  client.on('connect', () => {
    // mqtt.js has no option for it: switch Nagle off on the socket itself (see embedded-broker.ts for why).
    const stream = client.stream as { setNoDelay?: (on: boolean) => void };
    stream.setNoDelay?.(true);
    client.publish(topics.hubState(hallId), 'online', { qos: 1, retain: true });
    client.subscribe(topics.hubSubscriptions(hallId), { qos: 1 }, (err) => {
      if (err) logger.error({ err }, 'mqtt subscribe failed');
      else resolveReady();
    });
  });
  client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt client error'));

  function respond(topic: string, body: ResponseEnvelope): void {
    client.publish(topic, JSON.stringify(body), { qos: 1 });
  }
  function errorBody(code: string, message: string, messageEn: string, transaction: string | undefined): ResponseEnvelope {
    return transaction === undefined
      ? { status: 'error', error: { code, message, messageEn } }
      : { status: 'error', error: { code, message, messageEn }, transaction };
  }

  /**
   * What the keypad's own display shows after a request. A call answers with the ticket *this* request called:
   * reading the window afterwards could show a later call of the same group commit (a double press).
   */
  function keypadReply(windowNo: string, calledTicketId: string | null): KeypadReply {
    const w = windowView(engine.state, engine.rules, windowNo);
    const called = calledTicketId === null ? null : (engine.ticket(calledTicketId)?.number ?? null);
    const lines = engine.rules.windows.get(windowNo)?.lines ?? [];
    let waiting = 0;
    for (const { line } of lines) {
      const q = engine.state.lines.get(line);
      if (q) waiting += q.priority.length + q.normal.length;
    }
    return { windowNo, windowStatus: w.status, staffNo: w.staffNo, ticket: called ?? w.currentTicket, waiting, suspended: w.suspendedTickets };
  }

  async function onDeviceRequest(deviceId: string, op: string, payload: Buffer): Promise<void> {
    const responseTopic = topics.deviceResponse(hallId, deviceId, op);
    const device = devices.get(deviceId)!;
    const parsed = parseJson(payload.toString('utf8'));
    const body = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : null;
    const transaction = typeof body?.transaction === 'string' && body.transaction.length <= 64 ? body.transaction : undefined;
    if (!body) {
      count('mqtt_bad_payload');
      return respond(responseTopic, errorBody('invalid_payload', '请求不是 JSON 对象。', 'The request is not a JSON object.', transaction));
    }
    const windowNo = device.window ?? '';
    const requestId = transaction ? `${deviceId}/${transaction}` : undefined;
    let cmd;
    if (device.type === 'keypad' && (KeypadOps as readonly string[]).includes(op)) {
      const schema = KeypadRequestSchemas[op as KeypadOp];
      if (!checkSchema(schema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody('invalid_payload', `请求内容有误：${firstError(schema, body)}`, `Invalid request: ${firstError(schema, body)}`, transaction));
      }
      cmd = keypadCommand(op as KeypadOp, body, windowNo, requestId, (n) => engine.ticketByNumber(n)?.id ?? null);
    } else if (device.type === 'evaluator' && op === 'rate') {
      if (!checkSchema(RateRequestSchema, body)) {
        count('mqtt_bad_payload');
        return respond(responseTopic, errorBody('invalid_payload', `请求内容有误：${firstError(RateRequestSchema, body)}`, `Invalid request: ${firstError(RateRequestSchema, body)}`, transaction));
      }
      const r = body as RateRequest;
      const ticketId = r.ticket === undefined ? undefined : (engine.ticketByNumber(r.ticket)?.id ?? null);
      cmd =
        ticketId === null
          ? { refused: 'unknown_ticket' as const }
          : { type: 'RateService' as const, windowNo, ticketId, level: r.level, dimensions: r.dimensions, channel: 'evaluator' as const, requestId, notAfter: r.deadline };
    } else {
      count('mqtt_unknown_op');
      return respond(responseTopic, errorBody('unknown_operation', `设备不支持这个操作：${op}`, `This device has no operation ${op}.`, transaction));
    }
    devices.seen(deviceId);
    if ('refused' in cmd) {
      return respond(responseTopic, errorBody(cmd.refused, '没有找到这张号票。', 'No such ticket today.', transaction));
    }
    // The audit row is written in the command's own transaction: one fsync for both.
    const r = await engine.submit(cmd, (result) =>
      deps.audit.append({
        at: engine.now(),
        actor: `device:${deviceId}`,
        role: 'device',
        action: `${device.type} ${op}`,
        target: windowNo,
        outcome: result.ok ? 'ok' : 'refused',
        address: null,
        detail: result.ok ? undefined : { code: result.refusal.code },
      }),
    );
    if (!r.ok) {
      if (r.refusal.code === 'request_expired') {
        // The device was told "no answer" and its press is dropped, as PROTOCOL.md §7 promises: counted and said.
        count('device_request_expired');
        logger.warn({ deviceId, op, lateByMs: r.refusal.details?.lateByMs }, 'device request past its deadline: not applied');
      }
      return respond(responseTopic, errorBody(r.refusal.code, r.refusal.zh, r.refusal.en, transaction));
    }
    const calls = op === 'call-next' || op === 'call' || op === 'recall';
    // An evaluator is told which ticket its rating went to: its bridge stops naming that prompt.
    const data = device.type === 'keypad' ? keypadReply(windowNo, calls ? r.ticketId : null) : { rated: true, ticket: r.ticketId ? (engine.ticket(r.ticketId)?.number ?? null) : null };
    respond(responseTopic, transaction === undefined ? { status: 'ok', data } : { status: 'ok', data, transaction });
  }

  function onBridgeRequest(bridgeId: string, op: string, payload: Buffer): void {
    const parsed = parseJson(payload.toString('utf8'));
    const body = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : null;
    const transaction = typeof body?.transaction === 'string' && body.transaction.length <= 64 ? body.transaction : undefined;
    const topic = topics.bridgeResponse(hallId, bridgeId, op);
    if (!body || (body.transaction !== undefined && transaction === undefined)) {
      count('mqtt_bad_payload');
      return respond(topic, errorBody('invalid_payload', '请求不是 JSON 对象，或 transaction 有误。', 'The request is not a JSON object, or its transaction is invalid.', transaction));
    }
    if (op === 'clock') {
      // The bridge estimates the hub's clock from this to stamp its requests' deadlines (PROTOCOL.md §7).
      const data = { now: engine.now(), rate: deps.clockRate ?? 1 };
      return respond(topic, transaction === undefined ? { status: 'ok', data } : { status: 'ok', data, transaction });
    }
    if (op !== 'devices') {
      count('mqtt_unknown_op');
      return respond(topic, errorBody('unknown_operation', `网关不支持这个操作：${op}`, `The bridge has no operation ${op}.`, transaction));
    }
    // A bridge learns from the hub which devices it serves; one that names the devices it has configured is told
    // which of them the hub refuses, and those are named on the console (each refused alone, not the bridge).
    const mine = config.devices.filter((d) => d.bridge === bridgeId);
    const data = mine.map((d) => ({ id: d.id, type: d.type, window: d.window ?? null }));
    if (Array.isArray(body.configured)) {
      const refused = refusedDevices(mine, body.configured);
      devices.setBridgeRefusals(bridgeId, refused);
      if (refused.length) {
        count('bridge_device_refused');
        logger.warn({ bridgeId, refused }, 'a bridge is configured with devices the hall configuration does not put behind it: refused');
      }
    }
    respond(topic, transaction === undefined ? { status: 'ok', data } : { status: 'ok', data, transaction });
  }

  function onMessage(topic: string, payload: Buffer): void {
    const t = parseTopic(topic);
    if (!t || t.hallId !== hallId) return count('mqtt_bad_topic');
    if (payload.length > MAX_PAYLOAD) return count('mqtt_payload_too_large');
    if (t.kind === 'bridge-state') {
      const v = payload.toString('utf8');
      if (!checkSchema(AvailabilitySchema, v)) return count('mqtt_bad_payload');
      return devices.setBridgeState(t.bridgeId, v === 'online');
    }
    if (t.kind === 'bridge-request') return onBridgeRequest(t.bridgeId, t.op, payload);
    if (t.kind !== 'device' && t.kind !== 'device-request') return;
    const deviceId = t.deviceId;
    if (!devices.has(deviceId)) return count('mqtt_unknown_device');
    if (t.kind === 'device-request') {
      onDeviceRequest(deviceId, t.op, payload).catch((err: unknown) => logger.error({ err, deviceId }, 'device request failed'));
      return;
    }
    if (t.channel === 'availability') {
      const v = payload.toString('utf8');
      if (!checkSchema(AvailabilitySchema, v)) return count('mqtt_bad_payload');
      return devices.setAvailability(deviceId, v === 'online', 'mqtt');
    }
    const parsed = parseJson(payload.toString('utf8'));
    if (!parsed.ok) return count('mqtt_bad_payload');
    if (t.channel === 'state') {
      if (!checkSchema(DeviceStateSchema, parsed.value)) return count('mqtt_bad_payload');
      if (devices.get(deviceId)?.type === 'printer' && deps.printerMessage?.(deviceId, 'state', parsed.value) === 'invalid') return count('mqtt_bad_payload');
      return devices.setState(deviceId, parsed.value as Record<string, unknown>);
    }
    if (t.channel === 'event' && devices.get(deviceId)?.type === 'printer' && deps.printerMessage) {
      if (deps.printerMessage(deviceId, 'event', parsed.value) === 'invalid') return count('mqtt_bad_payload');
      return devices.seen(deviceId);
    }
    if (t.channel === 'event' && devices.get(deviceId)?.type === 'id-reader') {
      if (!checkSchema(IdCardEventSchema, parsed.value)) return count('mqtt_bad_payload');
      const card = parsed.value as { name: string; idNumber: string };
      // Kept masked only: the kiosk beside the reader asks for it when a visitor takes a ticket by ID card.
      deps.idCards.put(deviceId, { identity: deps.ids.protect(card.idNumber), nameMasked: maskName(card.name), at: engine.now() });
      return devices.seen(deviceId);
    }
    count('mqtt_unexpected_message');
  }

  client.on('message', (topic, payload) => {
    try {
      onMessage(topic, payload);
    } catch (err) {
      // Nothing a device sends may take the hub down.
      count('mqtt_handler_error');
      logger.error({ err, topic }, 'mqtt message handler failed');
    }
  });

  function send(deviceId: string, command: DeviceCommand): void {
    client.publish(topics.device(hallId, deviceId, 'set'), JSON.stringify(command), { qos: 1 });
  }
  // Strips are display control's (app/led-strips.ts); the evaluator's prompt is the queue's.
  const unsubscribeFeed = deps.feed.onEvents((batch: HubEvent[]) => {
    for (const e of batch) {
      if (e.type === 'ServiceFinished' && e.window && e.ticket) {
        for (const d of devices.devicesOfWindow(e.window.no, 'evaluator')) {
          send(d.id, { command: 'prompt-rating', ticket: e.ticket.number, windowNo: e.window.no });
        }
      }
    }
  });

  return {
    client,
    ready,
    async close() {
      unsubscribeFeed();
      await new Promise<void>((resolve) => {
        // A clean stop: say so (the will is for crashes), then disconnect.
        client.publish(topics.hubState(hallId), 'offline', { qos: 1, retain: true }, () => client.end(false, {}, () => resolve()));
        if (!client.connected) client.end(true, {}, () => resolve());
      });
    },
  };
}
