import { AvailabilitySchema, parseTopic, topics, type DeviceCommand, type ResponseEnvelope } from '@hall/shared';
import { checkSchema } from '@hall/shared/parse-json';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { RealtimeFeed } from '../../app/realtime-feed.js';
import type { HallConfig } from '../../config/hall-config-schema.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { IdCardReads } from '../../app/id-card-reads.js';
import type { IdProtector } from '../crypto/id-protection.js';
import type { RejectionCounter } from '../http/errors.js';
import { createBridgeRequestHandler } from './bridge-requests.js';
import { createDeviceReportHandler } from './device-reports.js';
import { createDeviceRequestHandler } from './device-requests.js';
import { promptEvaluators } from './evaluator-prompts.js';
import type { GatewayContext } from './gateway-context.js';

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

/**
 * The hub's side of MQTT: keypad and evaluator requests reach the queue engine; availability and state feed
 * the device registry; calls go out as commands to the window's LED strip and evaluator. Every payload is
 * validated; a bad one is counted and answered (when it has a transaction to answer) and changes nothing.
 * This file connects and routes by topic; each kind of message has its own part (device-requests.ts,
 * bridge-requests.ts, device-reports.ts, evaluator-prompts.ts).
 */
export function startMqttGateway(deps: MqttGatewayDeps): MqttGateway {
  const { config, devices, logger } = deps;
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

  const ctx: GatewayContext = {
    hallId,
    engine: deps.engine,
    devices,
    logger,
    count,
    respond(topic: string, body: ResponseEnvelope) {
      client.publish(topic, JSON.stringify(body), { qos: 1 });
    },
  };
  const onDeviceRequest = createDeviceRequestHandler(ctx, deps.audit);
  const onBridgeRequest = createBridgeRequestHandler(ctx, config, deps.clockRate);
  const onDeviceReport = createDeviceReportHandler(ctx, deps);

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
    onDeviceReport(deviceId, t.channel, payload);
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

  const send = (deviceId: string, command: DeviceCommand): void => {
    client.publish(topics.device(hallId, deviceId, 'set'), JSON.stringify(command), { qos: 1 });
  };
  const unsubscribeFeed = promptEvaluators(deps.feed, devices, send);

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
