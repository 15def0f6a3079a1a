import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, runDeviceCheck, type CheckReport } from '../src/check/device-check.js';
import type { BridgedType } from '../src/protocol/message-types.js';
import { encodeMessage } from '../src/protocol/frame.js';
import { listeningSimBus, type SimBus } from '../src/simulators/sim-bus.js';
import { evaluatorSim, idReaderSim, keypadSim, ledStripSim } from '../src/simulators/sim-devices.js';

const ID = '11010519491231002X';
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** a simulated device behind a listening port, as a device maker's board behind a serial-to-Ethernet server */
async function line(): Promise<{ bus: SimBus & { port: Promise<number> }; socket: () => Promise<Socket> }> {
  const bus = listeningSimBus();
  closers.push(() => bus.close());
  const port = await bus.port;
  return {
    bus,
    socket: async () => {
      const s = connect({ host: '127.0.0.1', port, noDelay: true });
      closers.push(() => s.destroy());
      await new Promise((resolve) => s.once('connect', resolve));
      return s;
    },
  };
}

async function check(socket: Socket, kind: BridgedType, address: number, operator?: (instruction: string) => void): Promise<CheckReport> {
  return runDeviceCheck({ stream: socket, kind, address, operator, operatorMs: 10_000 });
}

const failures = (r: CheckReport) => r.results.filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`);

describe('hall-device-check against the project’s simulators', { timeout: 60_000 }, () => {
  it('passes a keypad: HELLO, its requests repeated with the same seq and bytes until answered, a new seq for a new press', async () => {
    const { bus, socket } = await line();
    const keypad = keypadSim(bus, 'keypad', 3);
    const s = await socket();
    const r = await check(s, 'keypad', 3, () => void keypad.press({ op: 'call-next' }).catch(() => undefined));
    expect(failures(r)).toEqual([]);
    expect(r.results.map((x) => x.name)).toEqual(expect.arrayContaining(['unanswered request repeated with the same seq and bytes', 'a new request takes a new seq', 'request stops once answered ok']));
    expect(formatReport(r)).toMatch(/^PASS: keypad at address 3/m);
  });

  it('passes an evaluator (PROMPT and its repeat acknowledged, ratings as requests), a strip and an ID reader', async () => {
    const a = await line();
    const evaluator = evaluatorSim(a.bus, 'ev', 2);
    expect(failures(await check(await a.socket(), 'evaluator', 2, () => void evaluator.rate({ level: 'satisfied' }).catch(() => undefined)))).toEqual([]);
    const b = await line();
    ledStripSim(b.bus, 'led', 5);
    const strip = await check(await b.socket(), 'led-strip', 5);
    expect(failures(strip)).toEqual([]);
    expect(strip.results.find((x) => x.name === 'TEXT to area 9 refused as a bad argument')?.ok).toBe(true);
    const c = await line();
    const reader = idReaderSim(c.bus, 'reader', 7);
    expect(failures(await check(await c.socket(), 'id-reader', 7, () => void reader.swipe({ name: '张三', idNumber: ID }).catch(() => undefined)))).toEqual([]);
  });

  it('as a command: `hall-device-check --link tcp://… --kind strip --address 5` prints the report and exits 0', async () => {
    const { bus } = await line();
    ledStripSim(bus, 'led', 5);
    const cli = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'device-check.ts'), '--link', `tcp://127.0.0.1:${await bus.port}`, '--kind', 'strip', '--address', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    cli.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    cli.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    expect(out).toMatch(/^PASS {2}TEXT acknowledged: ACK 0 \(ok\)$/m);
    expect(out).toMatch(/^PASS: LED strip at address 5, (\d+)\/\1 checks passed$/m);
    expect(code).toBe(0);
  });
});

describe('hall-device-check against faulty devices: fails, with the reason', { timeout: 60_000 }, () => {
  it('a device whose frames carry a wrong CRC', async () => {
    const { bus, socket } = await line();
    // the keypad's firmware computes the CRC wrongly: every frame it sends has its low CRC byte flipped
    const wrongCrc: SimBus = {
      ...bus,
      attach: (d) => bus.attach(d),
      send(address, m) {
        const f = encodeMessage(address, m);
        f[f.length - 3] = f[f.length - 3]! ^ 0xff;
        bus.writeRaw(f);
      },
    };
    keypadSim(wrongCrc, 'keypad', 3);
    const r = await check(await socket(), 'keypad', 3);
    expect(r.passed).toBe(false);
    expect(failures(r)).toEqual([
      'HELLO in answer to PING: no HELLO from address 3 within 1000 ms, 3 PINGs',
      expect.stringMatching(/^frames well formed: [1-9]\d* bad CRC/),
    ]);
  });

  it('a strip that does not acknowledge commands', async () => {
    const { bus, socket } = await line();
    const strip = ledStripSim(bus, 'led', 5);
    strip.mute = true;
    const r = await check(await socket(), 'led-strip', 5);
    expect(r.passed).toBe(false);
    expect(failures(r)).toContain('TEXT acknowledged: no ACK for seq 16 within 1000 ms');
    expect(r.results.find((x) => x.name === 'HELLO in answer to PING')?.ok).toBe(true);
  });

  it('a device whose HELLO names another kind', async () => {
    const { bus, socket } = await line();
    keypadSim(bus, 'keypad', 5);
    const r = await check(await socket(), 'led-strip', 5);
    expect(r.passed).toBe(false);
    expect(failures(r)[0]).toBe('HELLO names the kind: HELLO says kind 1 (keypad), expected 3 (LED strip)');
  });
});
