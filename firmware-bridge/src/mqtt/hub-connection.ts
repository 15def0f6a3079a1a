import { parseTopic, topics, type ParsedTopic } from '@hall/shared/topics';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/bridge-config-schema.js';

export interface HubConnection {
  client: MqttClient;
  connected(): boolean;
  publishAvailability(deviceId: string, online: boolean): void;
  publishState(deviceId: string, state: Record<string, string | number | boolean | null>): void;
  publishRequest(deviceId: string, op: string, body: Record<string, unknown>): void;
  publishEvent(deviceId: string, event: Record<string, unknown>): void;
  /** a request of the bridge itself (`devices`, `clock`), answered on the bridge's response topic */
  publishBridgeRequest(op: string, body: Record<string, unknown>): void;
  /** subscribes to the commands and replies of these devices (the ones the hub accepted) */
  subscribeDevices(ids: readonly string[]): Promise<void>;
  /** retained `online`: published once the devices' availability is (so the hub never reads a stale one) */
  announceOnline(): void;
  /** a clean stop: says `offline` itself (the will is for crashes), then disconnects */
  close(): Promise<void>;
}

/** how long a clean stop waits for the broker to take the bridge's `offline` */
const CLOSE_GRACE_MS = 1000;

export interface HubConnectionDeps {
  config: BridgeConfig;
  password: string;
  clientId: string;
  logger: Logger;
  /**
   * On every connect, once the bridge's own response topic is subscribed: the bridge asks the hub which of its
   * devices it knows, publishes their availability, subscribes to them and then announces itself online.
   */
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
  // the response filter for every op: the builder's last segment made a wildcard, as the ACL writes it
  const wildcard = (topic: string) => topic.replace(/x$/, '+');
  const deviceSubscriptions = (ids: readonly string[]) => ids.flatMap((id) => [topics.device(hallId, id, 'set'), wildcard(topics.deviceResponse(hallId, id, 'x'))]);

  client.on('connect', () => {
    // Nagle off, as the hub does: a keypad's request and the strip's command are small packets in a row.
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    logger.info({ url: config.mqtt.url }, 'connected to the hub broker');
    // receipt printers on their own device files take their jobs on their `set` topic
    if (config.printers.length) client.subscribe(config.printers.map((p) => topics.device(hallId, p.id, 'set')), { qos: 1 });
    client.subscribe(wildcard(topics.bridgeResponse(hallId, config.bridgeId, 'x')), { qos: 1 }, (err, granted) => {
      if (err || granted?.[0]?.qos === 128) logger.error({ err: err?.message }, 'mqtt subscribe to the bridge’s own responses refused: is this bridge in the hall configuration?');
      deps.onConnect();
    });
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
    publishAvailability: (id, online) => client.publish(topics.device(hallId, id, 'availability'), online ? 'online' : 'offline', { qos: 1, retain: true }),
    publishState: (id, state) => publishJson(topics.device(hallId, id, 'state'), state, true),
    publishRequest: (id, op, body) => publishJson(topics.deviceRequest(hallId, id, op), body, false),
    publishEvent: (id, event) => publishJson(topics.device(hallId, id, 'event'), event, false),
    publishBridgeRequest: (op, body) => publishJson(topics.bridgeRequest(hallId, config.bridgeId, op), body, false),
    subscribeDevices: (ids) =>
      new Promise<void>((resolve) => {
        if (!ids.length) return resolve();
        client.subscribe(deviceSubscriptions(ids), { qos: 1 }, (err, granted) => {
          const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
          if (err || refused.length) logger.error({ err: err?.message, refused }, 'mqtt subscribe refused: check the hall configuration lists these devices under this bridge');
          resolve();
        });
      }),
    announceOnline: () => void client.publish(stateTopic, 'online', { qos: 1, retain: true }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!client.connected) return client.end(true, {}, () => resolve());
        // A broker that has stopped answering (frozen, half-open) never acknowledges the `offline`: after
        // CLOSE_GRACE_MS the connection is dropped, and the will says it instead.
        const force = setTimeout(() => client.end(true, {}, () => resolve()), CLOSE_GRACE_MS);
        client.publish(stateTopic, 'offline', { qos: 1, retain: true }, () =>
          client.end(false, {}, () => {
            clearTimeout(force);
            resolve();
          }),
        );
      }),
  };
}
