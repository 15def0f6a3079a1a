import type { ParallelStep, SupervisedCase } from '@hall/shared';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import type { Browser, Locator } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDisplayBrowser, openDisplay } from '@hall/testkit/display-pages';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { MOBILE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { repoRoot } from '@hall/testkit/repo-paths';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

/*
 * 一口受理 / 并联审批 in Chromium: a project accepted at the lead department's window, its other departments'
 * steps on their own limits; the 并联审批 zone's wall, the kiosk's 办件查询 and the phone page each show every
 * step's department, state and light (with a shape and words, not colour alone), the applicant masked.
 */

const shots = join(repoRoot, 'docs', 'screenshots');
const sh = (day: string, hhmm = '10:00') => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();
// The province simulator's lookup knows this case (王*华, ID ending 567X): the same number as the supervised project.
const CASE_NO = '330106202611100003';
const step = (departmentName: string, over: Partial<ParallelStep>): ParallelStep => ({
  departmentCode: `dept-${departmentName}`,
  departmentName,
  limitWorkingDays: 3,
  state: 'in-progress',
  startedAt: sh('2026-11-16', '14:00'),
  finishedAt: null,
  ...over,
});
// The fake clock says Monday 23 November 2026, 09:00 in Shanghai.
const STEPS: ParallelStep[] = [
  step('住房和城乡建设局', { limitWorkingDays: 15, startedAt: sh('2026-11-16') }), // 5 of 15 used: ● 正常
  step('自然资源和规划局', { state: 'done', finishedAt: sh('2026-11-18') }), // √ 按时办结
  step('生态环境局', {}), // due the end of Thursday 19: ■ 已超期
  step('消防救援大队', { limitWorkingDays: 10, state: 'returned', suspensions: [{ kind: 'correction', from: sh('2026-11-19'), to: null }] }), // 补正中, 暂停计时
  step('水利局', { state: 'waiting', startedAt: null }), // 待抄告
];
const PROJECT: SupervisedCase = {
  caseNo: CASE_NO,
  taskCode: '330106-BL-001',
  serviceName: '社会投资简易低风险项目施工许可（并联审批）',
  departmentCode: 'dept-住房和城乡建设局',
  departmentName: '住房和城乡建设局',
  applicant: { kind: 'person', name: '王小华' },
  acceptedAt: sh('2026-11-16'),
  limitWorkingDays: 15,
  state: 'under-review',
  history: [],
  suspensions: [],
  finishedAt: null,
  steps: STEPS,
};
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let sim: ProvinceSimulator;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  sim = await startProvinceSimulator({ key: UPLINK_KEY });
  sim.putCases([PROJECT]);
  const config = smallHall({
    uplink: {
      enabled: true,
      url: sim.url,
      backoff: { baseMs: 20, maxMs: 200 },
      downlink: { enabled: false },
      supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, departments: [] },
    },
  });
  hub = await testHub(config, fakeClock(), {
    listen: true,
    env: { HALL_UPLINK_KEY: UPLINK_KEY },
    staticApps: [{ prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') }, { prefix: '/kiosk/', dir: join(repoRoot, 'kiosk', 'dist') }, MOBILE_APP],
  });
  await hub.uplink.supervision!.sync();
  browser = await launchDisplayBrowser();
  mkdirSync(shots, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await sim?.close();
});

/** Each step's department, state word and light cue, as the list shows them. */
async function stepsShown(steps: Locator): Promise<Array<[string | null, string | null]>> {
  const out: Array<[string | null, string | null]> = [];
  for (let i = 0; i < (await steps.count()); i++) out.push([await steps.nth(i).getAttribute('data-dept'), await steps.nth(i).getAttribute('data-light')]);
  return out;
}

const EXPECTED_LIGHTS = [
  ['住房和城乡建设局', 'green'],
  ['自然资源和规划局', 'green'],
  ['生态环境局', 'red'],
  ['消防救援大队', 'green'],
  ['水利局', 'green'],
];

/** The words and shapes each step carries beside its colour. */
async function expectStepWords(steps: Locator): Promise<void> {
  expect(await steps.nth(0).textContent()).toMatch(/办理中[\s\S]*● 正常[\s\S]*剩余10个工作日/);
  expect(await steps.nth(1).textContent()).toMatch(/已办结[\s\S]*√ 按时办结/);
  expect(await steps.nth(2).textContent()).toMatch(/办理中[\s\S]*■ 已超期/);
  expect(await steps.nth(3).textContent()).toMatch(/补正中[\s\S]*● 正常[\s\S]*暂停计时/);
  expect(await steps.nth(4).textContent()).toContain('待抄告');
}

describe('并联审批 in Chromium', () => {
  it('the 并联审批 zone’s wall shows the project’s steps with their departments, states and lights, the applicant masked', async () => {
    const patch = await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { surface: 'parallel-board' } });
    expect(patch.statusCode).toBe(200);
    const wall = await openDisplay(browser, hub.base, 'wall-1', hub.credentials.passwordFor('wall-1')!, { width: 1920, height: 1080 });
    const project = wall.locator(`.parallel-board [data-case="${CASE_NO}"]`);
    await expect.poll(() => project.getAttribute('data-light'), { timeout: 20_000 }).toBe('red');
    expect(await project.locator('header').textContent()).toContain('■ 已超期');
    const steps = project.locator('li.step');
    expect(await stepsShown(steps)).toEqual(EXPECTED_LIGHTS);
    await expectStepWords(steps);
    expect(await project.textContent()).toContain('王*华');
    expect(await wall.content()).not.toContain('王小华');
    await wall.screenshot({ path: join(shots, 'wall-parallel-board-1920x1080.png') });

    // The environment bureau finishes: the project's worst open step is now green, and the wall says so.
    sim.putCases([{ ...PROJECT, steps: STEPS.map((s) => (s.departmentName === '生态环境局' ? { ...s, state: 'done', finishedAt: sh('2026-11-20') } : s)) }]);
    await hub.uplink.supervision!.sync();
    await wall.reload();
    await expect.poll(() => wall.locator(`.parallel-board [data-case="${CASE_NO}"]`).getAttribute('data-light'), { timeout: 20_000 }).toBe('green');
    expect(await wall.locator(`.parallel-board [data-case="${CASE_NO}"] li[data-dept="生态环境局"]`).textContent()).toContain('× 超期办结');
    await wall.close();
    sim.putCases([PROJECT]);
    await hub.uplink.supervision!.sync();
  }, 120_000);

  it('at the kiosk, 办件查询 with the receipt’s number shows each department’s step, large, with its state and light', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(hub.credentials.passwordFor('kiosk-1')!)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /办件进度查询/ }).click();
    const kb = page.getByRole('group', { name: 'keyboard' });
    for (const ch of CASE_NO) await kb.getByRole('button', { name: ch, exact: true }).click();
    await page.getByRole('button', { name: /身份证后四位/ }).click();
    for (const ch of '567X') await kb.getByRole('button', { name: ch, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const steps = page.getByRole('list', { name: '各部门办理情况' }).getByRole('listitem');
    await expect.poll(() => steps.count(), { timeout: 20_000 }).toBe(5);
    expect(await stepsShown(steps)).toEqual(EXPECTED_LIGHTS);
    await expectStepWords(steps);
    const section = page.getByRole('region', { name: '并联审批进度' });
    expect(await section.getAttribute('data-light')).toBe('red');
    expect(await section.textContent()).toContain('总体状态：■ 已超期');
    expect(await section.textContent()).toContain(`/m/#case=${CASE_NO}`);
    expect(await page.content()).not.toContain('王小华');
    await page.screenshot({ path: join(shots, 'kiosk-case-parallel-1080x1920.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('on the phone, the applicant gives the ID number’s last four and follows the same steps; without them nothing is shown', async () => {
    const page = await browser.newPage({ ...PHONE, locale: 'zh-CN' });
    await page.goto(`${hub.base}/m/#case=${CASE_NO}`);
    const field = page.getByLabel('身份证号后四位');
    await field.fill('0000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('没有查到这个办件');
    expect(await page.locator('body').textContent()).not.toContain('生态环境局');

    await field.fill('567x');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const steps = page.getByRole('list', { name: '各部门办理情况' }).getByRole('listitem');
    await expect.poll(() => steps.count(), { timeout: 20_000 }).toBe(5);
    expect(await stepsShown(steps)).toEqual(EXPECTED_LIGHTS);
    await expectStepWords(steps);
    expect(await page.getByRole('region', { name: '并联审批进度' }).textContent()).toContain('总体状态：■ 已超期');
    expect(await page.content()).not.toContain('王小华');
    await page.screenshot({ path: join(shots, 'mobile-case-parallel-360x640.png'), fullPage: true });
    await page.close();

    // The phone's lookup needs the last four (the kiosk's may leave them out), and is rate-limited per address.
    const bare = await hub.app.inject({ url: `/api/m/cases/${CASE_NO}` });
    expect(bare.statusCode).toBe(400);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await hub.app.inject({ url: `/api/m/cases/${CASE_NO}?idLast4=1111` })).statusCode);
    expect(codes).toContain(429);
  }, 120_000);
});
