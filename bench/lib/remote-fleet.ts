import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './hub-process.js';
import type { ReceiverMessage } from './receiver-process.js';

export interface RemoteFleet {
  pid: number;
  /** disconnections the benchmark did not ask for (a healthy run has none) */
  drops(): number;
  close(): Promise<void>;
}

export interface RemoteFleetOptions {
  url: string;
  auths: Array<Record<string, unknown>>;
  ready: 'snapshot' | 'connect';
  kind: 'hub' | 'probe';
  /** each arrival: (key, client, t) — key is the window number ('hub') or the probe number ('probe'); t from nowMs() */
  onArrival: (key: string | number, client: number, t: number) => void;
  timeoutMs?: number;
  /** each of the first few call batches client 0 received, as JSON */
  onBatchSample?: (json: string) => void;
}

const entry = fileURLToPath(new URL('./receiver-process.ts', import.meta.url));

/** The monotonic clock every process on the machine shares (CLOCK_MONOTONIC), in ms. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Starts bench/lib/receiver-process.ts with `auths.length` display clients and waits until all are ready. */
export async function startRemoteFleet(o: RemoteFleetOptions): Promise<RemoteFleet> {
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child: ChildProcess = fork(entry, [], { cwd: repoRoot, execArgv: loader, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let drops = 0;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`display fleet not ready within ${o.timeoutMs ?? 60_000} ms`)), o.timeoutMs ?? 60_000);
    child.on('message', (raw) => {
      const m = raw as ReceiverMessage;
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(m.message));
      } else if (m.type === 'batch-sample') {
        o.onBatchSample?.(m.json);
      } else if (m.type === 'drops') {
        drops = m.count;
      } else if (m.type === 'arrivals') {
        const d = m.data;
        for (let i = 0; i < d.length; i += 3) o.onArrival(o.kind === 'hub' ? m.windows[d[i]!]! : d[i]!, d[i + 1]!, d[i + 2]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`display fleet exited (code ${child.exitCode})`));
    });
  });
  child.send({ url: o.url, auths: o.auths, ready: o.ready, kind: o.kind });
  const fleet: RemoteFleet = {
    pid: child.pid!,
    drops: () => drops,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await ready;
  } catch (err) {
    await fleet.close();
    throw err;
  }
  return fleet;
}
