import mqtt, { type MqttClient } from 'mqtt';
import { expect } from 'vitest';
import { collect, connectMqtt } from '@hall/testkit/clients';
import type { TestHub } from '@hall/testkit/hub-fixture';

const ID_NUMBER = '110105199001011234';

/** How a connection attempt ended: connected (then kept open for inspection) or refused with a CONNACK code. */
function attempt(client: MqttClient): Promise<{ connected: true } | { connected: false; code: number | undefined }> {
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ connected: true }));
    client.once('error', (err: Error & { code?: number }) => resolve({ connected: false, code: err.code }));
  });
}

/**
 * An intruder with keypad-2's credentials asks for the hub's client id (with a persistent session, to be handed
 * the hub's queue) and subscribes to everything; then an ID card is read. The hub must keep its connection and
 * the card, and nothing of it may reach the intruder. Returns what the broker answered the intruder.
 */
export async function tryHubTakeover(
  hub: TestHub,
  brokerUrl: string,
  hubClientId: string,
  closers: Array<() => unknown>,
): Promise<{ connected: boolean; code?: number | undefined }> {
  await hub.mqtt.ready;
  let hubDrops = 0;
  hub.mqtt.client.on('close', () => hubDrops++);
  const intruder = mqtt.connect(brokerUrl, {
    username: 'keypad-2',
    password: hub.credentials.passwordFor('keypad-2')!,
    clientId: hubClientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  closers.push(() => intruder.end(true));
  const received: string[] = [];
  intruder.on('message', (topic, payload) => received.push(`${topic} ${payload.toString('utf8')}`));
  const outcome = await attempt(intruder);
  if (outcome.connected) await intruder.subscribeAsync('hall/#', { qos: 1 }).catch(() => undefined);

  const reader = await connectMqtt(brokerUrl, 'idreader-1', hub.credentials.passwordFor('idreader-1')!);
  closers.push(() => reader.end(true));
  const inbox = collect(reader);
  await reader.subscribeAsync('hall/test-hall/dev/idreader-1/response/+', { qos: 1 });
  await reader.publishAsync('hall/test-hall/dev/idreader-1/event', JSON.stringify({ type: 'id-card', name: '张三', idNumber: ID_NUMBER }), { qos: 1 });
  // The hub answers the ping that follows the card only after it has handled the card.
  await reader.publishAsync('hall/test-hall/dev/idreader-1/request/ping', '{}', { qos: 1 });
  await inbox.next('hall/test-hall/dev/idreader-1/response/ping');

  const kiosk = { authorization: `Device kiosk-1:${hub.credentials.passwordFor('kiosk-1')}` };
  const ticket = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { lineId: 'general', useIdCard: true } });
  expect(ticket.statusCode, 'the hub received the card').toBe(201);
  expect(hubDrops, 'the hub kept its MQTT connection').toBe(0);
  expect(received.join('\n')).not.toContain('19900101');
  expect(received.join('\n')).not.toContain('张三');
  return outcome;
}
