import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDisplayBrowser, openDisplay } from '@hall/testkit/display-pages';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { repoRoot } from '@hall/testkit/repo-paths';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

const DUTY = '13700002222';

let sim: ProvinceSimulator;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  sim = await startProvinceSimulator({ key: UPLINK_KEY });
  const config = smallHall({
    hall: { id: 'test-hall', name: '测试政务服务中心', dutyManager: { name: '周敏', phone: DUTY } },
    uplink: { enabled: true, url: sim.url, backoff: { baseMs: 20, maxMs: 200 }, downlink: { enabled: false } },
  });
  // The sessions must outlive the hour this test winds the clock on.
  config.server.sessionMinutes = 24 * 60;
  hub = await testHub(config, fakeClock(), {
    listen: true,
    env: { HALL_UPLINK_KEY: UPLINK_KEY },
    staticApps: [CONSOLE_APP, { prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') }],
  });
  browser = await launchDisplayBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await sim?.close();
});

async function signIn(username: string, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${hub.base}/console/${hash}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

const issue = (lineId = 'general') => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId } });
const window1 = (action: string, body: Record<string, unknown> = {}) =>
  hub.app.inject({ method: 'POST', url: `/api/windows/1/${action}`, headers: hub.as('staff-S1'), payload: body });
const groupSms = () => sim.sms().filter((m) => m.type === 'warning-group-red');

describe('红黄灯 as a workflow in Chromium', () => {
  it('waits pile up on a line: one grouped row, acknowledged, assigned, escalated; red chimes and texts the duty manager once; the caller and the wall see it', async () => {
    // 张伟 opens window 1 and calls A001; five wait behind: at the configured 8 minutes each, about 40 minutes for
    // the next one to come — the line is overloaded, and the wall says so calmly.
    expect((await window1('open')).statusCode).toBe(200);
    for (let i = 0; i < 6; i++) expect((await issue()).statusCode).toBe(201);
    expect((await window1('call-next')).statusCode).toBe(200);
    const wall = await openDisplay(browser, hub.base, 'wall-1', hub.credentials.passwordFor('wall-1')!, { width: 1920, height: 1080 });
    const band = wall.locator('.band');
    await expect.poll(() => band.textContent(), { timeout: 20_000 }).toContain('综合业务 等候较多，预计等候约 40 分钟');
    expect(await band.textContent()).toContain('expected wait about 40 min');
    expect(await band.textContent()).not.toMatch(/A00\d/);

    const boss = await signIn('boss', '#/floor');
    const panel = boss.locator('.warnings');
    await expect.poll(() => panel.getAttribute('data-checks'), { timeout: 15_000 }).not.toBe('0');
    const chimes = async () => Number(await panel.getAttribute('data-chimes'));

    // 21 minutes on: five yellow waits, one row for the line.
    hub.clock.advance(21 * MINUTE);
    await issue('tax');
    const row = boss.locator('li.warning-group[data-group="line:general"]');
    await expect.poll(() => row.getAttribute('data-level'), { timeout: 15_000 }).toBe('yellow');
    expect(await row.locator('summary').textContent()).toMatch(/▲ 黄灯\s*综合业务\s*5 条预警 · 最长 21 分钟/);
    expect(await boss.locator('li.warning-group').count()).toBe(1);
    // Opened, it lists the tickets' own warnings.
    await row.locator('summary').click();
    expect(await row.locator('details > ul > li').count()).toBe(5);
    await expect.poll(chimes, { timeout: 15_000 }).toBe(1);

    await boss.getByRole('button', { name: '确认 综合业务' }).click();
    await expect.poll(() => row.getAttribute('data-acknowledged'), { timeout: 10_000 }).toBe('true');
    await boss.getByLabel('指派给 综合业务').selectOption('S2');
    await boss.getByRole('button', { name: '指派 综合业务', exact: true }).click();
    await expect.poll(() => row.locator('summary').textContent(), { timeout: 10_000 }).toContain('已指派：S2 王芳');
    expect(await row.locator('.group-history').textContent()).toMatch(/boss 已确认[\s\S]*boss 指派 → S2 王芳/);

    // Past 40 minutes: the group turns red — a red chime, the acknowledgement is asked for again, one SMS.
    hub.clock.advance(20 * MINUTE);
    await issue('tax');
    await expect.poll(() => row.getAttribute('data-level'), { timeout: 15_000 }).toBe('red');
    await expect.poll(chimes, { timeout: 15_000 }).toBe(2);
    expect(await row.getAttribute('data-acknowledged')).toBe('false');
    await expect.poll(async () => (await hub.uplink.relay!.drained(), groupSms().length), { timeout: 15_000 }).toBe(1);
    expect(groupSms()[0]).toMatchObject({ to: DUTY });
    expect(groupSms()[0]!.text).toContain('红灯预警：综合业务');
    // More looks at the same red (the page's checks, the hub's timer): no second text.
    const checks = Number(await panel.getAttribute('data-checks'));
    hub.clock.advance(MINUTE);
    await issue('tax');
    await expect.poll(async () => Number(await panel.getAttribute('data-checks')), { timeout: 15_000 }).toBeGreaterThan(checks);
    hub.app.warningDesk.check();
    await hub.uplink.relay!.drained();
    expect(groupSms()).toHaveLength(1);

    await boss.getByRole('button', { name: '上报值班主任 综合业务' }).click();
    await expect.poll(() => row.locator('summary').textContent(), { timeout: 10_000 }).toContain('已上报值班主任');

    // On the caller, 张伟 sees the warnings of his window's line and acknowledges the red himself.
    const staff = await signIn('staff-S1', '#/caller/1');
    const mine = staff.locator('.my-warnings li.warning-group[data-group="line:general"]');
    await expect.poll(() => mine.getAttribute('data-level'), { timeout: 15_000 }).toBe('red');
    expect(await staff.locator('.my-warnings').getByRole('button', { name: /指派|上报/ }).count()).toBe(0);
    await staff.getByRole('button', { name: '确认 综合业务' }).click();
    await expect.poll(() => mine.getAttribute('data-acknowledged'), { timeout: 10_000 }).toBe('true');
    expect(hub.audit.query({ limit: 20 }).filter((e) => e.action === 'warning group acknowledge').map((e) => e.actor)).toEqual(['staff-S1', 'boss']);

    // The line clears: the wall's notice goes with it.
    for (let i = 0; i < 3; i++) {
      expect((await window1('finish')).statusCode).toBe(200);
      expect((await window1('call-next')).statusCode).toBe(200);
    }
    await expect.poll(() => band.textContent(), { timeout: 20_000 }).not.toContain('等候较多');
    await wall.close();
    await staff.close();
    await boss.close();
  }, 240_000);
});
