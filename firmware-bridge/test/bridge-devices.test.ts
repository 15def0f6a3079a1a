import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { devicesFromHall } from '../src/config/load-bridge-config.js';
import type { BridgeDevice } from '../src/config/bridge-config-schema.js';
import { encodeHello } from '../src/drivers/common/codec.js';
import { decodeKeypadReply } from '../src/drivers/keypad/codec.js';
import { MessageType } from '../src/protocol/message-types.js';
import { encodeFrame, encodeMessage } from '../src/protocol/frame.js';
import { idReaderSim, keypadSim, ledStripSim } from '../src/simulators/sim-devices.js';
import { tcpSimBus } from '../src/simulators/sim-bus.js';
import { hallWithReader, startBridge, stopAll, tcpBridge, textOn, type TestBridge } from './support/bridge-fixture.js';

let hub: TestHub;
let tb: TestBridge | null = null;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  await stopAll({ closers, tb, hub });
  tb = null;
});

const ID = '11010519491231002X';

async function setUp(extra: BridgeDevice[] = [], config = smallHall()) {
  hub = await testHub(config, fakeClock(), { listen: true });
  const devices = [...devicesFromHall(config, 'bridge-1', 'tcp'), ...extra];
  const r = await tcpBridge(hub, devices, closers);
  tb = r.tb;
  return { bus: r.bus, address: r.address };
}

/** a raw TCP line to the bridge, for frames no simulator would send */
async function rawLine(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  closers.push(() => socket.destroy());
  socket.on('data', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

const issue = () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });

describe('devices the hub does not expect', { timeout: 60_000 }, () => {
  it('a device the hall configuration does not put behind the bridge is refused alone: named in the log and on the console, the others served', async () => {
    // idreader-1 is not behind bridge-1 in the small hall (as the shipped bridge example once had it).
    const { bus, address } = await setUp([{ id: 'idreader-1', type: 'id-reader', link: 'tcp', address: 60 }]);
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    const reader = idReaderSim(bus(), 'idreader-1', 60);
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
    expect(await keypad.press({ op: 'login', staffNo: 'S1' })).toMatchObject({ status: 'ok', windowStatus: 'idle' });
    expect(await reader.swipe({ name: '张三', idNumber: ID })).toBe(false);
    expect(reader.acks).toEqual(['refused']);
    expect(tb!.log.some((l) => l.includes('idreader-1 refused'))).toBe(true);
    const refused = await hub.app.inject({ method: 'GET', url: '/api/devices/refused', headers: hub.as('boss') });
    expect(refused.json()).toEqual([{ bridgeId: 'bridge-1', id: 'idreader-1', reason: '大厅配置未将其置于此网关下 (not behind this bridge in the hall configuration)' }]);
    expect(hub.devices.view('idreader-1')?.online).toBe(false);
  });

  it('a device whose HELLO names another kind than configured is not taken for it; the right kind is', async () => {
    const { address } = await setUp();
    const line = await rawLine(tb!.tcpPort!);
    line.write(encodeMessage(address('keypad-1'), encodeHello({ kind: 'evaluator', firmware: 'wrong-1' })));
    // Frames on one line are handled in order: once led-1 is online, keypad-1's HELLO has been judged.
    line.write(encodeMessage(address('led-1'), encodeHello({ kind: 'led-strip', firmware: 'led-1' })));
    await deviceBecomes(hub, 'led-1', true, 20_000);
    expect(hub.devices.view('keypad-1')?.online).toBe(false);
    expect(tb!.bridge.stats().counters.wrong_kind).toBe(1);
    expect(tb!.log.some((l) => l.includes('keypad-1 says it is a evaluator'))).toBe(true);
    line.write(encodeMessage(address('keypad-1'), encodeHello({ kind: 'keypad', firmware: 'kp-1' })));
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
  });

  it('a second HELLO with a new firmware version updates the version the hub shows', async () => {
    const { address } = await setUp();
    const line = await rawLine(tb!.tcpPort!);
    const version = () => hub.devices.view('keypad-1')?.version;
    // The hub's registry takes a state on the hub's MQTT message; this listener runs after the hub's own.
    const versionBecomes = (v: string) =>
      until(
        (check) => {
          hub.mqtt.client.on('message', check);
          return () => void hub.mqtt.client.off('message', check);
        },
        () => (version() === v ? v : undefined),
        20_000,
        `version ${v}`,
      );
    line.write(encodeMessage(address('keypad-1'), encodeHello({ kind: 'keypad', firmware: 'kp-1.0' })));
    await versionBecomes('kp-1.0');
    line.write(encodeMessage(address('keypad-1'), encodeHello({ kind: 'keypad', firmware: 'kp-1.1' })));
    await versionBecomes('kp-1.1');
  });

  it('with the hub unreachable, an ID reader is told "hub offline" (CARD_ACK 2), not "refused"', async () => {
    const { bus, address } = await setUp([], hallWithReader());
    const reader = idReaderSim(bus(), 'idreader-1', address('idreader-1'));
    await deviceBecomes(hub, 'idreader-1', true, 20_000);
    tb!.bridge.hub.client.end(true);
    expect(await reader.swipe({ name: '张三', idNumber: ID })).toBe(false);
    expect(reader.acks).toEqual(['hub-offline']);
  });
});

