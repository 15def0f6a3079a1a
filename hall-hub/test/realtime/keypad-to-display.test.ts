import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectMqtt, streamClient, type StreamClient } from '@hall/testkit/clients';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';

const run = promisify(execFile);
let hub: TestHub;
const closers: Array<() => void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await hub?.close();
});

async function device(id: string): Promise<MqttClient> {
  const c = await connectMqtt(hub.mqttUrl, id, hub.credentials.passwordFor(id)!);
  closers.push(() => c.end(true));
  return c;
}
function display(id: string): StreamClient {
  const c = streamClient(hub.base, 'display', { deviceId: id, token: hub.credentials.passwordFor(id)! });
  closers.push(() => c.close());
  return c;
}

describe('a keypad press reaches the screens and the LED strip (embedded broker)', () => {
  it('login and call-next from a keypad behind a bridge: the display gets the call, the strip its text', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const wall = display('wall-1');
    await wall.waitFor(() => (wall.snapshots.length ? true : undefined), 10_000, 'snapshot');
    expect(wall.snapshots[0]!.overview.lines.find((l) => l.id === 'general')?.waiting).toBe(1);

    // The LED strip of window 1 listens on its own command topic, through its bridge.
    const bridge = await device('bridge-1');
    const bridgeInbox = collect(bridge);
    await bridge.subscribeAsync('hall/test-hall/dev/led-1/set', { qos: 1 });
    await bridge.subscribeAsync('hall/test-hall/dev/keypad-1/response/+', { qos: 1 });
    await bridge.publishAsync('hall/test-hall/dev/keypad-1/request/login', JSON.stringify({ transaction: 't-1', staffNo: 'S1' }), { qos: 1 });
    const login = JSON.parse((await bridgeInbox.next('hall/test-hall/dev/keypad-1/response/login')).payload);
    expect(login).toEqual({ status: 'ok', transaction: 't-1', data: { windowNo: '1', windowStatus: 'idle', staffNo: 'S1', ticket: null, waiting: 1, suspended: [] } });

    await bridge.publishAsync('hall/test-hall/dev/keypad-1/request/call-next', JSON.stringify({ transaction: 't-2' }), { qos: 1 });
    const reply = JSON.parse((await bridgeInbox.next('hall/test-hall/dev/keypad-1/response/call-next')).payload);
    expect(reply.data).toMatchObject({ ticket: 'A001', windowStatus: 'calling', waiting: 0 });
    const call = await wall.waitFor(() => wall.events.find((e) => e.call)?.call, 10_000, 'the call on the wall');
    expect(call).toMatchObject({ ticket: 'A001', windowNo: '1', windowName: '综合窗口1', recall: false });
    const led = JSON.parse((await bridgeInbox.next('hall/test-hall/dev/led-1/set')).payload);
    expect(led).toMatchObject({ command: 'show-call', text: '请A001到1号窗口', ticket: 'A001', windowNo: '1', recall: false });
    expect(wall.gaps).toBe(0);
  });

  it('a double press: two call-next requests at once each answer with the ticket that request called', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    for (let i = 0; i < 2; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const bridge = await device('bridge-1');
    const inbox = collect(bridge);
    await bridge.subscribeAsync('hall/test-hall/dev/keypad-1/response/+', { qos: 1 });
    await bridge.publishAsync('hall/test-hall/dev/keypad-1/request/login', JSON.stringify({ transaction: 't-1', staffNo: 'S1' }), { qos: 1 });
    await inbox.next('hall/test-hall/dev/keypad-1/response/login');
    // Both in flight together, so the hub commits them in one group; each reply must still name its own call.
    await Promise.all(['t-2', 't-3'].map((t) => bridge.publishAsync('hall/test-hall/dev/keypad-1/request/call-next', JSON.stringify({ transaction: t }), { qos: 1 })));
    const replies = [];
    for (let i = 0; i < 2; i++) replies.push(JSON.parse((await inbox.next('hall/test-hall/dev/keypad-1/response/call-next')).payload) as { transaction: string; data: { ticket: string } });
    expect(Object.fromEntries(replies.map((r) => [r.transaction, r.data.ticket]))).toEqual({ 't-2': 'A001', 't-3': 'A002' });
  });

  it("Debian's mosquitto_pub as a keypad and mosquitto_sub as an LED strip", async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: {} });
    const wall = display('wall-1');
    const port = new URL(hub.mqttUrl).port;
    const sub = execFile('mosquitto_sub', ['-h', '127.0.0.1', '-p', port, '-i', 'led-2', '-u', 'led-2', '-P', hub.credentials.passwordFor('led-2')!, '-t', 'hall/test-hall/dev/led-2/set', '-C', '1', '-q', '1', '-W', '20']);
    const subOutput = new Promise<string>((resolve, reject) => {
      let out = '';
      sub.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
      sub.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`mosquitto_sub exited ${code}`))));
    });
    await hub.broker!.subscribed('led-2', 'hall/test-hall/dev/led-2/set');
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-i', 'keypad-2', '-u', 'keypad-2', '-P', hub.credentials.passwordFor('keypad-2')!, '-q', '1', '-t', 'hall/test-hall/dev/keypad-2/request/call-next', '-m', '{"transaction":"cli-1"}']);
    const call = await wall.waitFor(() => wall.events.find((e) => e.call)?.call, 10_000, 'the call on the wall');
    expect(call).toMatchObject({ ticket: 'A001', windowNo: '2' });
    // Strip 2 takes frames the hub renders: one command for the call, the frame of its text.
    expect(JSON.parse((await subOutput).trim())).toMatchObject({ command: 'show-bitmap', width: 128, height: 32 });
    expect(hub.displays.stripFrame('led-2')?.text).toBe('请A001到2号窗口');
  });
});

