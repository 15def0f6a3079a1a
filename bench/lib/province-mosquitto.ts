import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrokerPrincipal } from '@hall/hub/adapters/mqtt/mqtt-acl';
import { writeMosquittoFiles } from '@hall/hub/adapters/mqtt/mosquitto-files';
import { freePort, stopChild } from './hub-with-mqtt.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const TOPIC_PREFIX = 'province';
export const PROVINCE_USER = 'province';

/** A hall's account on the upstream broker: it may publish only under its own uplink topics. */
export function hallPrincipal(hallId: string): BrokerPrincipal {
  return { username: hallId, publish: [`${TOPIC_PREFIX}/${hallId}/uplink/#`], subscribe: [] };
}

export interface ProvinceBroker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Debian's mosquitto as the province's upstream broker, configured like the hub's `npm run mosquitto-files`
 * (password file, one ACL block per hall) plus the limits a province must raise: mosquitto keeps at most
 * `max_queued_messages` (default 1000) QoS 1 messages per subscriber beyond those in flight and silently drops
 * the rest — after it has acknowledged them to the hall. A consumer that falls behind during a catch-up burst
 * would lose events, so the limit is lifted here (and must be in production).
 */
export async function startProvinceBroker(hallIds: readonly string[], passwordOf: (user: string) => string): Promise<ProvinceBroker> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: apt-get install mosquitto (scripts/system-packages.txt)`);
  const dir = mkdtempSync(join(tmpdir(), 'hall-province-broker-'));
  const principals = [...hallIds.map(hallPrincipal), { username: PROVINCE_USER, publish: [], subscribe: [`${TOPIC_PREFIX}/+/uplink/+`] }];
  const port = await freePort();
  const { configFile } = writeMosquittoFiles(join(dir, 'etc'), principals, passwordOf, port, {
    persistenceDir: join(dir, 'data'),
    user: process.getuid?.() === 0 ? 'root' : undefined,
    // The province's consumers share one login; a hall's relay and its probe share the hall's.
    clientIdIsUsername: false,
  });
  appendFileSync(configFile, ['max_queued_messages 1000000', 'set_tcp_nodelay true', ''].join('\n'));
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => {
    output.push(l);
    if (output.length > 40) output.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited before listening:\n${output.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not listen on ${port}:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await stopChild(child, exited, 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