describe('what is answered and what is dropped (PROTOCOL.md §1)', { timeout: 60_000 }, () => {
  it('a request the bridge can read the seq of is answered, whatever is wrong with it; frames it cannot trust are dropped', async () => {
    const { bus, address } = await setUp();
    const at = address('keypad-1');
    const line = bus();
    const replies: Array<{ seq: number; status: string; code?: string }> = [];
    let sawLogin!: () => void;
    const loggedIn = new Promise<void>((resolve) => (sawLogin = resolve));
    let lineUp!: () => void;
    const up = new Promise<void>((resolve) => (lineUp = resolve));
    line.attach({
      id: 'raw-keypad',
      address: at,
      onLineUp: () => lineUp(),
      onMessage: (m) => {
        if (m.type !== MessageType.keyReply) return;
        const d = decodeKeypadReply(m.payload);
        if (!d.ok) throw new Error(d.error);
        const r = d.value.reply;
        replies.push({ seq: d.value.seq, status: r.status, ...(r.status === 'ok' ? {} : { code: r.code }) });
        if (d.value.seq === 8) sawLogin();
      },
    });
    const key = (seq: number, payload: number[]) => encodeFrame(at, MessageType.keyRequest, Buffer.from([seq, ...payload]));
    const badCrc = key(4, [3]);
    badCrc[badCrc.length - 2]! ^= 0xff;
    await up;
    line.writeRaw(
      Buffer.concat([
        badCrc, // dropped: the bytes cannot be trusted
        encodeFrame(at, MessageType.rate, Buffer.from([3, 1, 5, 5, 5, 5])), // dropped: a keypad does not send RATE
        key(5, [0x63]), // answered: op 0x63 does not exist
        key(6, [0x04, 2, 0x41, 0x42]), // answered: `call AB`, no ticket number the hub's schema takes
        key(8, [0x01, 2, 0x53, 0x31]), // answered: login S1
      ]),
    );
    await loggedIn;
    expect(replies).toEqual([
      { seq: 5, status: 'invalid', code: 'invalid_request' },
      { seq: 6, status: 'invalid', code: 'invalid_request' },
      { seq: 8, status: 'ok' },
    ]);
    expect(tb!.bridge.stats().links.tcp!.badCrc).toBe(1);
    expect(tb!.bridge.stats().counters.bad_frame_payload).toBe(2);
  });
});

