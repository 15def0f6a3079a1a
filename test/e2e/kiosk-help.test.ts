import type { HelpRequest } from '@hall/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamClient } from '@hall/testkit/clients';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { axe, demoKioskHall } from './support/demo-kiosk-hall.js';

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  hub = await demoKioskHall();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
});

describe('never a dead end (Chromium)', () => {
  it('a search that finds nothing suggests departments and topics, and 请工作人员帮助 reaches the console', { timeout: 120_000 }, async () => {
    const console_ = streamClient(hub.base, 'console', { token: hub.as('boss').authorization.slice('Bearer '.length) });
    const heard = new Promise<HelpRequest>((resolve) => console_.socket.once('help-request', resolve));
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const token = hub.credentials.passwordFor('kiosk-1')!;
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /搜索事项/ }).click();
    await page.locator('.search-box').fill('旮旯犄角');
    await expect.poll(() => page.getByRole('heading', { name: '您可能要找这些部门' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.no-results .row').first().getByRole('button').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: '请工作人员帮助' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已通知工作人员');
    const request = await heard;
    expect(request).toMatchObject({ deviceId: 'kiosk-1', query: '旮旯犄角' });
    console_.socket.close();
    await page.close();
  });
});
