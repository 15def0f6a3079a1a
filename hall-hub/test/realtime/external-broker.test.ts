import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceCredentials } from '../../src/adapters/crypto/device-credentials.js';
import { brokerPrincipals } from '../../src/adapters/mqtt/mqtt-acl.js';
import type { HallConfig } from '../../src/config/hall-config-schema.js';
import { collect, connectMqtt, streamClient, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { startMosquitto, type MosquittoBroker } from '@hall/testkit/mosquitto';
import { tryHubTakeover } from '../mqtt/client-id-takeover.js';

const run = promisify(execFile);
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** A hall whose hub talks to Debian's mosquitto, with password and ACL files generated from its configuration. */
async function hallOnMosquitto(protocolVersion: 4 | 5 = 4): Promise<{ hub: TestHub; broker: MosquittoBroker; password: (id: string) => string; config: HallConfig }> {
  const secret = randomBytes(32);
  const base = smallHall();
  const credentials = createDeviceCredentials(secret, base);
  const broker = await startMosquitto(brokerPrincipals(base), (u) => credentials.passwordFor(u));
  closers.push(() => broker.close());
  const config: HallConfig = { ...base, server: { ...base.server, mqtt: { ...base.server.mqtt, mode: 'external', url: broker.url, protocolVersion } } };
  const hub = await testHub(config, fakeClock(), { listen: true, env: { HALL_SECRET_KEY: secret.toString('base64') } });
  closers.push(() => hub.close());
  await hub.mqtt.ready;
  return { hub, broker, password: (id) => credentials.passwordFor(id)!, config };
}

async function device(url: string, id: string, password: string, extra: Parameters<typeof connectMqtt>[3] = {}): Promise<MqttClient> {
  const c = await connectMqtt(url, id, password, extra);
  closers.push(() => c.end(true));
  return c;
}

function display(hub: TestHub, id: string, password: string): StreamClient {
  const c = streamClient(hub.base, 'display', { deviceId: id, token: password });
  closers.push(() => c.close());
  return c;
}

describe("with Debian's mosquitto as the broker", () => {
  for (const protocolVersion of [4, 5] as const) {
    it(`a keypad press (MQTT ${protocolVersion === 4 ? '3.1.1' : '5'}) → the call on a display and a command on the window's LED strip`, async () => {
      const { hub, broker, password } = await hallOnMosquitto(protocolVersion);
      await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
      const wall = display(hub, 'wall-1', password('wall-1'));
      const bridge = await device(broker.url, 'bridge-1', password('bridge-1'), { protocolVersion });
      const inbox = collect(bridge);
      await bridge.subscribeAsync(['hall/test-hall/dev/led-1/set', 'hall/test-hall/dev/keypad-1/response/+'], { qos: 1 });
      await bridge.publishAsync('hall/test-hall/dev/keypad-1/request/login', JSON.stringify({ transaction: 'a', staffNo: 'S1' }), { qos: 1 });
      expect(JSON.parse((await inbox.next('hall/test-hall/dev/keypad-1/response/login')).payload).status).toBe('ok');
      await bridge.publishAsync('hall/test-hall/dev/keypad-1/request/call-next', JSON.stringify({ transaction: 'b' }), { qos: 1 });
      expect(await wall.waitFor(() => wall.events.find((e) => e.call)?.call, 10_000, 'call')).toMatchObject({ ticket: 'A001', windowNo: '1' });
      expect(JSON.parse((await inbox.next('hall/test-hall/dev/led-1/set')).payload)).toMatchObject({ command: 'show-call', text: '请A001到1号窗口' });
    });
  }

  it('mosquitto_pub as a keypad; a device cannot act for another', async () => {
    const { hub, broker, password } = await hallOnMosquitto();
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} });
    const wall = display(hub, 'wall-1', password('wall-1'));
    const pub = (user: string, topic: string, message: string) =>
      run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-u', user, '-P', password(user), '-q', '1', '-t', topic, '-m', message]);
    // keypad-2 tries to press keypad-1's keys: mosquitto's ACL drops it, so window 1 calls nobody …
    await pub('keypad-2', 'hall/test-hall/dev/keypad-1/request/call-next', '{"transaction":"forged"}');
    // … and its own key works, in order after the forged one.
    await pub('keypad-2', 'hall/test-hall/dev/keypad-2/request/call-next', '{"transaction":"own"}');
    const call = await wall.waitFor(() => wall.events.find((e) => e.call)?.call, 10_000, 'call');
    expect(call).toMatchObject({ ticket: 'A001', windowNo: '2' });
    expect(hub.engine.state.windows.get('1')?.currentTicketId).toBeNull();
  });

  it("a device's credentials cannot take the hub's session: the hub keeps its connection and the ID card never reaches the intruder", async () => {
    const { hub, broker } = await hallOnMosquitto();
    // mosquitto gives every client its username as client id (use_username_as_clientid): the intruder is
    // keypad-2, whatever id it asked for.
    await tryHubTakeover(hub, broker.url, 'hub-test-hall', closers);
  });

  it('a broker restart: presses made while it is down are applied once each, retained state comes back', async () => {
    const { hub, broker, password } = await hallOnMosquitto();
    for (let i = 0; i < 6; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    // The keypad keeps a persistent session and says it is online on every connect, as the bridge does.
    const keypad = await device(broker.url, 'keypad-2', password('keypad-2'), { clientId: 'keypad-2', clean: false });
    keypad.on('connect', () => keypad.publish('hall/test-hall/dev/keypad-2/availability', 'online', { qos: 1, retain: true }));
    keypad.publish('hall/test-hall/dev/keypad-2/availability', 'online', { qos: 1, retain: true });
    const inbox = collect(keypad);
    await keypad.subscribeAsync('hall/test-hall/dev/keypad-2/response/+', { qos: 1 });
    await keypad.publishAsync('hall/test-hall/dev/keypad-2/request/login', JSON.stringify({ transaction: 'login', staffNo: 'S2' }), { qos: 1 });
    await inbox.next('hall/test-hall/dev/keypad-2/response/login');

    await broker.stop();
    // Five presses while the broker is down: mqtt.js holds QoS 1 messages until it can deliver them.
    const presses = ['p1', 'p2', 'p3', 'p4', 'p5'].map((t) => keypad.publishAsync('hall/test-hall/dev/keypad-2/request/call-next', JSON.stringify({ transaction: t }), { qos: 1 }));
    // And one press redelivered, as QoS 1 may after a reconnect: same transaction twice.
    presses.push(keypad.publishAsync('hall/test-hall/dev/keypad-2/request/call-next', JSON.stringify({ transaction: 'p5' }), { qos: 1 }));
    await broker.restart();
    await Promise.all(presses);
    for (let i = 0; i < 6; i++) await inbox.next('hall/test-hall/dev/keypad-2/response/call-next', 20_000);

    const called = [...hub.engine.state.tickets.values()].filter((t) => t.calledAt !== null).map((t) => t.number).sort();
    expect(called).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
    expect(hub.engine.state.windows.get('2')?.currentTicketId).toBe(hub.engine.ticketByNumber('A005')?.id);
    // The hub came back and said so (retained), and the keypad is online again in the registry.
    const probe = await device(broker.url, 'led-2', password('led-2'));
    const probeInbox = collect(probe);
    await probe.subscribeAsync('hall/test-hall/hub/state', { qos: 1 });
    expect((await probeInbox.next('hall/test-hall/hub/state')).payload).toBe('online');
    await deviceBecomes(hub, 'keypad-2', true);
  }, 60_000);
});
