import type { SupervisedCase } from '@hall/shared';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDisplayBrowser, openDisplay } from '@hall/testkit/display-pages';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { repoRoot } from '@hall/testkit/repo-paths';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PHONE = '13800000002';
const sh = (day: string, hhmm = '10:00') => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();
const aCase = (caseNo: string, over: Partial<SupervisedCase>): SupervisedCase => ({
  caseNo,
  taskCode: 'T-001',
  serviceName: '食品经营许可',
  departmentCode: 'dept-a',
  departmentName: '市场监督管理局',
  applicant: { kind: 'person', name: '王小华' },
  acceptedAt: sh('2026-11-20'),
  limitWorkingDays: 1,
  state: 'under-review',
  history: [],
  suspensions: [],
  finishedAt: null,
  steps: [],
  ...over,
});

let sim: ProvinceSimulator;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  sim = await startProvinceSimulator({ key: UPLINK_KEY });
  // The fake clock says Monday 23 November 2026, 09:00 in Shanghai. Accepted Friday with one working day: Monday
  // counts, so it is yellow now (nothing left after today) and red from midnight.
  sim.putCases([aCase('CASE-E2E-0001', {}), aCase('CASE-E2E-0002', { applicant: { kind: 'organisation', name: '杭州云帆科技有限公司' }, limitWorkingDays: 10 })]);
  const config = smallHall({
    uplink: {
      enabled: true,
      url: sim.url,
      backoff: { baseMs: 20, maxMs: 200 },
      downlink: { enabled: false },
      supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 1, departments: [{ code: 'dept-a', phones: [PHONE] }] },
    },
  });
  // The manager's session must outlive the hours this test winds the clock on.
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

async function signIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${hub.base}/console/#/supervision`);
  await page.getByLabel('用户名').fill('boss');
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

describe('办件监督 in Chromium', () => {
  it('a case turns red on the hall clock: the console chimes, the province records the SMS, the wall’s 办件公示 shows it red, masked', async () => {
    await hub.uplink.supervision!.sync();
    const patch = await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { surface: 'case-board' } });
    expect(patch.statusCode).toBe(200);
    const wall = await openDisplay(browser, hub.base, 'wall-1', hub.credentials.passwordFor('wall-1')!, { width: 1920, height: 1080 });
    const row = wall.locator('.case-board tr[data-case="CASE-E2E-0001"]');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('王*华');
    expect(await row.textContent()).toContain('▲ 临近时限');
    expect(await wall.locator('.case-board').textContent()).toContain('杭州云帆科技有限公司');
    expect(await wall.content()).not.toContain('王小华');

    const consolePage = await signIn();
    const caseRow = consolePage.locator('tr[data-case="CASE-E2E-0001"]');
    await expect.poll(() => caseRow.getAttribute('data-light'), { timeout: 20_000 }).toBe('yellow');
    // The page heard the yellow already; the chime counter moves when a new warning comes.
    const chimes = async () => Number(await consolePage.locator('main.supervision').getAttribute('data-chimes'));
    const chimesBefore = await chimes();

    // Tuesday 00:01 on the hall clock: past the end of Monday.
    hub.clock.advance(15 * HOUR + MINUTE);
    await expect.poll(() => caseRow.getAttribute('data-light'), { timeout: 30_000 }).toBe('red');
    await hub.uplink.relay!.drained();
    expect(sim.sms().filter((m) => m.type === 'case-light').map((m) => m.key.split(':').pop())).toEqual(['yellow', 'red']);
    expect(sim.sms().every((m) => m.to === PHONE && !m.text.includes('王小华'))).toBe(true);
    await expect.poll(() => consolePage.locator('tr.warning.red[data-warning]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(chimes, { timeout: 20_000 }).toBeGreaterThan(chimesBefore);

    // Pushed over the live link, not polled: the board turns red without a reload, and the wall never asked for it.
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('■ 已超期');
    const asked = await wall.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/supervision/board')).length);
    expect(asked).toBe(0);
    await wall.close();
    await consolePage.close();
  }, 180_000);
});
