import type { HelpRequest } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { streamClient } from '@hall/testkit/clients';
import { axe, demoKioskSuite, kioskSearchPage } from './support/demo-kiosk-hall.js';

const suite = demoKioskSuite();

describe('never a dead end (Chromium)', () => {
  it('a search that finds nothing suggests departments and topics, and 请工作人员帮助 reaches the console', { timeout: 120_000 }, async () => {
    const { hub } = suite;
    const console_ = streamClient(hub.base, 'console', { token: hub.as('boss').authorization.slice('Bearer '.length) });
    const heard = new Promise<HelpRequest>((resolve) => console_.socket.once('help-request', resolve));
    const page = await kioskSearchPage(suite);
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
