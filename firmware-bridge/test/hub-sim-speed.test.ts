import { afterAll, describe, expect, it } from 'vitest';
import { keypadSim } from '../src/simulators/sim-devices.js';
import { tcpSimBus } from '../src/simulators/sim-bus.js';
import { startBridge, type TestBridge } from './support/bridge-fixture.js';
import { hubProcessWithKeypad, STALL_HALL, type HubWithDevices } from './support/hub-process.js';

let h: HubWithDevices | null = null;
let tb: TestBridge | null = null;
const closers: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await tb?.bridge.close();
  h?.hub.child.kill('SIGKILL');
});

describe('a simulated hall whose clock runs 20× (the soak’s hall day)', { timeout: 120_000 }, () => {
  it('the deadline scales with the hub’s clock rate: presses are applied, none refused as expired', async () => {
    h = await hubProcessWithKeypad({ HALL_SIM_SPEED: '20' });
    tb = await startBridge({
      mqttUrl: h.mqttUrl,
      password: h.credentials.passwordFor('bridge-1')!,
      hallId: STALL_HALL,
      links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
      devices: [{ id: 'keypad-1', type: 'keypad', link: 'tcp', address: 1 }],
    });
    const bus = tcpSimBus('127.0.0.1', tb.tcpPort!);
    closers.push(() => bus.close());
    const keypad = keypadSim(bus, 'keypad-1', 1);
    expect(await keypad.press({ op: 'login', staffNo: 'S1' })).toMatchObject({ status: 'ok' });
    for (let i = 0; i < 3; i++) {
      const t = await h.issue();
      // Each press takes real milliseconds, i.e. 20× as many hall milliseconds: a deadline in real time would pass.
      expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', ticket: t.number });
    }
    expect(tb.bridge.stats().counters.clock_resync).toBeUndefined();
  });
});
