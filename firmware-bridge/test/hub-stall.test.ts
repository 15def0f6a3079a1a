import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, connectMqtt } from '@hall/testkit/clients';
import type { KeypadFrameReply } from '../src/drivers/keypad/codec.js';
import { keypadSim, type KeypadSim } from '../src/simulators/sim-devices.js';
import { tcpSimBus, type SimBus } from '../src/simulators/sim-bus.js';
import { startBridge, type TestBridge } from './support/bridge-fixture.js';
import { hubProcessWithKeypad, STALL_HALL, type HubWithDevices } from './support/hub-process.js';

/** the keypad is told "no answer" after this; the hub may apply a press until REPLY_MARGIN_MS before it */
const TIMEOUT_MS = 1500;
const REPLY_MARGIN_MS = 700;
const RESPONSES = `hall/${STALL_HALL}/dev/keypad-1/response/call-next`;

let h: HubWithDevices;
let tb: TestBridge;
let bus: SimBus;
let keypad: KeypadSim;
let responses: ReturnType<typeof collect>;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  h = await hubProcessWithKeypad();
  tb = await startBridge({
    mqttUrl: h.mqttUrl,
    password: h.credentials.passwordFor('bridge-1')!,
    hallId: STALL_HALL,
    links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
    devices: [{ id: 'keypad-1', type: 'keypad', link: 'tcp', address: 1 }],
    overrides: { requestTimeoutMs: TIMEOUT_MS, hubReplyMarginMs: REPLY_MARGIN_MS },
  });
  bus = tcpSimBus('127.0.0.1', tb.tcpPort!);
  keypad = keypadSim(bus, 'keypad-1', 1, { firstSeq: 0 });
  const watcher = await connectMqtt(h.mqttUrl, 'hub', h.credentials.passwordFor('hub')!, { clientId: 'stall-watcher' });
  closers.push(() => watcher.end(true));
  responses = collect(watcher);
  await watcher.subscribeAsync(RESPONSES, { qos: 1 });
  expect(await keypad.press({ op: 'login', staffNo: 'S1' })).toMatchObject({ status: 'ok', windowStatus: 'idle' });
}, 120_000);

afterAll(async () => {
  h?.hub.child.kill('SIGCONT');
  for (const c of closers.splice(0).reverse()) await c();
  await bus?.close();
  await tb?.bridge.close();
  h?.hub.child.kill('SIGKILL');
});

/** A call-next press while the hub process is frozen for `stallMs`: the keypad's answer and the hub's own. */
async function pressWhileFrozen(stallMs: number): Promise<{ reply: KeypadFrameReply; hub: { status: string; error?: { code: string } } }> {
  h.hub.child.kill('SIGSTOP');
  const reply = keypad.press({ op: 'call-next' });
  await new Promise((resolve) => setTimeout(resolve, stallMs)); // the stall itself: the stimulus, not a wait for an event
  h.hub.child.kill('SIGCONT');
  const hubAnswer = JSON.parse((await responses.next(RESPONSES, 30_000)).payload) as { status: string; error?: { code: string } };
  return { reply: await reply, hub: hubAnswer };
}

describe('a keypad press the hub answers too late', { timeout: 120_000 }, () => {
  it('with the hub frozen past the keypad timeout: the keypad hears "no answer", and the hub, resumed, does not call the ticket', async () => {
    const ticket = await h.issue();
    const { reply, hub } = await pressWhileFrozen(TIMEOUT_MS + 1000);
    expect(reply).toMatchObject({ status: 'timeout' });
    // The hub refuses it as past its deadline (carried in the request), and says so.
    expect(hub).toMatchObject({ status: 'error', error: { code: 'request_expired' } });
    expect(await h.ticketStatus(ticket.id)).toBe('waiting');
    // Pressing again, as the keypad said to, calls that very visitor: nobody is skipped.
    expect(await keypad.press({ op: 'call-next' })).toMatchObject({ status: 'ok', ticket: ticket.number });
    expect(tb.bridge.stats().counters.late_applied).toBeUndefined();
  });

  it('for any stall of the hub, no ticket is both reported failed to the keypad and called', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: TIMEOUT_MS * 2 }), async (stallMs) => {
        // window 1 starts idle each time: a ticket called by an earlier run is finished first
        await keypad.press({ op: 'finish' });
        const ticket = await h.issue();
        const lateBefore = tb.bridge.stats().counters.late_applied ?? 0;
        const { reply } = await pressWhileFrozen(stallMs);
        const status = await h.ticketStatus(ticket.id);
        if (reply.status === 'ok') expect(status).toBe('called');
        else expect(status).toBe('waiting');
        // and no result of a press the keypad was told failed arrived later
        expect(tb.bridge.stats().counters.late_applied ?? 0).toBe(lateBefore);
        // leave nothing waiting behind for the next run
        if (status === 'waiting') await keypad.press({ op: 'call-next' });
      }),
      { numRuns: 6 },
    );
  });
});
