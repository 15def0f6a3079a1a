import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './hub-process.js';
import type { PhoneCommand, PhoneMessage, PhoneStart, PhoneStats } from './mobile-phones-process.js';

/** What one phone page showed: the times (shared monotonic clock, ms) and keys of its 200s, in order. */
export interface PhoneArrivals {
  t: number[];
  key: number[];
}

export interface PhoneCrowd {
  pid: number;
  open(id: number, path: string, headers: Record<string, string>, closeOnCalled?: boolean): void;
  arrivals: Map<number, PhoneArrivals>;
  stats(): PhoneStats;
  /** the counts as of now, asked of the phone process */
  snapshot(): Promise<PhoneStats>;
  /** closes every phone; resolves with the final counts */
  stop(): Promise<PhoneStats>;
}

const entry = fileURLToPath(new URL('./mobile-phones-process.ts', import.meta.url));
const empty = (): PhoneStats => ({ views: 0, notModified: 0, errors: 0, errorKinds: {}, closedOnCall: 0, open: 0 });

/** Starts bench/lib/mobile-phones-process.ts: phone pages long-polling `base`, opened one by one with `open`. */
export async function startPhoneCrowd(start: Omit<PhoneStart, 'type'>): Promise<PhoneCrowd> {
  const loader = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const child: ChildProcess = fork(entry, [], { cwd: repoRoot, execArgv: loader, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const arrivals = new Map<number, PhoneArrivals>();
  let stats = empty();
  let finalStats: ((s: PhoneStats) => void) | null = null;
  const replies: Array<(s: PhoneStats) => void> = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as PhoneMessage;
      if (m.type === 'ready') resolve();
      else if (m.type === 'stats') {
        stats = m.stats;
        if (m.final) finalStats?.(m.stats);
        if (m.reply) replies.shift()?.(m.stats);
      } else if (m.type === 'arrivals') {
        const d = m.data;
        for (let i = 0; i < d.length; i += 3) {
          let a = arrivals.get(d[i]!);
          if (!a) arrivals.set(d[i]!, (a = { t: [], key: [] }));
          a.t.push(d[i + 1]!);
          a.key.push(d[i + 2]!);
        }
      }
    });
    void exited.then(() => reject(new Error(`phone process exited (code ${child.exitCode})`)));
  });
  const command = (c: PhoneCommand) => {
    if (child.connected) child.send(c);
  };
  child.send({ type: 'start', ...start } satisfies PhoneStart);
  await ready;
  return {
    pid: child.pid!,
    open: (id, path, headers, closeOnCalled = false) => command({ type: 'open', id, path, headers, closeOnCalled }),
    arrivals,
    stats: () => stats,
    snapshot() {
      const got = new Promise<PhoneStats>((resolve) => replies.push((s) => resolve(structuredClone(s))));
      command({ type: 'report' });
      return got;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return stats;
      const got = new Promise<PhoneStats>((resolve) => (finalStats = resolve));
      command({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const s = await Promise.race([got, exited.then(() => stats)]);
      await exited;
      clearTimeout(timer);
      return s;
    },
  };
}