describe('evaluator prompts (PROTOCOL.md §4)', { timeout: 60_000 }, () => {
  it('a PROMPT not acknowledged is repeated twice, the very same bytes, then given up', async () => {
    // no strips behind the bridge: the only command that can go unacknowledged is the prompt
    const base = smallHall();
    const { bus, address } = await setUp([], smallHall({ devices: base.devices.filter((d) => d.type !== 'led-strip') }));
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    // an evaluator that says HELLO but never acknowledges a PROMPT
    const line = bus();
    const prompts: Buffer[] = [];
    line.attach({
      id: 'deaf-evaluator',
      address: address('evaluator-1'),
      onLineUp: () => line.send(address('evaluator-1'), encodeHello({ kind: 'evaluator', firmware: 'ev-1' })),
      onMessage: (m) => {
        if (m.type === MessageType.ping) line.send(address('evaluator-1'), encodeHello({ kind: 'evaluator', firmware: 'ev-1' }));
        if (m.type === MessageType.promptRating) prompts.push(m.payload);
      },
    });
    await deviceBecomes(hub, 'evaluator-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    await keypad.press({ op: 'call-next' });
    await keypad.press({ op: 'finish' });
    await tb!.bridge.counted('ack_timeout', 1);
    expect(prompts).toHaveLength(3);
    expect(new Set(prompts.map((p) => p.toString('hex'))).size).toBe(1);
  });
});

describe('LED strips that are busy or miss a command', { timeout: 60_000 }, () => {
  it('ACK 3 "busy" is not final: the command is sent again after 500 ms until the strip takes it', async () => {
    const { bus, address } = await setUp();
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    const strip = ledStripSim(bus(), 'led-1', address('led-1'));
    await deviceBecomes(hub, 'led-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    strip.busyFor = 2;
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', ticket: 'A001' });
    expect(await textOn(strip, (t) => t.includes('A001'))).toBe('请A001到1号窗口');
    expect(tb!.bridge.stats().counters.device_busy).toBe(2);
    // taken by the busy retries themselves, not given up and caught up later by convergence
    expect(tb!.bridge.stats().counters.busy_given_up).toBeUndefined();
    expect(tb!.bridge.stats().counters.converged).toBeUndefined();
  });

  it('a strip that missed commands (no ACK, given up) gets the latest one when it is next heard', async () => {
    const { bus, address } = await setUp();
    await issue();
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    const strip = ledStripSim(bus(), 'led-1', address('led-1'));
    await deviceBecomes(hub, 'led-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    strip.mute = true;
    await keypad.press({ op: 'call-next' });
    await keypad.press({ op: 'call-next' });
    // both calls given up after three tries each (the strip still answers pings: it is online)
    await tb!.bridge.counted('ack_timeout', 2);
    expect(strip.areas.get(0) ?? '').not.toContain('A00');
    strip.mute = false;
    // the next HELLO (the bridge pings every 500 ms here) brings the strip up to date: the latest call only
    expect(await textOn(strip, (t) => t.includes('A002'))).toBe('请A002到1号窗口');
    expect(strip.history.some((c) => c.kind === 'text' && c.text.includes('A001'))).toBe(false);
  });
});

describe('the hub’s clock as the bridge reads it', { timeout: 60_000 }, () => {
  it('a hub whose clock was stepped forward refuses the first deadline as past; the bridge re-reads the clock and the press is applied once', async () => {
    const { bus, address } = await setUp();
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    hub.clock.advance(10 * 60_000); // an NTP step of ten minutes on the hub
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', ticket: 'A001' });
    expect(tb!.bridge.stats().counters.clock_resync).toBe(1);
    expect(hub.engine.ticketByNumber('A001')?.status).toBe('called');
  });
});

describe('a hub answer slower than the margin', { timeout: 60_000 }, () => {
  it('a press the hub applied in time but whose answer came after the keypad was told "timeout": the late result is sent to the keypad', async () => {
    const config = smallHall();
    hub = await testHub(config, fakeClock(), { listen: true });
    const devices = devicesFromHall(config, 'bridge-1', 'tcp');
    tb = await startBridge({
      mqttUrl: hub.mqttUrl,
      password: hub.credentials.passwordFor('bridge-1')!,
      links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
      devices,
      overrides: { requestTimeoutMs: 1000, hubReplyMarginMs: 500 },
    });
    const line = tcpSimBus('127.0.0.1', tb.tcpPort!);
    closers.push(() => line.close());
    const address = devices.find((d) => d.id === 'keypad-1')!.address;
    // presses numbered 41 (login), 42 (call-next)
    const keypad = keypadSim(line, 'keypad-1', address, { firstSeq: 40 });
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    await issue();
    // Everything the hub sends the bridge is held up (its disk or the network stalled), while the hub decides at once.
    const stream = tb.bridge.hub.client.stream;
    stream.pause();
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'timeout' });
    expect(hub.engine.ticketByNumber('A001')?.status).toBe('called');
    // the keypad, having shown "timeout", now listens for a late KEY_REPLY
    const late = new Promise<Buffer>((resolve) => line.attach({ id: 'keypad-1', address, onLineUp: () => {}, onMessage: (m) => void (m.type === MessageType.keyReply && resolve(m.payload)) }));
    stream.resume();
    // the hub's result, under the press's own seq: a v2 keypad shows the ticket that was called after all
    expect(decodeKeypadReply(await late)).toMatchObject({ ok: true, value: { seq: 42, reply: { status: 'ok', ticket: 'A001' } } });
    expect(tb.bridge.stats().counters.late_applied).toBe(1);
    expect(tb.log.some((l) => l.includes('the late result is sent to the device'))).toBe(true);
  });
});

describe('keypad operations the protocol lacked', { timeout: 60_000 }, () => {
  it('a suspended ticket is listed in KEY_REPLY and taken back by calling its number, or by resume-ticket', async () => {
    const { bus, address } = await setUp();
    await issue();
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    await keypad.press({ op: 'call-next' });
    expect(await keypad.press({ op: 'suspend' })).toMatchObject({ status: 'ok', ticket: null, suspended: ['A001'] });
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', ticket: 'A002', suspended: ['A001'] });
    expect(await keypad.press({ op: 'call', number: 'A001' })).toMatchObject({ status: 'ok', ticket: 'A001', suspended: [] });
    expect(hub.engine.ticketByNumber('A002')?.status).toBe('done');
    await keypad.press({ op: 'suspend' });
    expect(await keypad.press({ op: 'resume-ticket' })).toMatchObject({ status: 'ok', windowStatus: 'serving', ticket: 'A001', suspended: [] });
  });

  it('transfer with target 0 goes to the hub’s choice instead of being refused', async () => {
    const { bus, address } = await setUp();
    await issue();
    const keypad = keypadSim(bus(), 'keypad-1', address('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 20_000);
    expect(hub.engine.execute({ type: 'OpenWindow', windowNo: '2', staffNo: 'S2' }).ok).toBe(true);
    await keypad.press({ op: 'login', staffNo: 'S1' });
    await keypad.press({ op: 'call-next' });
    expect(await keypad.press({ op: 'transfer' })).toMatchObject({ status: 'ok', ticket: null });
    expect(hub.engine.ticketByNumber('A001')).toMatchObject({ status: 'waiting', reservedWindow: '2' });
  });
});
