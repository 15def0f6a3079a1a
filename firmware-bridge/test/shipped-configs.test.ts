import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { loadConfig } from '@hall/hub/config/load-config';
import { createBridge, type Bridge } from '../src/bridge/create-bridge.js';
import type { BridgeDevice } from '../src/config/bridge-config-schema.js';
import { loadBridgeConfig, parseBridgeConfig } from '../src/config/load-bridge-config.js';
import { startFleet, type Fleet } from '../src/simulators/fleet.js';
import { memoryLogger, ptyPair, type PtyPair } from './support/bridge-fixture.js';

const demoHallFile = join(import.meta.dirname, '..', '..', 'hall-hub', 'demo', 'hall.json');
const exampleFile = join(import.meta.dirname, '..', 'bridge.example.json');
/** a device the demo hall has, but behind no bridge: the very entry the shipped example once named */
const WRONG: BridgeDevice = { id: 'idreader-1', type: 'id-reader', link: 'net', address: 200 };

const closers: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe('the shipped files: the demo hall’s hub and bridge.example.json', { timeout: 120_000 }, () => {
  it('every device the example puts behind bridge-1 comes online; one wrongly configured device is refused alone, named in the bridge’s log and on the console', async () => {
    const { config: hall } = loadConfig({}, demoHallFile);
    // Its staff left out: the test hub makes a login (two scrypt hashes) for each of the 55, which takes a minute
    // here, and nothing on the devices' path depends on them.
    const hub: TestHub = await testHub({ ...hall, staff: [] }, fakeClock(), { listen: true, staticApps: [CONSOLE_APP] });
    closers.push(() => hub.close());

    // A manager has the console's floor open before the bridge connects.
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.base}/console/`);
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码').fill('correct horse');
    await page.getByRole('button', { name: '登录' }).click();
    const devicesCard = page.locator('section[aria-labelledby="devices-title"]');
    await devicesCard.waitFor({ timeout: 20_000 });

    // The example as shipped, with its serial bus on a real pty pair and its TCP link on a free port, and one
    // device added that the hall configuration does not put behind bridge-1.
    const example = loadBridgeConfig(exampleFile);
    const pty: PtyPair = await ptyPair();
    closers.push(() => pty.close());
    const config = parseBridgeConfig({
      ...example,
      mqtt: { url: hub.mqttUrl },
      links: example.links.map((l) => (l.kind === 'serial' ? { ...l, path: pty.bridgeEnd } : { ...l, host: '127.0.0.1', port: 0 })),
      devices: [...example.devices, WRONG],
      pingIntervalMs: 1000,
      offlineAfterMs: 10_000,
    });
    const { lines, logger } = memoryLogger();
    const bridge: Bridge = createBridge({ config, password: hub.credentials.passwordFor('bridge-1')!, logger });
    await bridge.start();
    closers.push(() => bridge.close());

    const serial = config.devices.filter((d) => d.link === 'bus-1');
    const networked = config.devices.filter((d) => d.link === 'net');
    const fleets: Fleet[] = [
      startFleet({ kind: 'serial', path: pty.deviceEnd }, serial),
      startFleet({ kind: 'tcp', host: '127.0.0.1', port: bridge.linkPort('net')! }, networked),
    ];
    closers.push(() => Promise.all(fleets.map((f) => f.close())));

    const served = example.devices.map((d) => d.id);
    expect(served).toHaveLength(165);
    await until(
      (check) => hub.devices.onChange(check),
      () => (served.every((id) => hub.devices.view(id)?.online) ? true : undefined),
      60_000,
      'every device of the example online',
    );

    // The wrong one, alone: offline at the hub, named in the bridge's log, listed for the console, its card
    // reads answered "refused" — and the bridge's connection was never cut for it.
    expect(hub.devices.view(WRONG.id)?.online).toBe(false);
    expect(lines.filter((l) => l.includes('refused'))).toEqual([expect.stringContaining(`device ${WRONG.id} refused`)]);
    const refused = await hub.app.inject({ method: 'GET', url: '/api/devices/refused', headers: hub.as('boss') });
    expect(refused.json()).toEqual([{ bridgeId: 'bridge-1', id: WRONG.id, reason: '大厅配置未将其置于此网关下 (not behind this bridge in the hall configuration)' }]);
    expect(await fleets[1]!.readers.get(WRONG.id)!.swipe({ name: '张三', idNumber: '11010519491231002X' })).toBe(false);
    expect(served.every((id) => hub.devices.view(id)?.online)).toBe(true);
    expect(lines.filter((l) => l.includes('connected to the hub broker'))).toHaveLength(1);

    // The console's floor, open since before the bridge came, shows it by name under the refused devices' heading.
    await devicesCard.getByRole('heading', { name: '网关上未在大厅配置中登记的设备（已拒绝）' }).waitFor({ timeout: 20_000 });
    expect(await devicesCard.locator('ul.offline li', { hasText: WRONG.id }).innerText()).toContain('bridge-1: 大厅配置未将其置于此网关下');
  });
});
