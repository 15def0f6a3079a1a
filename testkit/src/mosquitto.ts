import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrokerPrincipal } from '@hall/hub/adapters/mqtt/mqtt-acl';
import { writeMosquittoFiles } from '@hall/hub/adapters/mqtt/mosquitto-files';
import { freePort } from './free-port.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface MosquittoBroker {
  port: number;
  /** the running broker's process id (for CPU and memory figures) */
  readonly pid: number | undefined;
  url: string;
  /** holds etc/ (config, password and ACL files) and data/ (the persistence directory) */
  dir: string;
  /** the broker's log (stderr), across restarts */
  output: string[];
  /** SIGTERM and wait for the exit; mosquitto saves its database on the way out */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit: a crash, nothing saved since the last autosave */
  kill(): Promise<void>;
  /** stop, then start again on the same port with the same files and persistence directory */
  restart(): Promise<void>;
  /** stop and delete the temporary directory */
  close(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a real mosquitto on a free loopback port with the files `writeMosquittoFiles` generates, and waits
 * until it accepts connections. Fails loudly when mosquitto is not installed: these tests must not pass by
 * being skipped.
 */
export async function startMosquitto(
  principals: BrokerPrincipal[],
  passwords: (username: string) => string | null,
  /**
   * clientIdIsUsername false: a province's broker, whose consumers share one login; extraConfig: lines appended to
   * mosquitto.conf (limits a benchmark raises)
   */
  opts: { clientIdIsUsername?: boolean; extraConfig?: readonly string[] } = {},
): Promise<MosquittoBroker> {
  if (!existsSync(MOSQUITTO)) {
    throw new Error(
      `${MOSQUITTO} is missing: run \`npm test\` as root (it installs the system packages), ` +
        'or `apt-get install mosquitto mosquitto-clients`',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'hall-mosquitto-'));
  const output: string[] = [];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  // A broker left behind by a crashed test worker would hold its port; take it down with us.
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);

  const launch = async (port: number, configFile: string): Promise<void> => {
    const proc = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let gone = false;
    exited = new Promise((resolve) =>
      proc.once('exit', () => {
        gone = true;
        resolve();
      }),
    );
    createInterface({ input: proc.stderr! }).on('line', (l) => output.push(l));
    const deadline = Date.now() + 10_000;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      if (gone) throw new Error(`mosquitto exited (${proc.exitCode ?? proc.signalCode}) before listening:\n${output.join('\n')}`);
      if (await accepts(port)) return;
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within 10 s:\n${output.join('\n')}`);
      await delay(wait);
    }
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (proc === null || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    await exited;
  };

  // As root, mosquitto would switch to the `mosquitto` user before reading the 0600 password file.
  const user = process.getuid?.() === 0 ? 'root' : undefined;
  // Another process may take the port between freePort() and mosquitto's bind: then try another one.
  let port = 0;
  let configFile = '';
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    ({ configFile } = writeMosquittoFiles(join(dir, 'etc'), principals, passwords, port, {
      persistenceDir: join(dir, 'data'),
      user,
      ...(opts.clientIdIsUsername === undefined ? {} : { clientIdIsUsername: opts.clientIdIsUsername }),
    }));
    if (opts.extraConfig) appendFileSync(configFile, [...opts.extraConfig, ''].join('\n'));
    try {
      await launch(port, configFile);
      break;
    } catch (err) {
      await terminate('SIGKILL'); // one that never listened (timed out) must not outlive the test
      if (attempt >= 3 || !output.some((l) => l.includes('Address already in use'))) {
        process.removeListener('exit', onExit);
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  const stop = () => terminate('SIGTERM');
  return {
    port,
    get pid() {
      return (child as ChildProcess | null)?.pid;
    },
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    output,
    stop,
    kill: () => terminate('SIGKILL'),
    async restart() {
      await stop();
      await launch(port, configFile);
    },
    async close() {
      await stop();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
