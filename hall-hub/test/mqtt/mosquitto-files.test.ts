import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mosquittoAclFile, mosquittoPasswordLine, writeMosquittoFiles } from '../../src/adapters/mqtt/mosquitto-files.js';
import { brokerPrincipals } from '../../src/adapters/mqtt/mqtt-acl.js';
import { parseHallConfig } from '../../src/config/parse-hall-config.js';
import { startMosquitto, type MosquittoBroker } from '@hall/testkit/mosquitto';

const run = promisify(execFile);

const config = parseHallConfig({
  hall: { id: 'h1', name: '测试大厅' },
  zones: [{ id: 'z', name: '综合区' }],
  lines: [{ id: 'a', prefix: 'A', name: '综合' }],
  windows: [{ no: '1', name: '窗口1', zone: 'z', lines: [{ line: 'a' }] }],
  bridges: [{ id: 'bridge-1' }],
  devices: [
    { id: 'keypad-1', type: 'keypad', window: '1', bridge: 'bridge-1' },
    { id: 'led-2', type: 'led-strip', window: '1' },
  ],
});
const principals = brokerPrincipals(config);
// Characters that mean something in the password file ($ separates fields, : ends the name) must survive.
const PASSWORDS: Record<string, string> = {
  hub: 'hub-secret',
  'bridge-1': 'bridge:secret$1',
  'keypad-1': 'keypad-secret',
  'led-2': 'led secret $7$ ünïcode',
};
const passwordOf = (username: string) => PASSWORDS[username] ?? null;

interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

/** Everything a client receives, in order, with a way to await a particular message (or fail after a timeout). */
class Inbox {
  readonly all: Received[] = [];
  private readonly waiters = new Set<{ match: (m: Received) => boolean; resolve: (m: Received) => void }>();

