import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConsumerCommand, ConsumerReply, PhaseStats } from './province-consumer-process.js';
import type { RelayCommand, RelayReply } from './province-relay-process.js';
import { repoRoot } from './hub-process.js';

/** A child process spoken to over its IPC channel: one command, then the reply of the named type. */
export interface Peer<C, R extends { type: string }> {
  pid: number;
  send(c: C): void;
  ask<T extends R['type']>(c: C, reply: T, ms?: number): Promise<Extract<R, { type: T }>>;
  next<T extends R['type']>(reply: T, ms?: number): Promise<Extract<R, { type: T }>>;
  stop(): Promise<void>;
}

function spawnPeer<C, R extends { type: string }>(file: string, name: string): Peer<C, R> {
  // Under tsx, execArgv carries its loader; else ask for it by name.
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), [], { cwd: repoRoot, execArgv: loader, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiters = new Set<(r: R) => boolean>();
  child.on('message', (m) => {
    const r = m as R;
    if (r.type === 'failed') console.error(`  [${name}] ${(r as unknown as { message: string }).message}`);
    for (const w of waiters) if (w(r)) waiters.delete(w);
  });
  const next = <T extends R['type']>(reply: T, ms = 600_000): Promise<Extract<R, { type: T }>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`${name}: no '${reply}' within ${ms / 1000} s`));
      }, ms);
      const w = (r: R): boolean => {
        if (r.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${name} failed: ${(r as unknown as { message: string }).message}`));
          return true;
        }
        if (r.type !== reply) return false;
        clearTimeout(timer);
        resolve(r as Extract<R, { type: T }>);
        return true;
      };
      waiters.add(w);
      void exited.then(() => {
        if (waiters.delete(w)) {
          clearTimeout(timer);
          reject(new Error(`${name} exited (code ${child.exitCode}) while '${reply}' was awaited`));
        }
      });
    });
  return {
    pid: child.pid!,
    send: (c) => void child.send(c as object),
    ask(c, reply, ms) {
      const p = next(reply, ms);
      child.send(c as object);
      return p;
    },
    next,
    async stop() {
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type RelayPeer = Peer<RelayCommand, RelayReply>;
export type ConsumerPeer = Peer<ConsumerCommand, ConsumerReply>;
export type { PhaseStats };

export const startRelayProcess = (name: string): RelayPeer => spawnPeer<RelayCommand, RelayReply>('./province-relay-process.ts', name);
export const startConsumerProcess = (): ConsumerPeer => spawnPeer<ConsumerCommand, ConsumerReply>('./province-consumer-process.ts', 'province consumers');
