import mqtt, { type MqttClient } from 'mqtt';
import { SIGNATURE_HEADER } from '@hall/shared';
import { asBatch, type HeldEvents } from './held-events.js';
import { parse } from './http-util.js';
import { firstHeader, verifySignature } from './sign.js';

export interface MqttIntake {
  url: string;
  topic?: string;
  username?: string;
  password?: string;
}

/**
 * The province's MQTT 5 intake: batches published by halls whose uplink uses the mqtt5 transport, signed in
 * the user property named like the HTTP header.
 */
export function subscribeProvince(m: MqttIntake, o: { key: Buffer; clientId: string; events: HeldEvents; received: () => void }): { client: MqttClient; ready: Promise<void> } {
  const stats = o.events.stats;
  const client = mqtt.connect(m.url, {
    protocolVersion: 5,
    clientId: o.clientId,
    // A persistent session: batches published while the province's subscriber is away wait at the broker.
    clean: false,
    properties: { sessionExpiryInterval: 3600 },
    reconnectPeriod: 500,
    ...(m.username !== undefined ? { username: m.username } : {}),
    ...(m.password !== undefined ? { password: m.password } : {}),
  });
  client.on('error', () => {});
  const ready = new Promise<void>((resolve, reject) => {
    client.once('connect', () => client.subscribe(m.topic ?? 'province/+/uplink/+', { qos: 1 }, (err) => (err ? reject(err) : resolve())));
  });
  client.on('message', (_topic, payload, packet) => {
    stats.mqttMessages += 1;
    const props = packet.properties?.userProperties ?? {};
    if (!verifySignature(o.key, payload, firstHeader(props[SIGNATURE_HEADER]))) {
      stats.badSignatures += 1;
      return;
    }
    const batch = asBatch(parse(payload));
    if (!batch) {
      stats.badBodies += 1;
      return;
    }
    o.events.accept(batch, 'mqtt', Date.now());
    o.received();
  });
  return { client, ready };
}
