import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './hub-process.js';
import { stopChild } from './hub-with-mqtt.js';
import type { BareMessage, BareStart } from './mobile-bare-process.js';

export interface BareLongPoll {
  pid: number;
  base: string;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./mobile-bare-process.ts', import.meta.url));

/** Starts the bare long-poll server (bench/lib/mobile-bare-process.ts) and waits until it listens. */
export async function startBareLongPoll(start: BareStart): Promise<BareLongPoll> {
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child = fork(entry, [], { cwd: repoRoot, execArgv: loader, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send(start);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as BareMessage).port));
    void exited.then(() => reject(new Error(`bare long-poll server exited (code ${child.exitCode})`)));
  });
  return { pid: child.pid!, base: `http://127.0.0.1:${port}`, stop: () => stopChild(child, exited) };
}
