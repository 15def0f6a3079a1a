import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { HUB_NODE_FLAGS, repoRoot } from './hub-process.js';
import { freePort } from '@hall/testkit/free-port';

export interface HubWithMqtt {
  child: ChildProcess;
  pid: number;
  base: string;
  mqttUrl: string;
  startupMs: number;
  stop(): Promise<void>;
}

export { freePort };

/** Waits for a child to exit; SIGKILL after `ms`. */
export async function stopChild(child: ChildProcess, exited: Promise<void>, ms = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

let warned = false;

async function spawnHub(env: Record<string, string>, mqttPort: number): Promise<{ hub: HubWithMqtt; printedMqtt: number | null }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, join(repoRoot, 'hall-hub', 'dist', 'main.js')], {
    env: { ...process.env, HALL_HTTP_PORT: '0', HALL_MQTT_PORT: String(mqttPort), HALL_HOST: '127.0.0.1', HALL_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let listening = false;
  const ports = await new Promise<{ http: number; mqtt: number | null }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('hub did not listen within 60 s'));
    }, 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (listening) {
        // Past start-up only log lines at level error reach stdout: show them, they matter.
        if (line.startsWith('{')) console.error(`  [hub] ${line}`);
        return;
      }
      const m = /^HALL_HUB_LISTENING port=(\d+)(?: mqtt=(\d+))?/.exec(line);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve({ http: Number(m[1]), mqtt: m[2] ? Number(m[2]) : null });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`hub exited before listening (code ${child.exitCode})`));
    });
  });
  const startupMs = performance.now() - t0;
  const port = ports.mqtt ?? mqttPort;
  return {
    printedMqtt: ports.mqtt,
    hub: {
      child,
      pid: child.pid!,
      base: `http://127.0.0.1:${ports.http}`,
      mqttUrl: `mqtt://127.0.0.1:${port}`,
      startupMs,
      stop: () => stopChild(child, exited),
    },
  };
}

/**
 * Starts the built hub like bench/lib/hub-process.ts does, and learns the embedded broker's port too.
 * The hub is asked for any free MQTT port (HALL_MQTT_PORT=0) and says which in its `HALL_HUB_LISTENING … mqtt=N`
 * line. A hub that does not print it is restarted on a port picked here (bind to 0, close, pass it on).
 */
export async function startHubWithMqtt(env: Record<string, string>): Promise<HubWithMqtt> {
  const first = await spawnHub(env, 0);
  if (first.printedMqtt !== null) return first.hub;
  await first.hub.stop();
  if (!warned) {
    warned = true;
    console.warn('  ! the hub does not print its MQTT port (HALL_HUB_LISTENING … mqtt=N): restarting it on a port picked by the benchmark');
  }
  const port = await freePort();
  return (await spawnHub(env, port)).hub;
}
