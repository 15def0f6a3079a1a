import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILT = {
  hub: join(repoRoot, 'hall-hub', 'dist', 'main.js'),
  provinceSim: join(repoRoot, 'province-sim', 'dist', 'main.js'),
  bridge: join(repoRoot, 'firmware-bridge', 'dist', 'main.js'),
};

/** The soak runs the built programs, as a hall does: it refuses to start on a tree that was not built. */
export function assertBuilt(): void {
  const missing = Object.values(BUILT).filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} — run \`npx -y pnpm@12.4.2 -r run build\` first`);
}

export { freePort } from '@hall/testkit/free-port';

/** A program the soak started: its output goes to a log file; `ready` resolves with the line that says it listens. */
export interface Program {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGKILL — a crash: nothing is flushed, nothing closed */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit */
  stop(): Promise<void>;
}

export function startProgram(
  name: string,
  file: string,
  args: string[],
  env: Record<string, string>,
  log: WriteStream,
  readyLine: RegExp,
  timeoutMs = 120_000,
): { program: Program; ready: Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const tail: string[] = [];
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not report ready within ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    const onLine = (line: string) => {
      log.write(`[${new Date().toISOString()}] ${name}: ${line}\n`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const m = readyLine.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${tail.join('\n')}`));
    });
  });
  ready.catch(() => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const program: Program = {
    name,
    child,
    exited,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
    },
  };
  return { program, ready };
}

export function openLog(file: string): WriteStream {
  return createWriteStream(file, { flags: 'a' });
}
