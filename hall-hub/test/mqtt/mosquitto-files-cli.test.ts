import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { createDeviceCredentials } from '../../src/adapters/crypto/device-credentials.js';
import { loadHallSecret } from '../../src/adapters/crypto/hall-secret.js';
import { loadConfig } from '../../src/config/load-config.js';
import { freePort } from '@hall/testkit/free-port';
import { MOSQUITTO } from '@hall/testkit/mosquitto';
import { GIVE_UP_AFTER, floodConnect } from './flood-connect.js';

const run = promisify(execFile);
const hubDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** Debian's mosquitto started with nothing but the config file the CLI wrote; resolves once it says it listens. */
async function startBroker(configFile: string, port: number): Promise<ChildProcess> {
  const proc = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  closers.push(async () => {
    proc.kill('SIGTERM');
    await exited;
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes(`listen socket on port ${port}`)) resolve();
    });
    void exited.then(() => reject(new Error(`mosquitto exited: ${log}`)));
  });
  return proc;
}

function client(port: number, username: string, password: string, clientId: string): Promise<MqttClient> {
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { username, password, clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
  closers.push(() => c.end(true));
  return new Promise((resolve, reject) => {
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

it('npm run mosquitto-files: the broker it configures gives a device its own name as client id and cuts off a 100 MB CONNECT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-mq-cli-data-'));
  const out = mkdtempSync(join(tmpdir(), 'hall-mq-cli-'));
  closers.push(() => rmSync(out, { recursive: true, force: true }));
  const port = await freePort();
  // What `npm run mosquitto-files -- <dir> <port> <address>` runs, for the demo hall.
  await run(process.execPath, ['--import', 'tsx', join(hubDir, 'src', 'cli', 'mosquitto-files.ts'), out, String(port), '127.0.0.1'], {
    cwd: hubDir,
    env: { ...process.env, HALL_DATA_DIR: dataDir },
  });
  const conf = readFileSync(join(out, 'mosquitto.conf'), 'utf8');
  expect(conf).toMatch(/^use_username_as_clientid true$/m);
  expect(conf).toMatch(/^max_packet_size \d+$/m);
  // As root, mosquitto reads its files as the mosquitto user: what the CLI tells the operator to do.
  if (process.getuid?.() === 0) await run('chown', ['-R', 'mosquitto:mosquitto', out]);
  await startBroker(join(out, 'mosquitto.conf'), port);

  const { config } = loadConfig({}, join(hubDir, 'demo', 'hall.json'));
  const credentials = createDeviceCredentials(loadHallSecret(dataDir, {}), config);
  const hall = config.hall.id;
  const hub = await client(port, 'hub', credentials.passwordFor('hub')!, `hub-${hall}`);
  let hubDrops = 0;
  hub.on('close', () => hubDrops++);
  const dropped = new Promise<never>((_, reject) => hub.once('close', () => reject(new Error('the broker dropped the hub'))));
  dropped.catch(() => undefined); // the hub's own end at teardown closes it too
  await hub.subscribeAsync(`hall/${hall}/dev/+/event`, { qos: 1 });
  const arrived = new Promise<void>((resolve) => hub.on('message', (topic) => topic.endsWith('keypad-2/event') && resolve()));

  // keypad-2 asks for the hub's client id: the broker makes it keypad-2, and the hub keeps its connection.
  const intruder = await client(port, 'keypad-2', credentials.passwordFor('keypad-2')!, `hub-${hall}`);
  await intruder.publishAsync(`hall/${hall}/dev/keypad-2/event`, '{"type":"press"}', { qos: 1 });
  await Promise.race([arrived, dropped]);
  expect(hubDrops).toBe(0);
  expect(hub.connected).toBe(true);

  const flood = await floodConnect(port);
  expect(flood.closed).toBe(true);
  expect(flood.sent).toBeLessThan(GIVE_UP_AFTER);
  expect(hub.connected).toBe(true);
});
