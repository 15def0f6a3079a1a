import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** extra node/V8 flags for the hub processes benchmarks start, for experiments: HUB_NODE_FLAGS='--max-semi-space-size=2' */
export const HUB_NODE_FLAGS: readonly string[] = (process.env.HUB_NODE_FLAGS ?? '').split(' ').filter(Boolean);

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningHub {
  child: ChildProcess;
  base: string;
  /** milliseconds from spawn to listening */
  startupMs: number;
  stop(): Promise<void>;
}

/** Starts the built hub (hall-hub/dist/main.js) as a production process would run, and waits for it to listen. */
export async function startBuiltHub(env: Record<string, string>): Promise<RunningHub> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...HUB_NODE_FLAGS, join(repoRoot, 'hall-hub', 'dist', 'main.js')], {
    env: { ...process.env, HALL_HTTP_PORT: '0', HALL_MQTT_PORT: '0', HALL_HOST: '127.0.0.1', HALL_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^HALL_HUB_LISTENING port=(\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error('hub exited before listening')));
  });
  const startupMs = performance.now() - t0;
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    startupMs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
