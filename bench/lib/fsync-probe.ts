import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './hub-process.js';

export interface FsyncProbe {
  /** stops the probe and returns what it measured: commit times in ms */
  stop(): Promise<{ n: number; p50: number; p99: number }>;
}

const entry = fileURLToPath(new URL('./fsync-probe-process.ts', import.meta.url));

/**
 * Starts bench/lib/fsync-probe-process.ts: how long one durable SQLite commit takes on the hub's disk, at the
 * same moments as the benchmark, in a separate process.
 */
export async function startFsyncProbe(dir: string, intervalMs = 200): Promise<FsyncProbe> {
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, entry], {
    cwd: repoRoot,
    env: { ...process.env, PROBE_DIR: dir, PROBE_INTERVAL_MS: String(intervalMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  let result: { n: number; p50: number; p99: number } | null = null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fsync probe did not start within 30 s')), 30_000);
    lines.on('line', (line) => {
      if (line === 'FSYNC_PROBE_READY') {
        clearTimeout(timer);
        resolve();
      }
      const m = /^FSYNC_PROBE n=(\d+) p50=([\d.]+|NaN) p99=([\d.]+|NaN)/.exec(line);
      if (m) result = { n: Number(m[1]), p50: Number(m[2]), p99: Number(m[3]) };
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error('fsync probe exited'));
    });
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      return result ?? { n: 0, p50: Number.NaN, p99: Number.NaN };
    },
  };
}
