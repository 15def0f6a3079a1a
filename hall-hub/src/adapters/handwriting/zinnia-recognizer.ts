import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { HandwritingRecognizer, Strokes } from '../../ports/handwriting-recognizer.js';
import { inkForZinnia } from './zinnia-ink.js';

/** Debian: zinnia-utils (the `zinnia` command) and tegaki-zinnia-simplified-chinese (this model). */
export const DEBIAN_ZINNIA_MODEL = '/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model';
const MOST = 20;

export interface ZinniaOptions {
  binary?: string;
  model?: string;
  /** an answer slower than this means the process is stuck: it is restarted and the waiting requests refused */
  timeoutMs?: number;
}

interface Waiting {
  resolve(candidates: string[]): void;
  reject(err: Error): void;
  limit: number;
  got: string[];
  started: boolean;
  timer: NodeJS.Timeout;
  line: string;
  /** sent again once after the engine stopped under it */
  retried: boolean;
}

function onPath(binary: string): boolean {
  if (binary.includes('/')) return existsSync(binary);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
}

/** The shell, `cat` and `zinnia` are one process group (spawned detached): stop them together. */
function stop(p: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void {
  try {
    if (p.pid !== undefined) process.kill(-p.pid, signal);
  } catch {
    // already gone
  }
}

/** Zinnia's line format: `(character (width 1000) (height 1000) (strokes ((x y) …) …))`. Points are integers. */
export function zinniaLine(strokes: Strokes): string {
  const s = strokes.map((stroke) => `(${stroke.map(([x, y]) => `(${Math.round(x)} ${Math.round(y)})`).join(' ')})`).join(' ');
  return `(character (width 1000) (height 1000) (strokes ${s}))\n`;
}

/**
 * Zinnia (an SVM recogniser, offline, ~5 ms a character) as one long-lived process the hub keeps: the model
 * (26 MB) is loaded once, and each request is one line in and `Answer:` plus MOST lines out, in order.
 * `zinnia` reads its input as a file, and a Node pipe is a socket it cannot open as /dev/stdin, so `cat` sits
 * in front and hands it a real pipe.
 */
export function createZinniaRecognizer(opts: ZinniaOptions = {}): HandwritingRecognizer {
  const binary = opts.binary ?? 'zinnia';
  const model = opts.model ?? DEBIAN_ZINNIA_MODEL;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const missing = !onPath(binary)
    ? `${binary} (Debian: zinnia-utils)`
    : !existsSync(model)
      ? `${model} (Debian: tegaki-zinnia-simplified-chinese)`
      : null;
  let child: ChildProcessWithoutNullStreams | null = null;
  let waiting: Waiting[] = [];
  let partial = '';
  let closed = false;

  function failAll(err: Error): void {
    const all = waiting;
    waiting = [];
    for (const w of all) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  function onLine(line: string): void {
    const w = waiting[0];
    if (!w) return;
    if (line.startsWith('Answer:')) {
      w.started = true;
      return;
    }
    if (!w.started) return;
    const char = line.split(' ')[0];
    if (char) w.got.push(char);
    if (w.got.length === MOST) {
      waiting.shift();
      clearTimeout(w.timer);
      w.resolve(w.got.slice(0, w.limit));
    }
  }

  function start(): ChildProcessWithoutNullStreams {
    const p = spawn('sh', ['-c', 'cat | exec "$0" -m "$1" -n "$2" /dev/stdin', binary, model, String(MOST)], { detached: true });
    partial = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    p.stdin.on('error', () => undefined); // the exit handler below refuses whoever waits
    p.on('exit', () => {
      if (child === p) child = null;
      // A crash loses the answers in flight: ask a fresh engine once, then give up on whoever asked before.
      const again = closed ? [] : waiting.filter((w) => !w.retried);
      waiting = waiting.filter((w) => !again.includes(w));
      failAll(new Error('the handwriting recogniser stopped'));
      if (again.length === 0) return;
      const next = (child ??= start());
      for (const w of again) {
        w.retried = true;
        w.started = false;
        w.got = [];
        waiting.push(w);
        next.stdin.write(w.line);
      }
    });
    return p;
  }

  return {
    available: missing === null,
    missing,
    recognize(strokes, limit) {
      if (missing) return Promise.reject(new Error(`handwriting recogniser not installed: ${missing}`));
      if (closed) return Promise.reject(new Error('the handwriting recogniser is closed'));
      const p = (child ??= start());
      return new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          // Answers come in order: one lost answer would shift every later one, so start over.
          if (child) stop(child, 'SIGKILL');
          failAll(new Error('the handwriting recogniser did not answer'));
        }, timeoutMs);
        const line = zinniaLine(inkForZinnia(strokes));
        waiting.push({ resolve, reject, limit: Math.min(limit, MOST), got: [], started: false, timer, line, retried: false });
        p.stdin.write(line);
      });
    },
    async close() {
      closed = true;
      const p = child;
      child = null;
      if (!p) return;
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.stdin.end();
      stop(p, 'SIGTERM');
      await exited;
    },
  };
}
