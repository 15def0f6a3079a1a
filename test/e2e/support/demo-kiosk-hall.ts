import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { loadFeeds, startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { loadConfig } from '@hall/hub/config/load-config';
import { fakeClock } from '@hall/testkit/engine-fixture';
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
