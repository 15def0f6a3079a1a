import { afterEach, describe, expect, it } from 'vitest';
import { streamClient, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { devicesFromHall } from '../src/config/load-bridge-config.js';
import { encodeKeypadPress } from '../src/drivers/keypad/codec.js';
import { encodeFrame } from '../src/protocol/frame.js';
import { serialSimBus } from '../src/simulators/sim-bus.js';
import { keypadSim, ledStripSim } from '../src/simulators/sim-devices.js';
import { ptyPair, startBridge, stopAll, textOn, type PtyPair, type TestBridge } from './support/bridge-fixture.js';

let hub: TestHub;
let tb: TestBridge | null = null;
let pty: PtyPair | null = null;
const closers: Array<() => unknown> = [];
afterEach(() => stopAll({ closers, tb, pty, hub }));

describe('acceptance: a keypad press written to a pseudo-terminal → bridge → MQTT → hub → display client', { timeout: 60_000 }, () => {
  it('the press, as raw frame bytes on a real pty (socat), calls A001 on the hall wall and on the LED strip', async () => {
    const config = smallHall();
    hub = await testHub(config, fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} });
    const wall: StreamClient = streamClient(hub.base, 'display', { deviceId: 'wall-1', token: hub.credentials.passwordFor('wall-1')! });
    closers.push(() => wall.close());
    await wall.waitFor(() => (wall.snapshots.length ? true : undefined), 30_000, 'the wall’s snapshot');

    // The bridge owns one end of the pty pair as its RS-485 bus; window 1's keypad and strip hang on the other.
    pty = await ptyPair();
    const devices = devicesFromHall(config, 'bridge-1', 'bus');
    const addressOf = (id: string) => devices.find((d) => d.id === id)!.address;
    tb = await startBridge({
      mqttUrl: hub.mqttUrl,
      password: hub.credentials.passwordFor('bridge-1')!,
      links: [{ id: 'bus', kind: 'serial', path: pty.bridgeEnd, baudRate: 9600 }],
      devices,
    });
    const line = serialSimBus(pty.deviceEnd);
    closers.push(() => line.close());
    const strip = ledStripSim(line, 'led-1', addressOf('led-1'));
    const keypad = keypadSim(line, 'keypad-1', addressOf('keypad-1'));
    await deviceBecomes(hub, 'keypad-1', true, 30_000);

    // The press itself: CALL-NEXT as bytes on the wire, split across two writes, with line noise before it.
    const press = encodeFrame(addressOf('keypad-1'), 0x10, encodeKeypadPress(1, { op: 'call-next' }).payload);
    line.writeRaw(Buffer.concat([Buffer.from([0x00, 0xff, 0x13]), press.subarray(0, 3)]));
    line.writeRaw(press.subarray(3));

    const call = await wall.waitFor(() => wall.events.find((e) => e.call)?.call, 30_000, 'the call on the wall');
    expect(call).toMatchObject({ ticket: 'A001', windowNo: '1', windowName: '综合窗口1', recall: false });
    expect(wall.gaps).toBe(0);
    const shown = await textOn(strip, (t) => t.startsWith('请'));
    expect(shown).toBe('请A001到1号窗口');
    // and the keypad's own recall goes the same way
    expect(await keypad.press({ op: 'recall' })).toMatchObject({ status: 'ok', ticket: 'A001', windowStatus: 'calling' });
    await wall.waitFor(() => wall.events.find((e) => e.call?.recall), 30_000, 'the recall on the wall');
    expect(tb.bridge.stats().links.bus!.garbageBytes).toBe(3);
  });
});
