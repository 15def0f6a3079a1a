import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@hall/testkit/free-port';

const srcDir = join(import.meta.dirname, '..', 'src');
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) s.close();
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(srcDir, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => out.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => out.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const line = (re: RegExp) =>
    new Promise<string>((resolve) => {
      const hit = out.find((l) => re.test(l));
      if (hit) return resolve(hit);
      const rl = [child.stdout!, child.stderr!].map((input) => createInterface({ input }));
      for (const r of rl) r.on('line', (l) => re.test(l) && resolve(l));
    });
  return { child, out, exited, line };
}

/**
 * A bare MQTT 3.1.1 broker: it accepts the connection and subscriptions; `acksPublishes: false` makes it one that
 * has stopped working half-way, never acknowledging a QoS 1 publish (a frozen or overloaded broker, as seen from
 * the client). `hang()` and `die()` are the hub hung, and the hub gone: its connections dropped, its port refusing.
 */
async function fakeBroker(opts: { acksPublishes: boolean }): Promise<{ port: number; hang(): void; die(): void }> {
  let hung = false;
  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      if (hung) return;
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        let len = 0;
        let mul = 1;
        let i = 1;
        for (; i < buf.length && i <= 4; i++) {
          len += (buf[i]! & 0x7f) * mul;
          mul *= 128;
          if ((buf[i]! & 0x80) === 0) break;
        }
        if (i >= buf.length || buf.length < i + 1 + len) return;
        const first = buf[0]!;
        const type = first >> 4;
        const body = buf.subarray(i + 1, i + 1 + len);
        buf = buf.subarray(i + 1 + len);
        if (type === 1) socket.write(Buffer.from([0x20, 2, 0, 0])); // CONNECT → CONNACK accepted
        if (type === 8) {
          // SUBSCRIBE → SUBACK granting QoS 1 to each filter
          let n = 0;
          for (let at = 2; at < body.length; at += 2 + body.readUInt16BE(at) + 1) n++;
          socket.write(Buffer.from([0x90, 2 + n, body[0]!, body[1]!, ...Array<number>(n).fill(1)]));
        }
        if (type === 12) socket.write(Buffer.from([0xd0, 0])); // PINGREQ → PINGRESP
        // PUBLISH (3) at QoS 1 → PUBACK with its packet id (after the topic), unless the broker never acks
        const qos = (first >> 1) & 3;
        if (type === 3 && qos > 0 && opts.acksPublishes) {
          const at = 2 + body.readUInt16BE(0);
          socket.write(Buffer.from([0x40, 2, body[at]!, body[at + 1]!]));
        }
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    /** the hub hung (SIGSTOP): connections stay open, nothing is answered any more */
    hang() {
      hung = true;
    },
    die() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/** a bridge configuration with one keypad on a TCP link, for a broker on this port */
function bridgeConfig(port: number): string {
  const config = join(mkdtempSync(join(tmpdir(), 'bridge-proc-')), 'bridge.json');
  writeFileSync(
    config,
    JSON.stringify({
      hallId: 'proc-hall',
      bridgeId: 'bridge-1',
      mqtt: { url: `mqtt://127.0.0.1:${port}` },
      links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
      devices: [{ id: 'keypad-1', type: 'keypad', link: 'tcp', address: 1 }],
      logLevel: 'info',
    }),
  );
  return config;
}

/**
 * SIGTERM, and how the process ended. How long it took is printed, not asserted (a loaded machine is slow); a
 * process that ignores the signal never ends and the test times out.
 */
async function stoppedBySigterm(p: ReturnType<typeof run>) {
  const t0 = performance.now();
  p.child.kill('SIGTERM');
  const end = await p.exited;
  console.log(`stopped ${(performance.now() - t0).toFixed(0)} ms after SIGTERM`);
  return end;
}

describe('the bridge and simulator processes', { timeout: 60_000 }, () => {
  it('simulate --help prints the usage and exits 0; an unknown option is named, with the usage', async () => {
    const help = run('simulate.ts', ['--help']);
    expect(await help.exited).toEqual({ code: 0, signal: null });
    expect(help.out.join('\n')).toMatch(/^usage: hall-device-sim/);
    const bad = run('simulate.ts', ['--bogus']);
    expect(await bad.exited).toEqual({ code: 2, signal: null });
    expect(bad.out.join('\n')).toContain("Unknown option '--bogus'");
  });

  it('SIGTERM stops the bridge promptly and cleanly even while its broker never acknowledges anything', async () => {
    const { port } = await fakeBroker({ acksPublishes: false });
    const dir = mkdtempSync(join(tmpdir(), 'bridge-proc-'));
    const config = join(dir, 'bridge.json');
    writeFileSync(
      config,
      JSON.stringify({
        hallId: 'proc-hall',
        bridgeId: 'bridge-1',
        mqtt: { url: `mqtt://127.0.0.1:${port}` },
        links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
        devices: [{ id: 'keypad-1', type: 'keypad', link: 'tcp', address: 1 }],
        logLevel: 'info',
      }),
    );
    const bridge = run('main.ts', ['--config', config], { HALL_BRIDGE_PASSWORD: 'pw' });
    // started: the hub never said which devices it knows (no answer), so after its wait the bridge serves them all
    await bridge.line(/^HALL_BRIDGE_LINK tcp port=\d+/);
    bridge.child.kill('SIGTERM');
    expect(await bridge.exited).toEqual({ code: 0, signal: null });
  });

  it('SIGTERM stops the bridge while its MQTT client is stuck reconnecting to a hub that went away', async () => {
    const broker = await fakeBroker({ acksPublishes: true });
    const config = bridgeConfig(broker.port);
    const bridge = run('main.ts', ['--config', config], { HALL_BRIDGE_PASSWORD: 'pw' });
    await bridge.line(/^HALL_BRIDGE_LINK tcp port=\d+/);
    broker.die();
    // refused on a reconnect: the client is in its reconnect loop
    await bridge.line(/ECONNREFUSED/);
    expect(await stoppedBySigterm(bridge)).toEqual({ code: 0, signal: null });
  });

  it.each(['hung', 'gone'] as const)('SIGTERM stops the demo bridge and its simulated devices with the hub %s', async (fault) => {
    const broker = await fakeBroker({ acksPublishes: true });
    const hallConfig = join(import.meta.dirname, '..', '..', 'hall-hub', 'demo', 'hall.json');
    const demo = run('demo.ts', ['--mqtt', `mqtt://127.0.0.1:${broker.port}`, '--hall-config', hallConfig, '--bridge', 'bridge-1', '--pace', '0.2'], { HALL_BRIDGE_PASSWORD: 'pw' });
    await demo.line(/^\[devices\] bridge-1: \d+ simulated devices/);
    if (fault === 'hung') {
      // connected, but the bridge's `offline` on the way out is never acknowledged
      broker.hang();
    } else {
      broker.die();
      // refused on a reconnect: the client is in its reconnect loop
      await demo.line(/ECONNREFUSED/);
    }
    expect(await stoppedBySigterm(demo)).toEqual({ code: 0, signal: null });
  });

  it('SIGTERM stops the demo bridge started while the hub is down, its MQTT client still trying to connect', async () => {
    const port = await freePort();
    const hallConfig = join(import.meta.dirname, '..', '..', 'hall-hub', 'demo', 'hall.json');
    const demo = run('demo.ts', ['--mqtt', `mqtt://127.0.0.1:${port}`, '--hall-config', hallConfig, '--bridge', 'bridge-1'], { HALL_BRIDGE_PASSWORD: 'pw' });
    await demo.line(/ECONNREFUSED/);
    // a clean stop (its own handler), not the default death by the signal
    expect(await stoppedBySigterm(demo)).toEqual({ code: 0, signal: null });
  });
});
