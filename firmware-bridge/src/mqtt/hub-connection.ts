import { parseTopic, topics, type ParsedTopic } from '@hall/shared/topics';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';

export interface HubConnection {
  client: MqttClient;
  connected(): boolean;
  /** resolves once connected and subscribed the first time */
  ready: Promise<void>;
  publishAvailability(deviceId: string, online: boolean): void;
  publishState(deviceId: string, state: Record<string, string | number | boolean | null>): void;
  publishRequest(deviceId: string, op: string, body: Record<string, unknown>): void;
  publishEvent(deviceId: string, event: Record<string, unknown>): void;
  /** a clean stop: says `offline` itself (the will is for crashes), then disconnects */
  close(): Promise<void>;
}

export interface HubConnectionDeps {
  config: BridgeConfig;
  password: string;
  clientId: string;
  logger: Logger;
  /** the retained facts to (re)publish on every connect: availability of each device, before the bridge's `online` */
  onConnect(): void;
  onMessage(topic: ParsedTopic, payload: Buffer): void;
}

/**
 * The bridge's MQTT session with the hub's broker (zigbee2mqtt conventions): the bridge state is retained
 * `online`, with the last will `offline`; each device's availability is retained; requests and events are QoS 1
 * and not retained. A clean session: commands sent while the bridge was away are not replayed to the devices.
 */
export function connectToHub(deps: HubConnectionDeps): HubConnection {
  const { config, logger } = deps;
  const hallId = config.hallId;
  const stateTopic = topics.bridgeState(hallId, config.bridgeId);
  const client = mqtt.connect(config.mqtt.url, {
    username: config.mqtt.username ?? config.bridgeId,
    password: deps.password,
    clientId: deps.clientId,
    protocolVersion: config.mqtt.protocolVersion,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    will: { topic: stateTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  const subscriptions = config.devices.flatMap((d) => [
    topics.device(hallId, d.id, 'set'),
    // the response filter for every op: the builder's last segment made a wildcard, as the ACL writes it
    topics.deviceResponse(hallId, d.id, 'x').replace(/x$/, '+'),
  ]);
  // receipt printers on their own device files take their jobs on their `set` topic too
  subscriptions.push(...config.printers.map((p) => topics.device(hallId, p.id, 'set')));

  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  client.on('connect', () => {
    // Nagle off, as the hub does: a keypad's request and the strip's command are small packets in a row.
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    deps.onConnect();
    client.publish(stateTopic, 'online', { qos: 1, retain: true });
    client.subscribe(subscriptions, { qos: 1 }, (err, granted) => {
      const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
      if (err || refused.length) logger.error({ err: err?.message, refused }, 'mqtt subscribe refused: check the hall configuration lists these devices under this bridge');
      else resolveReady();
    });
    logger.info({ url: config.mqtt.url }, 'connected to the hub broker');
  });
  client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt error'));
  client.on('offline', () => logger.warn('hub broker unreachable; reconnecting'));
  client.on('message', (topic, payload) => {
    const t = parseTopic(topic);
    if (t) deps.onMessage(t, payload);
  });

  const publishJson = (topic: string, body: unknown, retain: boolean) => client.publish(topic, JSON.stringify(body), { qos: 1, retain });
  return {
    client,
    connected: () => client.connected,
    ready,
    publishAvailability: (id, online) => client.publish(topics.device(hallId, id, 'availability'), online ? 'online' : 'offline', { qos: 1, retain: true }),
    publishState: (id, state) => publishJson(topics.device(hallId, id, 'state'), state, true),
    publishRequest: (id, op, body) => publishJson(topics.deviceRequest(hallId, id, op), body, false),
    publishEvent: (id, event) => publishJson(topics.device(hallId, id, 'event'), event, false),
    close: () =>
      new Promise<void>((resolve) => {
        if (!client.connected) return client.end(true, {}, () => resolve());
        client.publish(stateTopic, 'offline', { qos: 1, retain: true }, () => client.end(false, {}, () => resolve()));
      }),
  };
}
