import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { loadHallSecret } from '@hall/hub/adapters/crypto/hall-secret';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import { connectMqtt, until } from '@hall/testkit/clients';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';

const demoHallFile = join(import.meta.dirname, '..', '..', 'hall-hub', 'demo', 'hall.json');
const demoProgram = join(import.meta.dirname, '..', 'src', 'demo.ts');

let hub: HubProcess | null = null;
let demo: ChildProcess | null = null;
const closers: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  demo?.kill('SIGKILL');
  hub?.child.kill('SIGKILL');
});

describe('HALL_DEMO_DEVICES=1: the demo hall’s hub and the demo bridge program, as npm start runs them', { timeout: 120_000 }, () => {
  it('every device the demo hall puts behind a bridge comes online', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-demo-devices-'));
    hub = await spawnHub({ HALL_CONFIG: demoHallFile, HALL_DATA_DIR: dataDir });
    const mqttPort = hub.output.map((l) => /^HALL_HUB_LISTENING port=\d+ mqtt=(\d+)/.exec(l)?.[1]).find(Boolean);
    const raw = JSON.parse(readFileSync(demoHallFile, 'utf8')) as { hall: { id: string }; bridges: Array<{ id: string }>; devices: Array<{ id: string; bridge?: string }> };
    // The passwords as scripts/start.mjs gets them (npm run device-credentials): from the secret the hub made.
    const credentials = createDeviceCredentials(loadHallSecret(dataDir, {}), parseHallConfig(raw));
    const behindBridges = raw.devices.filter((d) => d.bridge).map((d) => d.id);
    expect(raw.bridges.map((b) => b.id)).toEqual(['bridge-1']);
    expect(behindBridges).toHaveLength(165);

    const watcher = await connectMqtt(`mqtt://127.0.0.1:${mqttPort}`, 'hub', credentials.passwordFor('hub')!, { clientId: 'demo-watcher' });
    closers.push(() => watcher.end(true));
    const availability = new Map<string, string>();
    watcher.on('message', (topic, payload) => availability.set(topic.split('/')[3]!, payload.toString('utf8')));
    await watcher.subscribeAsync(`hall/${raw.hall.id}/dev/+/availability`, { qos: 1 });

    const output: string[] = [];
    demo = spawn(process.execPath, ['--import', 'tsx', demoProgram, '--mqtt', `mqtt://127.0.0.1:${mqttPort}`, '--hall-config', demoHallFile, '--bridge', 'bridge-1'], {
      env: { ...process.env, HALL_BRIDGE_PASSWORD: credentials.passwordFor('bridge-1')! },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (b: Buffer) => output.push(b.toString('utf8')));
    demo.stderr!.on('data', (b: Buffer) => output.push(b.toString('utf8')));

    await until(
      (check) => {
        watcher.on('message', check);
        return () => void watcher.off('message', check);
      },
      () => (behindBridges.every((id) => availability.get(id) === 'online') ? true : undefined),
      90_000,
      'every demo device online',
    );
    expect(output.join('')).toContain('bridge-1: 165 simulated devices');
    // the demo bridge refused nothing: the demo hall and the devices it simulates agree
    expect(output.join('')).not.toMatch(/refused/);
  });
});
