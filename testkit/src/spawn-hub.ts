import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { hubDir } from './repo-paths.js';


export interface HubProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output: string[];
  /** resolves when the process has exited */
  exited: Promise<number | null>;
}

/** kill -9 of a test's hub process, if it has one, once it is gone. */
export async function killHub(hub: HubProcess | null): Promise<void> {
  hub?.child.kill('SIGKILL');
  await hub?.exited;
}

/**
 * Starts the real hub (src/main.ts through tsx) as its own process and waits until it listens. `wrap` runs it
 * under another program (e.g. strace and its arguments); the wrapper then leads a process group of its own, so
 * `child.kill` is replaced by one that kills the group (a killed tracer would leave the hub running).
 */
export async function spawnHub(env: Record<string, string>, opts: { wrap?: string[] } = {}): Promise<HubProcess> {
  const hubArgs = [process.execPath, '--import', 'tsx', join(hubDir, 'src', 'main.ts')];
  const [command, ...args] = [...(opts.wrap ?? []), ...hubArgs] as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: hubDir,
    detached: opts.wrap !== undefined,
    env: { ...process.env, HALL_HTTP_PORT: '0', HALL_MQTT_PORT: '0', HALL_HOST: '127.0.0.1', HALL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (opts.wrap) {
    const group = child.pid!;
    child.kill = (signal?: NodeJS.Signals | number) => {
      try {
        process.kill(-group, signal ?? 'SIGTERM');
        return true;
      } catch {
        return false;
      }
    };
  }
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const m = /^HALL_HUB_LISTENING port=(\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`hub exited (${code}) before listening:\n${output.join('\n')}`)));
  });
  return { child, port, base: `http://127.0.0.1:${port}`, output, exited };
}
