import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { stopChild } from './hub-with-mqtt.js';
import { repoRoot } from './hub-process.js';

export interface RunningRelay {
  child: ChildProcess;
  pid: number;
  /** its socket.io server */
  base: string;
  /** its own MQTT broker */
  mqttUrl: string;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./relay-process.ts', import.meta.url));

/**
 * Starts bench/lib/relay-process.ts as a separate process (like the hub: its own event loop, broker and CPU),
 * with the TypeScript loader this benchmark runs under.
 */
export async function startRelay(opts: { topic: string }): Promise<RunningRelay> {
  // Under tsx, execArgv carries its loader (--require … --import …); else ask for it by name.
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      RELAY_TOPIC: opts.topic,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await new Promise<{ http: number; mqtt: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('relay did not listen within 30 s'));
    }, 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^RELAY_LISTENING port=(\d+) mqtt=(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ http: Number(m[1]), mqtt: Number(m[2]) });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`relay exited before listening (code ${child.exitCode})`));
    });
  });
  return {
    child,
    pid: child.pid!,
    base: `http://127.0.0.1:${ports.http}`,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    stop: () => stopChild(child, exited, 5000),
  };
}

/** MQTT 3.1.1 publishers on the relay's broker, one connection each (as each keypad has its own). */
export async function connectPublishers(url: string, ids: readonly string[]): Promise<{ clients: Map<string, MqttClient>; close(): Promise<void> }> {
  const clients = new Map<string, MqttClient>();
  for (const id of ids) {
    clients.set(id, await mqtt.connectAsync(url, { clientId: `bench-probe-${id}`, protocolVersion: 4, clean: true, reconnectPeriod: 1000 }));
  }
  return {
    clients,
    async close() {
      await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
    },
  };
}