  constructor(client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      const m = { topic, payload: payload.toString(), retain: packet.retain };
      this.all.push(m);
      for (const w of this.waiters) {
        if (w.match(m)) {
          this.waiters.delete(w);
          w.resolve(m);
        }
      }
    });
  }

  waitFor(topic: string, payload: string, ms = 5_000): Promise<Received> {
    const match = (m: Received) => m.topic === topic && m.payload === payload;
    const found = this.all.find(match);
    if (found) return Promise.resolve(found);
    let timer: NodeJS.Timeout | undefined;
    const waiter = { match, resolve: (_m: Received) => {} };
    return Promise.race([
      new Promise<Received>((resolve) => {
        waiter.resolve = resolve;
        this.waiters.add(waiter);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no message ${topic} ${JSON.stringify(payload)} within ${ms} ms; got ${JSON.stringify(this.all)}`));
        }, ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  topics(): string[] {
    return this.all.map((m) => m.topic);
  }
}

let broker: MosquittoBroker;
let clients: MqttClient[] = [];

beforeEach(async () => {
  broker = await startMosquitto(principals, passwordOf);
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  clients = [];
  await broker.close();
});

async function open(
  username: string,
  password: string,
  protocolVersion: 4 | 5,
  extra: IClientOptions = {},
): Promise<{ client: MqttClient; inbox: Inbox }> {
  const client = mqtt.connect(broker.url, { username, password, protocolVersion, reconnectPeriod: 0, connectTimeout: 5_000, ...extra });
  clients.push(client);
  // Listening from the start: a resumed session may deliver queued messages right after CONNACK.
  const inbox = new Inbox(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
    client.once('close', () => reject(new Error(`${username}: connection closed before CONNACK`)));
  });
  return { client, inbox };
}

async function subscribe(client: MqttClient, filter: string): Promise<void> {
  const granted = await client.subscribeAsync(filter, { qos: 1 });
  // Mosquitto 2.0 grants every subscription; `topic read` filters what is delivered, not what may be subscribed.
  expect(granted.map((g) => g.qos)).toEqual([1]);
}

const cli = (tool: 'mosquitto_pub' | 'mosquitto_sub', user: string, password: string, args: string[]) =>
  run(tool, ['-h', '127.0.0.1', '-p', String(broker.port), '-u', user, '-P', password, '-i', `${tool}-${user}`, ...args], {
    timeout: 10_000,
  });

describe('mosquitto password file', () => {
  it('matches what mosquitto_passwd writes (PBKDF2-SHA512, 101 iterations, 12-byte salt, base64)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-passwd-'));
    try {
      const file = join(dir, 'passwd');
      writeFileSync(file, '');
      await run('mosquitto_passwd', ['-b', file, 'led-2', PASSWORDS['led-2']!]);
      const line = readFileSync(file, 'utf8').trimEnd();
      const m = /^led-2:\$7\$101\$([A-Za-z0-9+/]{16})\$([A-Za-z0-9+/]{86}==)$/.exec(line);
      expect(m, line).not.toBeNull();
      // Same salt → byte-identical line.
      expect(mosquittoPasswordLine('led-2', PASSWORDS['led-2']!, Buffer.from(m![1]!, 'base64'))).toBe(line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is written 0600, one line per principal', () => {
    const pw = statSync(join(broker.dir, 'etc', 'passwd'));
    expect(pw.mode & 0o777).toBe(0o600);
    const users = readFileSync(join(broker.dir, 'etc', 'passwd'), 'utf8').trimEnd().split('\n').map((l) => l.split(':')[0]);
    expect(users).toEqual(['hub', 'bridge-1', 'keypad-1', 'led-2']);
  });

  it('leaves out principals without a password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-files-'));
    try {
      const files = writeMosquittoFiles(dir, principals, (u) => (u === 'hub' ? 'x' : null), 1883);
      expect(readFileSync(files.passwordFile, 'utf8')).toMatch(/^hub:\$7\$101\$[^\n]+\n$/);
      expect(readFileSync(files.aclFile, 'utf8')).not.toMatch(/led-2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses names the files cannot hold', () => {
    expect(() => mosquittoPasswordLine('a:b', 'x')).toThrow(/username/);
    expect(() => mosquittoPasswordLine('a\nb', 'x')).toThrow(/username/);
    expect(() => mosquittoPasswordLine('a', 'x', Buffer.alloc(16))).toThrow(/12 bytes/);
    expect(() => mosquittoAclFile([{ username: 'a', publish: ['x/#/y'], subscribe: [] }])).toThrow(/topic filter/);
  });

  for (const protocolVersion of [4, 5] as const) {
    it(`lets a user in with the right password only (MQTT ${protocolVersion === 4 ? '3.1.1' : '5'})`, async () => {
      await open('led-2', PASSWORDS['led-2']!, protocolVersion);
      await open('bridge-1', PASSWORDS['bridge-1']!, protocolVersion);
      // 3.1.1: return code 5 "not authorised"; 5: reason code 135 "Not authorized" (mosquitto's choice for both).
      const refused = protocolVersion === 4 ? 5 : 135;
      await expect(open('led-2', 'wrong', protocolVersion)).rejects.toMatchObject({ code: refused });
      await expect(open('nobody', PASSWORDS['led-2']!, protocolVersion)).rejects.toMatchObject({ code: refused });
      await expect(open('', '', protocolVersion)).rejects.toMatchObject({ code: refused });
    });
  }

  it('works with the mosquitto_pub / mosquitto_sub clients', async () => {
    await cli('mosquitto_pub', 'led-2', PASSWORDS['led-2']!, ['-t', 'hall/h1/dev/led-2/state', '-m', 'cli-on', '-q', '1', '-r']);
    // The retained message makes this independent of when the subscriber gets its SUBACK.
    const { stdout } = await cli('mosquitto_sub', 'hub', PASSWORDS.hub!, ['-t', 'hall/h1/#', '-C', '1', '-W', '5', '-v']);
    expect(stdout.trim()).toBe('hall/h1/dev/led-2/state cli-on');
    await expect(cli('mosquitto_pub', 'led-2', 'wrong', ['-t', 'hall/h1/dev/led-2/state', '-m', 'x'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/not authori[sz]ed/i),
    });
    await expect(cli('mosquitto_sub', 'nobody', 'x', ['-t', '#', '-C', '1', '-W', '5'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/not authori[sz]ed/i),
    });
  });
});

describe('mosquitto ACL file', () => {
  it('gives a device write on its own topics and read on its commands, replies and the hub state', () => {
    const acl = mosquittoAclFile(principals);
    const block = acl.split('\n\n').find((b) => b.startsWith('user led-2\n'));
    expect(block?.trimEnd().split('\n')).toEqual([
      'user led-2',
      'topic write hall/h1/dev/led-2/event',
      'topic write hall/h1/dev/led-2/state',
      'topic write hall/h1/dev/led-2/availability',
      'topic write hall/h1/dev/led-2/request/+',
      'topic read hall/h1/dev/led-2/set',
      'topic read hall/h1/dev/led-2/response/+',
      'topic read hall/h1/hub/state',
    ]);
    expect(acl).toMatch(/\nuser hub\ntopic readwrite hall\/h1\/#\n/);
  });

  for (const protocolVersion of [4, 5] as const) {
    describe(`enforced by mosquitto (MQTT ${protocolVersion === 4 ? '3.1.1' : '5'})`, () => {
      it('a device publishes its own topics; its publish for another device never reaches the hub', async () => {
        const hub = await open('hub', PASSWORDS.hub!, protocolVersion);
        await subscribe(hub.client, 'hall/h1/#');
        const led = await open('led-2', PASSWORDS['led-2']!, protocolVersion);

        await led.client.publishAsync('hall/h1/dev/led-2/state', 'on', { qos: 1 });
        expect(await hub.inbox.waitFor('hall/h1/dev/led-2/state', 'on')).toMatchObject({ retain: false });

        const forbidden = led.client.publishAsync('hall/h1/dev/keypad-1/event', 'forged', { qos: 1 });
        if (protocolVersion === 5) {
          await expect(forbidden).rejects.toMatchObject({ code: 135 });
        } else {
          await forbidden; // 3.1.1 has no way to say no: the PUBACK comes, the message is dropped
        }
        // Sentinel: same client, same QoS, published after the forbidden one, so delivered after it if at all.
        await led.client.publishAsync('hall/h1/dev/led-2/event', 'sentinel', { qos: 1 });
        await hub.inbox.waitFor('hall/h1/dev/led-2/event', 'sentinel');
        expect(hub.inbox.topics()).not.toContain('hall/h1/dev/keypad-1/event');
      });

      it('a device receives its own set and responses, not another device’s', async () => {
        const hub = await open('hub', PASSWORDS.hub!, protocolVersion);
        const led = await open('led-2', PASSWORDS['led-2']!, protocolVersion);
        // Subscribing wide is allowed; delivery is what the ACL filters.
        await subscribe(led.client, 'hall/h1/#');

        await hub.client.publishAsync('hall/h1/dev/keypad-1/set', 'not-for-led', { qos: 1 });
        await hub.client.publishAsync('hall/h1/dev/keypad-1/response/ping', 'not-for-led', { qos: 1 });
        await hub.client.publishAsync('hall/h1/dev/led-2/response/ping', 'pong', { qos: 1 });
        await hub.client.publishAsync('hall/h1/dev/led-2/set', 'show A001', { qos: 1 });
        await led.inbox.waitFor('hall/h1/dev/led-2/response/ping', 'pong');
        await led.inbox.waitFor('hall/h1/dev/led-2/set', 'show A001');
        expect(led.inbox.topics()).toEqual(['hall/h1/dev/led-2/response/ping', 'hall/h1/dev/led-2/set']);
      });

      it('a device does not read what it may write, nor other devices’ state', async () => {
        const keypad = await open('keypad-1', PASSWORDS['keypad-1']!, protocolVersion);
        const led = await open('led-2', PASSWORDS['led-2']!, protocolVersion);
        await subscribe(led.client, 'hall/h1/#');
        await keypad.client.publishAsync('hall/h1/dev/keypad-1/state', 'idle', { qos: 1 });
        await led.client.publishAsync('hall/h1/dev/led-2/event', 'own', { qos: 1 });
        const hub = await open('hub', PASSWORDS.hub!, protocolVersion);
        await hub.client.publishAsync('hall/h1/hub/state', 'online', { qos: 1 });
        await led.inbox.waitFor('hall/h1/hub/state', 'online');
        expect(led.inbox.topics()).toEqual(['hall/h1/hub/state']);
      });

      it('a bridge publishes for its devices and its own state, and receives its devices’ commands', async () => {
        const hub = await open('hub', PASSWORDS.hub!, protocolVersion);
        await subscribe(hub.client, 'hall/h1/#');
        const bridge = await open('bridge-1', PASSWORDS['bridge-1']!, protocolVersion);
        await subscribe(bridge.client, 'hall/h1/#');

        await bridge.client.publishAsync('hall/h1/dev/keypad-1/event', 'call-next', { qos: 1 });
        await bridge.client.publishAsync('hall/h1/bridge/bridge-1/state', 'online', { qos: 1, retain: true });
        await hub.inbox.waitFor('hall/h1/dev/keypad-1/event', 'call-next');
        await hub.inbox.waitFor('hall/h1/bridge/bridge-1/state', 'online');

        // Not for a device on no bridge of its own.
        const forbidden = bridge.client.publishAsync('hall/h1/dev/led-2/state', 'forged', { qos: 1 });
        await (protocolVersion === 5 ? expect(forbidden).rejects.toMatchObject({ code: 135 }) : forbidden);
        await bridge.client.publishAsync('hall/h1/dev/keypad-1/state', 'sentinel', { qos: 1 });
        await hub.inbox.waitFor('hall/h1/dev/keypad-1/state', 'sentinel');
        expect(hub.inbox.topics()).not.toContain('hall/h1/dev/led-2/state');

        await hub.client.publishAsync('hall/h1/dev/led-2/set', 'not-for-bridge', { qos: 1 });
        await hub.client.publishAsync('hall/h1/dev/keypad-1/set', 'beep', { qos: 1 });
        await bridge.inbox.waitFor('hall/h1/dev/keypad-1/set', 'beep');
        expect(bridge.inbox.topics()).toEqual(['hall/h1/dev/keypad-1/set']);
      });
    });
  }
});

describe('mosquitto persistence', () => {
  it('keeps retained state across a restart', async () => {
    const led = await open('led-2', PASSWORDS['led-2']!, 4);
    await led.client.publishAsync('hall/h1/dev/led-2/state', 'before-restart', { qos: 1, retain: true });
    await led.client.endAsync();

    await broker.restart();

    const hub = await open('hub', PASSWORDS.hub!, 5);
    await subscribe(hub.client, 'hall/h1/dev/+/state');
    expect(await hub.inbox.waitFor('hall/h1/dev/led-2/state', 'before-restart')).toMatchObject({ retain: true });
  });

  it('keeps a persistent session and its queued QoS 1 message across a restart', async () => {
    const session: IClientOptions = { clientId: 'hub-session', clean: false };
    const first = await open('hub', PASSWORDS.hub!, 4, session);
    await subscribe(first.client, 'hall/h1/dev/+/event');
    await first.client.endAsync();

    const led = await open('led-2', PASSWORDS['led-2']!, 4);
    await led.client.publishAsync('hall/h1/dev/led-2/event', 'while-away', { qos: 1 });
    await led.client.endAsync();

    await broker.restart();

    const again = await open('hub', PASSWORDS.hub!, 4, session);
    await again.inbox.waitFor('hall/h1/dev/led-2/event', 'while-away');
  });
});
