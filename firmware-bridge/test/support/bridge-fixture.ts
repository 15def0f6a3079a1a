import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { smallHall } from '@hall/testkit/hall-fixture';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { createBridge, type Bridge } from '../../src/bridge/create-bridge.js';
import type { BridgeDevice, LinkConfig } from '../../src/config/bridge-config-schema.js';
import { parseBridgeConfig } from '../../src/config/load-bridge-config.js';
import type { LedStripSim } from '../../src/simulators/sim-devices.js';
import { tcpSimBus, type SimBus } from '../../src/simulators/sim-bus.js';

/** Log lines kept in memory, to assert what the bridge logs (and what it must never log). */
export function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug', redact: { paths: ['idNumber', '*.idNumber', 'card', '*.card'], censor: '[redacted]' } }, stream) };
}

export interface TestBridge {
  bridge: Bridge;
  log: string[];
  /** the port of the tcp-server link named `tcp`, if there is one */
  tcpPort: number | null;
}

export async function startBridge(opts: {
  mqttUrl: string;
  password: string;
  hallId?: string;
  links: LinkConfig[];
  devices: BridgeDevice[];
  overrides?: Record<string, unknown>;
}): Promise<TestBridge> {
  const config = parseBridgeConfig({
    hallId: opts.hallId ?? 'test-hall',
    bridgeId: 'bridge-1',
    mqtt: { url: opts.mqttUrl },
    links: opts.links,
    devices: opts.devices,
    pingIntervalMs: 500,
    offlineAfterMs: 3000,
    requestTimeoutMs: 10_000,
    interByteTimeoutMs: 50,
    ...opts.overrides,
  });
  const { lines, logger } = memoryLogger();
  const bridge = createBridge({ config, password: opts.password, logger });
  await bridge.start();
  return { bridge, log: lines, tcpPort: bridge.linkPort('tcp') };
}

/** The small hall, with its ID-card reader moved behind bridge-1. */
export function hallWithReader() {
  const base = smallHall();
  return smallHall({ devices: base.devices.map((d) => (d.id === 'idreader-1' ? { ...d, bridge: 'bridge-1' } : d)) });
}

/**
 * bridge-1 for a listening test hub, its devices on one TCP line (link `tcp`): `bus()` opens a simulated device
 * line to it (closed with the test's closers), `address(id)` is a device's bus address.
 */
export async function tcpBridge(hub: TestHub, devices: BridgeDevice[], closers: Array<() => unknown>) {
  const tb = await startBridge({
    mqttUrl: hub.mqttUrl,
    password: hub.credentials.passwordFor('bridge-1')!,
    links: [{ id: 'tcp', kind: 'tcp-server', host: '127.0.0.1', port: 0 }],
    devices,
  });
  const bus = (): SimBus => {
    const b = tcpSimBus('127.0.0.1', tb.tcpPort!);
    closers.push(() => b.close());
    return b;
  };
  const address = (id: string) => devices.find((d) => d.id === id)!.address;
  return { tb, bus, address };
}

/** What a bridge test started, stopped in reverse: its own closers, then the bridge, the pty and the hub. */
export async function stopAll(parts: { closers: Array<() => unknown>; tb: TestBridge | null; pty?: PtyPair | null; hub: TestHub | null | undefined }): Promise<void> {
  for (const c of parts.closers.splice(0).reverse()) await c();
  await parts.tb?.bridge.close();
  parts.pty?.close();
  await parts.hub?.close();
}

export interface PtyPair {
  /** the bridge's end and the device's end, as symlinks to /dev/pts/N */
  bridgeEnd: string;
  deviceEnd: string;
  close(): void;
}

/** A real pseudo-terminal pair through socat, as a null-modem cable between the bridge and a device. */
export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-pty-'));
  const bridgeEnd = join(dir, 'bridge');
  const deviceEnd = join(dir, 'device');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${bridgeEnd}`, `pty,raw,echo=0,link=${deviceEnd}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      // socat says so once both ptys exist (and their links are made)
      if (err.includes('starting data transfer loop')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited ${code}: ${err}`)));
  });
  return { bridgeEnd, deviceEnd, close: () => void child.kill('SIGTERM') };
}

/** Resolves with the text a simulated strip shows in its main area once it is one `wanted` accepts. */
export function textOn(strip: LedStripSim, wanted: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      const t = strip.areas.get(0);
      if (t !== undefined && wanted(t)) resolve(t);
    };
    strip.onChange(check);
    check();
  });
}
