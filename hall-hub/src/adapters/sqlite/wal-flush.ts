import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';
import type { Db } from './database.js';

/**
 * Flushes a WAL database's commits to disk off the event loop. A transaction committed with synchronous=NORMAL
 * is in the WAL file (and so survives the process being killed) but not yet on the platter; fdatasync of the WAL
 * file, run on libuv's thread pool, is exactly the flush synchronous=FULL would have done inside the commit —
 * without blocking every other client of the hub for its 1–8 ms. Flushes are grouped: commits made while one
 * runs are covered by the next.
 */
export interface WalFlush {
  /** runs fn as one transaction, written but not flushed */
  written<T>(fn: () => T): T;
  /** resolves once everything committed so far is on disk */
  durable(): Promise<void>;
}

export function createWalFlush(db: Db): WalFlush {
  const walPath = `${db.name}-wal`;
  const inMemory = db.memory;
  /** commits written with synchronous=NORMAL so far, and how many of them are known to be on disk */
  let written = 0;
  let flushed = 0;
  let running = false;
  let failure: Error | null = null;
  let fd: number | null = null;
  const waiters: Array<{ upTo: number; resolve: () => void; reject: (e: Error) => void }> = [];

  /** The WAL's descriptor; reopened if the file was replaced (a restore), null if there is none (all checkpointed). */
  function walFd(): number | null {
    let ino: number;
    try {
      ino = statSync(walPath).ino;
    } catch {
      return null;
    }
    if (fd !== null && fstatSync(fd).ino !== ino) {
      closeSync(fd);
      fd = null;
    }
    fd ??= openSync(walPath, 'r');
    return fd;
  }

  function settle(): void {
    for (let i = 0; i < waiters.length; ) {
      const w = waiters[i]!;
      if (failure) w.reject(failure);
      else if (w.upTo <= flushed) w.resolve();
      else {
        i++;
        continue;
      }
      waiters.splice(i, 1);
    }
  }

  function flush(): void {
    if (running || failure || flushed >= written) return;
    running = true;
    const upTo = written;
    const done = (err: Error | null): void => {
      running = false;
      if (err) failure = new Error(`flushing ${walPath} to disk failed: ${err.message}`, { cause: err });
      else flushed = Math.max(flushed, upTo);
      settle();
      flush();
    };
    let target: number | null;
    try {
      target = walFd();
    } catch (err) {
      done(err as Error);
      return;
    }
    // No WAL file: a checkpoint moved everything into the database file, and a checkpoint flushes it.
    if (target === null) queueMicrotask(() => done(null));
    else fdatasync(target, (err) => done(err));
  }

  return {
    written<T>(fn: () => T): T {
      if (failure) throw failure;
      if (inMemory) return db.transaction(fn)();
      db.pragma('synchronous = NORMAL');
      try {
        const out = db.transaction(fn)();
        written += 1;
        return out;
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    durable(): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (flushed >= written) return Promise.resolve();
      const p = new Promise<void>((resolve, reject) => waiters.push({ upTo: written, resolve, reject }));
      flush();
      return p;
    },
  };
}
