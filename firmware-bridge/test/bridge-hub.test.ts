import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectMqtt } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { devicesFromHall } from '../src/config/load-bridge-config.js';
import { encodeKeypadPress } from '../src/drivers/keypad/codec.js';
import { encodeFrame, encodeMessage } from '../src/protocol/frame.js';
import { encodeHello } from '../src/drivers/common/codec.js';
import { evaluatorSim, idReaderSim, keypadSim, ledStripSim } from '../src/simulators/sim-devices.js';
import { hallWithReader, startBridge, stopAll, tcpBridge, textOn, type TestBridge } from './support/bridge-fixture.js';

let hub: TestHub;
let tb: TestBridge | null = null;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  await stopAll({ closers, tb, hub });
  tb = null;
});

const ID = '11010519491231002X';

async function setUp(config = smallHall()) {
  hub = await testHub(config, fakeClock(), { listen: true });
  const r = await tcpBridge(hub, devicesFromHall(config, 'bridge-1', 'tcp'), closers);
  tb = r.tb;
  return { bus: r.bus, address: r.address };
}

// Each test starts a hub and a bridge; on a loaded 2-core machine that alone can take seconds.
describe('the bridge between TCP devices and the hub', { timeout: 60_000 }, () => {
  it('keypad presses become window operations; the call reaches the strip as GBK text; ratings are recorded', async () => {
    const { bus, address } = await setUp();
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    const strip = ledStripSim(bus(), 'led-1', address('led-1'));
    const evaluator = evaluatorSim(bus(), 'evaluator-1', address('evaluator-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    await deviceBecomes(hub, 'led-1', true, 30_000);

    // Before anyone logs in, the window is closed: the hub's refusal comes back with its Chinese message.
    const refused = await keypad.press({ op: 'call-next' });
    expect(refused).toMatchObject({ status: 'refused' });
    expect(refused.status !== 'ok' && /[\u4e00-\u9fff]/.test(refused.message)).toBe(true);
    expect(await keypad.press({ op: 'login', staffNo: 'S1' })).toEqual({ status: 'ok', windowStatus: 'idle', waiting: 1, ticket: null, staffNo: 'S1', suspended: [] });
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', windowStatus: 'calling', ticket: 'A001', waiting: 0 });
    const shown = await textOn(strip, (t) => t.startsWith('请'));
    expect(shown).toBe('请A001到1号窗口');

    // What the bridge asks of the hub, as the hub's side of the broker sees it.
    const watcher = await connectMqtt(hub.mqttUrl, 'hub', hub.credentials.passwordFor('hub')!, { clientId: 'test-watcher' });
    closers.push(() => watcher.end(true));
    const requests = collect(watcher);
    await watcher.subscribeAsync('hall/test-hall/dev/evaluator-1/request/rate', { qos: 1 });
    const prompted = new Promise((resolve) => evaluator.onPrompt(resolve));
    expect(await keypad.press({ op: 'finish' })).toMatchObject({ status: 'ok', windowStatus: 'idle', ticket: null });
    expect(await prompted).toEqual({ ticket: 'A001', windowNo: '1' });
    expect(evaluator.prompts).toHaveLength(1);
    // The prompt is acknowledged before the rating is sent (one connection, in order), so the bridge knows it.
    expect(await evaluator.rate({ level: 'very-satisfied', dimensions: { attitude: 5, quality: 5, efficiency: 4, integrity: 5 } })).toEqual({ status: 'ok' });
    expect(JSON.parse((await requests.next('hall/test-hall/dev/evaluator-1/request/rate')).payload)).toMatchObject({ ticket: 'A001', level: 'very-satisfied' });
    expect(hub.engine.ticketByNumber('A001')?.rating).toBe('very-satisfied');
    // One rating per prompt: a second press names no ticket, and the hub refuses it (一次一评).
    expect(await evaluator.rate({ level: 'dissatisfied' })).toMatchObject({ status: 'refused', code: 'already_rated' });
    expect(JSON.parse((await requests.next('hall/test-hall/dev/evaluator-1/request/rate')).payload)).not.toHaveProperty('ticket');
    expect(tb!.bridge.stats().counters.handler_error).toBeUndefined();
  });

  it('bridge state is retained online with a last will; devices go offline with the bridge', async () => {
    const { bus, address } = await setUp();
    keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    const watcher = await connectMqtt(hub.mqttUrl, 'hub', hub.credentials.passwordFor('hub')!);
    closers.push(() => watcher.end(true));
    const inbox = collect(watcher);
    await watcher.subscribeAsync(['hall/test-hall/bridge/bridge-1/state', 'hall/test-hall/dev/keypad-1/availability', 'hall/test-hall/dev/evaluator-1/availability'], { qos: 1 });
    expect((await inbox.next('hall/test-hall/bridge/bridge-1/state', 30_000)).payload).toBe('online');
    expect((await inbox.next('hall/test-hall/dev/keypad-1/availability', 30_000)).payload).toBe('online');
    // evaluator-1 never spoke: the bridge says so rather than leaving the hub to guess
    expect((await inbox.next('hall/test-hall/dev/evaluator-1/availability', 30_000)).payload).toBe('offline');
    // The bridge's process dies without a word: the broker publishes its will.
    tb!.bridge.hub.client.stream.destroy();
    tb!.bridge.hub.client.end(true);
    expect((await inbox.next('hall/test-hall/bridge/bridge-1/state', 30_000)).payload).toBe('offline');
    await deviceBecomes(hub, 'keypad-1', false, 30_000);
  });

  it('a keypad whose connection drops is offline at once, and online again when it redials', async () => {
    const { bus, address } = await setUp();
    const line = bus();
    keypadSim(line, 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    await line.close();
    await deviceBecomes(hub, 'keypad-1', false, 30_000);
    keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
  });

  it('a device that stops answering pings is offline after offlineAfterMs', async () => {
    const { address } = await setUp();
    // A keypad that says HELLO once and then never answers the bridge's pings.
    const socket: Socket = connect({ host: '127.0.0.1', port: tb!.tcpPort! });
    closers.push(() => socket.destroy());
    socket.on('data', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(encodeMessage(address('keypad-1'), encodeHello({ kind: 'keypad', firmware: 'mute-1' })));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    const t0 = Date.now();
    await deviceBecomes(hub, 'keypad-1', false, 30_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000); // offlineAfterMs is 3000 in the fixture
    expect(hub.devices.view('keypad-1')?.version).toBe('mute-1');
  });

  it('a tcp-client link redials with backoff when the device (or serial server) goes away and comes back', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    // A serial-to-Ethernet server with keypad-1 behind it: answers every ping with HELLO.
    const sockets = new Set<Socket>();
    const listen = (port: number) =>
      new Promise<Server>((resolve) => {
        const srv = createServer((sock) => {
          sockets.add(sock);
          sock.on('data', () => sock.write(encodeMessage(1, encodeHello({ kind: 'keypad', firmware: 'ser-1' }))));
          sock.on('close', () => sockets.delete(sock));
        });
        srv.listen(port, '127.0.0.1', () => resolve(srv));
      });
    let server = await listen(0);
    const port = (server.address() as { port: number }).port;
    closers.push(
      () =>
        new Promise((r) => {
          server.close(r);
          for (const sock of sockets) sock.destroy();
        }),
    );
    tb = await startBridge({
      mqttUrl: hub.mqttUrl,
      password: hub.credentials.passwordFor('bridge-1')!,
      links: [{ id: 'serial-server', kind: 'tcp-client', host: '127.0.0.1', port }],
      devices: [{ id: 'keypad-1', type: 'keypad', link: 'serial-server', address: 1 }],
    });
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const sock of sockets) sock.destroy();
    });
    await deviceBecomes(hub, 'keypad-1', false, 30_000);
    server = await listen(port);
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
  });

  it('garbage, corrupt frames and repeats on the line: counted, survived, and a repeated press applied once', async () => {
    const { bus, address } = await setUp();
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const line = bus();
    // Its own presses numbered 11, 12: apart from the raw frames' 1, 9 and 77, whose replies it must not take for its own.
    const keypad = keypadSim(line, 'keypad-1', address('keypad-1'), { firstSeq: 10 });
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    const corrupt = encodeFrame(address('keypad-1'), 0x10, Buffer.from([9, 3]));
    corrupt[6] = corrupt[6]! ^ 0xff;
    line.writeRaw(Buffer.concat([Buffer.from('noise on the bus \x00\xff\xa5'), corrupt, encodeFrame(200, 0x10, Buffer.from([1, 3])), encodeFrame(address('keypad-1'), 0x10, Buffer.from([1, 99]))]));
    // The same press three times, byte for byte (the keypad did not hear the reply): one call, not three.
    const press = encodeFrame(address('keypad-1'), 0x10, encodeKeypadPress(77, { op: 'call-next' }).payload);
    line.writeRaw(Buffer.concat([press, press.subarray(0, 4)]));
    line.writeRaw(Buffer.concat([press.subarray(4), press]));
    expect(await keypad.press({ op: 'start' })).toMatchObject({ status: 'ok', ticket: 'A001', windowStatus: 'serving' });
    const s = tb!.bridge.stats();
    expect(s.links.tcp!.badCrc).toBeGreaterThanOrEqual(1);
    expect(s.links.tcp!.garbageBytes).toBeGreaterThan(10);
    expect(s.counters).toMatchObject({ unknown_address: 1, bad_frame_payload: 1 });
    // two repeats of ours (a slow machine may add the simulator's own repeats)
    expect(s.counters.retransmit).toBeGreaterThanOrEqual(2);
    expect(hub.engine.ticketByNumber('A002')?.status).toBe('waiting');
  });

  it('an ID card read is published on the reader’s event topic, and its number is never logged in clear', async () => {
    const config = hallWithReader();
    const { bus, address } = await setUp(config);
    const reader = idReaderSim(bus(), 'idreader-1', address('idreader-1'));
    await deviceBecomes(hub, 'idreader-1', true, 30_000);
    const watcher = await connectMqtt(hub.mqttUrl, 'hub', hub.credentials.passwordFor('hub')!);
    closers.push(() => watcher.end(true));
    const inbox = collect(watcher);
    await watcher.subscribeAsync('hall/test-hall/dev/idreader-1/event', { qos: 1 });
    expect(await reader.swipe({ name: '张三', idNumber: ID })).toBe(true);
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/idreader-1/event', 30_000)).payload)).toEqual({ type: 'id-card', name: '张三', idNumber: ID });
    // A misread (bad check character) is refused at the bridge and the reader is told so.
    expect(await reader.swipe({ name: '张三', idNumber: '110105194912310021' })).toBe(false);
    const log = tb!.log.join('\n');
    expect(log).toContain('110105********002X');
    expect(log).not.toContain(ID);
    expect(log).not.toContain('110105194912310021');
    expect(log).not.toContain('张三');
  });

  it('with the hub unreachable a keypad is told at once, and nothing is queued to be applied later', async () => {
    const { bus, address } = await setUp();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);
    tb!.bridge.hub.client.end(true);
    expect(await keypad.press({ op: 'login', staffNo: 'S1' })).toMatchObject({ status: 'hub-offline', code: 'hub_offline' });
    expect(tb!.bridge.stats().counters.hub_offline).toBe(1);
  });
});
