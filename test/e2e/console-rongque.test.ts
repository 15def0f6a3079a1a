import type { Browser } from 'playwright-core';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

const DAY = 86_400_000;

let browser: Browser;
let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const catalog = doc({
  task_general_basic: [basic('b1', 'T1', '', '食品经营许可', { dept_name: '市场监督管理局' })],
  task_general_extend: [{ row_guid: 'e1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', extend_field: '{"rongque": true}' }],
  task_general_material: [material('m1', 'T1', '', '食品经营许可申请书'), material('m2', 'T1', '', '经营场所使用证明', { is_need: '2', order_num: 2 })],
});

describe('the console’s 容缺 section on the supervision page (Chromium)', () => {
  it('shows an overdue supply in words, and a manager records the supply from the row', async () => {
    sim = await startProvinceSimulator({ key: UPLINK_KEY });
    const config = smallHall({
      uplink: {
        enabled: true,
        url: sim.url,
        batchSize: 50,
        backoff: { baseMs: 20, maxMs: 200 },
        requestTimeoutMs: 10_000,
        downlink: { enabled: false },
        supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, departments: [] },
      },
    });
    hub = await testHub(config, fakeClock(), { listen: true, staticApps: [CONSOLE_APP], env: { HALL_UPLINK_KEY: UPLINK_KEY } });
    const h = hub;
    expect((await h.app.inject({ method: 'POST', url: '/api/admin/catalog/import', payload: catalog, headers: h.as('boss') })).statusCode).toBe(200);
    await h.uplink.rongque!.refreshCredit();
    const ticket = (await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).json() as { number: string };
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
    const accepted = await h.app.inject({
      method: 'POST',
      url: '/api/windows/1/rongque',
      headers: h.as('staff-S1'),
      payload: { ticketNo: ticket.number, serviceId: 'T1', applicant: { kind: 'person', idNumber: '11010519900101123X', name: '王小华' }, missing: ['经营场所使用证明'], supplyWorkingDays: 3 },
    });
    expect(accepted.statusCode).toBe(201);
    h.clock.advance(4 * DAY);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${h.base}/console/#/supervision`);
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码').fill('correct horse');
    await page.getByRole('button', { name: '登录' }).click();
    const row = page.locator('[data-section="rongque"] tr[data-state="overdue"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('逾期未补交');
    expect(await row.textContent()).toContain('经营场所使用证明');
    expect(await row.textContent()).toContain('王*华');
    expect(await page.locator('[data-section="rongque"] [data-count="overdue"]').textContent()).toBe('1');
    await row.getByRole('button', { name: '已补交' }).click();
    await expect.poll(() => page.locator('[data-section="rongque"]').textContent(), { timeout: 15_000 }).toContain('没有待补交材料的容缺件。');
    const login = await h.auth.login('boss', 'correct horse');
    if (!login.ok) throw new Error('boss cannot sign in');
    const after = await h.app.inject({ url: '/api/rongque', headers: { authorization: `Bearer ${login.session.token}` } });
    expect((after.json() as { open: number }).open).toBe(0);
    await page.close();
  }, 90_000);
});
