import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadFeeds, startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { loadConfig } from '@hall/hub/config/load-config';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type DemoKioskHall = TestHub & { province: ProvinceSimulator };

/**
 * The demo hall and its catalog, on a clock that says Monday 09:00, with the built kiosk served at /kiosk/,
 * and the provincial platform simulator beside it with the demo's feeds, as `npm start` runs them.
 */
export async function demoKioskHall(): Promise<DemoKioskHall> {
  const { config } = loadConfig({}, join(repoRoot, 'hall-hub', 'demo', 'hall.json'));
  const key = 'demo-kiosk-hall-uplink-key';
  const province = await startProvinceSimulator({ key });
  for (const f of loadFeeds(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'province-feeds.json'), 'utf8'), new Date())) province.setFeed(f.feed, f.doc, f.version);
  const hub = await testHub({ ...config, server: { ...config.server, mqtt: { ...config.server.mqtt, port: 0, host: '127.0.0.1' } } }, fakeClock(), {
    listen: true,
    env: { HALL_UPLINK_URL: province.url, HALL_UPLINK_KEY: key },
    staticApps: [{ prefix: '/kiosk/', dir: join(repoRoot, 'kiosk', 'dist') }],
  });
  hub.catalog.import(JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
  const closeHub = hub.close.bind(hub);
  return Object.assign(hub, {
    province,
    async close() {
      await closeHub();
      await province.close();
    },
  });
}

export interface DemoKioskSuite {
  readonly hub: DemoKioskHall;
  readonly browser: Browser;
}

/** One demo hall and one Chromium for a test file: started before its tests, closed after them. */
export function demoKioskSuite(): DemoKioskSuite {
  let hub: DemoKioskHall | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    hub = await demoKioskHall();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close().catch(() => undefined);
  });
  const ready = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`the suite's ${what} is not started (use it inside a test)`);
    return x;
  };
  return {
    get hub() {
      return ready(hub, 'hall');
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}

/** A kiosk at 1080×1920, as kiosk-1, past the attract screen and on the search page. */
export async function kioskSearchPage(suite: DemoKioskSuite): Promise<Page> {
  const page = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const token = suite.hub.credentials.passwordFor('kiosk-1')!;
  await page.goto(`${suite.hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
  await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
  await page.getByRole('button', { name: /搜索事项/ }).click();
  return page;
}

/** axe-core's serious and critical violations on the page as it stands. */
export async function axe(page: Page): Promise<Array<{ id: string; impact: string | null }>> {
  // Evaluated, not added as a <script>: the pages' CSP (rightly) refuses inline scripts.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } };
    const r = await w.axe.run();
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact }));
  });
}
