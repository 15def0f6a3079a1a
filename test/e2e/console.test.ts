import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { MARKET, TAX, importDepartments, reportHall, seedMonday } from '@hall/testkit/seeded-day';
import { launchChromium } from '@hall/testkit/browser';
import { openDisplay } from '@hall/testkit/display-pages';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'docs', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const VIEWPORT = { width: 1600, height: 1000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function consoleHub(): Promise<TestHub> {
  const hub = await testHub(reportHall(), fakeClock(), { listen: true, staticApps: [CONSOLE_APP] });
  importDepartments(hub);
  return hub;
}

async function axe(page: Page): Promise<Array<{ id: string; impact: string | null; nodes: string[] }>> {
  // Evaluated, not added as a <script>: the pages' CSP (rightly) refuses inline scripts.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
    const w = window as unknown as { axe: { run: () => Promise<Result> } };
    const r = await w.axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

async function signIn(hub: TestHub, username: string, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${hub.base}/console/${hash}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

const card = (page: Page, no: string) => page.locator(`.window-card[data-window="${no}"]`);

describe('the console in Chromium: live floor and software caller', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await consoleHub();
  }, 60_000);
  afterAll(async () => hub?.close());

  it('a manager sees the floor change as tickets are issued and called; a staff member calls and finishes with the software caller', async () => {
    const login = await browser.newPage({ viewport: VIEWPORT });
    await login.goto(`${hub.base}/console/`);
    expect(await login.title()).toContain('大厅管理控制台');
    expect(await axe(login)).toEqual([]);
    await login.close();

    const boss = await signIn(hub, 'boss');
    await expect.poll(() => card(boss, '1').isVisible()).toBe(true);
    expect(await boss.locator('.window-card').count()).toBe(4);
    await expect.poll(() => boss.getByRole('status').filter({ hasText: '实时连接正常' }).isVisible()).toBe(true);

    // A ticket taken at a kiosk: the floor's queue counts move through the socket, not by reloading.
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await expect.poll(() => boss.locator('tr[data-line="general"] .waiting').textContent()).toBe('1');
    // A keypad-less colleague at window 1 calls it through the API: the card shows the ticket and who called.
    expect((await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} })).statusCode).toBe(200);
    expect((await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: hub.as('staff-S1'), payload: {} })).statusCode).toBe(200);
    await expect.poll(() => card(boss, '1').textContent()).toContain('A001');
    expect(await card(boss, '1').textContent()).toContain('张伟');
    expect(await card(boss, '1').textContent()).toContain('呼叫中');
    await expect.poll(() => boss.locator('.calls li').first().textContent()).toContain('A001');

    // Window 2's staff member signs in and lands on the software caller for the one window she works at.
    const staff = await signIn(hub, 'staff-S2');
    await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent()).toContain('软件呼叫器 · 窗口 2');
    expect(await staff.getByRole('link', { name: '实时大厅' }).count()).toBe(0);
    await staff.getByRole('button', { name: '上岗（开窗）' }).click();
    await expect.poll(() => card(boss, '2').textContent()).toContain('王芳');
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await expect.poll(() => staff.locator('[data-waiting-line="general"]').textContent()).toBe('1');
    expect(await axe(staff)).toEqual([]);

    await staff.getByRole('button', { name: /叫下一位/ }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: '操作成功' }).textContent()).toContain('A002');
    await expect.poll(() => card(boss, '2').textContent()).toContain('A002');
    expect(await card(boss, '2').textContent()).toContain('呼叫中');
    expect(hub.engine.ticketByNumber('A002')).toMatchObject({ status: 'called', windowNo: '2' });
    await staff.screenshot({ path: join(shots, 'console-caller-1600x1000.png') });

    await staff.getByRole('button', { name: /办结/ }).click();
    await expect.poll(() => card(boss, '2').textContent()).toContain('空闲');
    expect(hub.engine.ticketByNumber('A002')).toMatchObject({ status: 'done' });
    // Today's figures follow the events: one served.
    await expect.poll(() => boss.locator('.tile').filter({ hasText: '今日办结' }).textContent(), { timeout: 15_000 }).toContain('1');
    await expect.poll(() => boss.locator('.chart canvas').count()).toBeGreaterThanOrEqual(3);
    // Nobody left: the caller says so. Calling a number that does not exist is refused in both languages.
    await staff.getByRole('button', { name: /叫下一位/ }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: '没有等候' }).count()).toBe(1);
    await staff.getByRole('button', { name: '指定叫号' }).click();
    await staff.getByLabel('号码').fill('A999');
    await staff.getByRole('button', { name: '呼叫', exact: true }).click();
    await expect.poll(() => staff.getByRole('alert').textContent()).toContain('没有找到这张号票');
    expect(await staff.getByRole('alert').textContent()).toContain('No such ticket today');
    expect(hub.engine.state.windows.get('2')).toMatchObject({ status: 'idle', currentTicketId: null });
    expect(await axe(boss)).toEqual([]);
    await boss.screenshot({ path: join(shots, 'console-floor-1600x1000.png') });
    await staff.close();
    await boss.close();
  }, 180_000);

  it('red and yellow warnings show in words and symbols and sound a chime when they appear', async () => {
    const boss = await signIn(hub, 'boss');
    // The warnings there at sign-in are shown, not sounded: wait for that first check.
    await expect.poll(() => boss.locator('.warnings').getAttribute('data-checks'), { timeout: 15_000 }).not.toBe('0');
    expect(await boss.locator('.warnings').getAttribute('data-chimes')).toBe('0');
    // B001 (税务, no window open for it) waits 21 minutes: yellow. Any event (another ticket) brings the check forward.
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'tax' } });
    hub.clock.advance(21 * MINUTE);
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const panel = boss.locator('.warnings');
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('▲ 黄灯');
    expect(await panel.textContent()).toMatch(/B001 税务业务 等候 21 分钟（阈值 20）/);
    await expect.poll(() => panel.getAttribute('data-chimes')).toBe('1');
    // Past 40 minutes the same wait turns red: a new chime, and the header says so in words.
    hub.clock.advance(20 * MINUTE);
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('■ 红灯');
    await expect.poll(() => panel.getAttribute('data-chimes')).toBe('2');
    expect(await boss.locator('.alarm').textContent()).toMatch(/■ 红灯 [1-9]/);
    // Sound off: the warnings still show, no more chimes.
    await boss.getByRole('button', { name: /提示音/ }).click();
    expect(await boss.getByRole('button', { name: /提示音/ }).getAttribute('aria-pressed')).toBe('false');
    expect(await axe(boss)).toEqual([]);
    await boss.close();
  }, 120_000);

  it('a staff account cannot open the manager screens: the hub’s 403 is shown plainly', async () => {
    const staff = await signIn(hub, 'staff-S3');
    for (const hash of ['#/floor', '#/reports', '#/windows']) {
      await staff.goto(`${hub.base}/console/${hash}`);
      const alert = staff.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('无权访问（403）');
      expect(await alert.textContent()).toContain('您的角色无权进行此操作');
      expect(await alert.textContent()).toContain('Your role may not do this');
    }
    expect(await axe(staff)).toEqual([]);
    await staff.close();
  }, 120_000);

  it('a manager puts the B post on a window and pauses it with a reason, from the windows screen', async () => {
    const boss = await signIn(hub, 'boss', '#/windows');
    const row = boss.locator('tr[data-window-row="3"]');
    await expect.poll(() => row.textContent()).toContain('综合窗口3');
    // The window's name is under 窗口名称 (not 姓名, the staff table's word), its zone by name, not id.
    const headers = await boss.locator('section[aria-labelledby="cfg-windows"] thead th').allTextContents();
    expect(headers.slice(0, 3)).toEqual(['窗口', '窗口名称', '区域']);
    expect(await row.locator('td').nth(0).textContent()).toBe('综合窗口3');
    expect(await row.locator('td').nth(1).textContent()).toBe('综合受理区');
    expect(await axe(boss)).toEqual([]);
    await row.getByRole('button', { name: '上岗（开窗）' }).click();
    await expect.poll(() => row.textContent()).toContain('李娜');
    await row.getByRole('button', { name: '暂停服务' }).click();
    await expect.poll(() => row.textContent()).toContain('暂停');
    expect(hub.engine.state.windows.get('3')).toMatchObject({ status: 'paused', staffNo: 'S3', pauseReason: '临时离开' });
    const audit = hub.audit.query({ limit: 20 }).filter((e) => e.actor === 'boss' && e.target?.includes('"no":"3"'));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['POST /api/windows/:no/open', 'POST /api/windows/:no/pause']));
    await boss.close();
  }, 120_000);
});

describe('the console’s reports in Chromium (a seeded day)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await consoleHub();
    await seedMonday(hub);
  }, 60_000);
  afterAll(async () => hub?.close());

  it('shows the day’s ranking, tables and charts, and downloads a CSV and a PDF', async () => {
    const boss = await signIn(hub, 'boss', '#/reports');
    const table = boss.getByRole('tabpanel');
    await expect.poll(() => table.locator(`tr[data-row="${MARKET.code}"]`).textContent(), { timeout: 15_000 }).toContain('80.7');
    expect(await table.locator('tbody tr').first().textContent()).toContain(MARKET.name);
    expect(await boss.locator('.tile').filter({ hasText: '平均等候' }).textContent()).toContain('19 分');
    await expect.poll(() => boss.locator('.chart canvas').count()).toBe(2);
    expect(await boss.locator('#chart-score text.label').allTextContents()).toEqual([`1. ${MARKET.name}`, `2. ${TAX.name}`]);
    await boss.getByRole('tab', { name: '按部门' }).click();
    expect(await table.locator(`tr[data-row="${MARKET.code}"]`).textContent()).toContain('12.5 分');
    expect(await table.locator(`tr[data-row="${TAX.code}"]`).textContent()).toContain(TAX.name);
    expect(await axe(boss)).toEqual([]);
    await boss.screenshot({ path: join(shots, 'console-report-1600x1000.png'), fullPage: true });

    const [csv] = await Promise.all([boss.waitForEvent('download'), boss.getByRole('button', { name: /下载 CSV/ }).click()]);
    expect(csv.suggestedFilename()).toBe('日报-2026-11-23-department.csv');
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`${MARKET.code},${MARKET.name},5,4,3,1`);
    const [pdf] = await Promise.all([boss.waitForEvent('download'), boss.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await boss.getByRole('button', { name: '月报' }).click();
    await expect.poll(() => boss.getByText('统计区间 2026-11-01 — 2026-11-23').isVisible(), { timeout: 15_000 }).toBe(true);
    await boss.close();
  }, 180_000);

  it('the displays, ratings and province-link screens drive their own routes', async () => {
    const boss = await signIn(hub, 'boss', '#/displays');
    await expect.poll(() => boss.getByRole('heading', { name: '屏幕状态' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => boss.locator('tr[data-display]').count()).toBeGreaterThan(0);
    await boss.getByLabel('紧急信息（中文）').fill('消防演练，请听从工作人员指引');
    await boss.getByRole('button', { name: '发布到全部屏幕' }).click();
    await expect.poll(() => boss.locator('.emergency').textContent()).toContain('消防演练');
    const active = (await hub.app.inject({ url: '/api/display-emergencies', headers: hub.as('boss') })).json<Array<{ text: string; clearedAt: string | null }>>();
    expect(active.filter((e) => !e.clearedAt).map((e) => e.text)).toEqual(['消防演练，请听从工作人员指引']);
    await boss.getByLabel('通知内容').fill('本周六正常上班');
    await boss.getByRole('button', { name: '发布通知' }).click();
    await expect.poll(() => boss.getByText('本周六正常上班').count()).toBe(1);
    expect(await axe(boss)).toEqual([]);
    await boss.screenshot({ path: join(shots, 'console-displays-1600x1000.png') });

    // 好差评: the seeded day's 不满意 at window 2 is a follow-up with a deadline.
    await boss.goto(`${hub.base}/console/#/ratings`);
    await expect.poll(() => boss.locator('.tile').filter({ hasText: '差评' }).first().textContent(), { timeout: 15_000 }).toContain('1');
    await expect.poll(() => boss.locator('tr[data-follow-up="A002"]').count()).toBe(1);
    expect(await axe(boss)).toEqual([]);

    await boss.goto(`${hub.base}/console/#/uplink`);
    await expect.poll(() => boss.locator('tr[data-stream]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await boss.locator('tr[data-stream="queue"] .backlog').textContent()).toMatch(/^\d+$/);
    expect(await axe(boss)).toEqual([]);
    await boss.close();
  }, 180_000);
});


describe('the console’s display editor in Chromium (a live window screen, LED strips, idle images)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true, staticApps: [CONSOLE_APP, { prefix: '/display/', dir: join(root, 'display-wall', 'dist') }] });
  }, 60_000);
  afterAll(async () => hub?.close());

  /** An <img>'s decoded width (0 until it has loaded). */
  const loadedWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0));

  it('a manager changes a window screen and an LED strip live, sees the strip’s preview, takes a screenshot and adds an idle image', async () => {
    // The window screen above window 1 runs its real page; the hall walls stay off.
    const screen = await openDisplay(browser, hub.base, 'screen-1', hub.credentials.passwordFor('screen-1')!, { width: 1152, height: 576 });
    await expect.poll(() => hub.displays.status().find((d) => d.settings.id === 'screen-1')?.online, { timeout: 15_000 }).toBe(true);
    const boss = await signIn(hub, 'boss', '#/displays');
    const row = (id: string) => boss.locator(`tr[data-display="${id}"]`);
    const editor = (id: string) => boss.locator(`tr[data-editor="${id}"]`);
    const save = (id: string) => editor(id).getByRole('button', { name: '保存并推送到屏幕' }).click();
    await expect.poll(() => row('screen-1').isVisible(), { timeout: 15_000 }).toBe(true);

    // The window screen's layout: saved by the hub and pushed to the screen, whose own screenshot then has the compact design's width.
    await row('screen-1').getByRole('button', { name: '编辑：screen-1' }).click();
    await editor('screen-1').getByLabel('分辨率').selectOption('1152x576');
    await save('screen-1');
    await expect.poll(() => row('screen-1').textContent()).toContain('1152x576');
    expect(hub.displays.get('screen-1')).toMatchObject({ layout: '1152x576', surface: 'window-screen', windowNo: '1' });
    // A refusal is shown as the hub words it, and changes nothing: a zone wall needs a zone.
    await row('screen-1').getByRole('button', { name: '编辑：screen-1' }).click();
    await editor('screen-1').getByLabel('类型').selectOption('zone-wall');
    await save('screen-1');
    await expect.poll(() => editor('screen-1').getByRole('alert').textContent()).toContain('区域屏需要指定区域');
    expect(await editor('screen-1').getByRole('alert').textContent()).toContain('A zone wall needs a zone');
    expect(hub.displays.get('screen-1')?.surface).toBe('window-screen');
    await editor('screen-1').getByRole('button', { name: '取消' }).click();

    // A screenshot on demand from the live page, shown with its time; an offline wall's refusal said plainly.
    await row('screen-1').getByRole('button', { name: '截图：screen-1' }).click();
    const shot = row('screen-1').locator('.screenshot img');
    await expect.poll(() => shot.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => loadedWidth(shot)).toBe(1152);
    expect(await row('screen-1').locator('figcaption').textContent()).toContain('截图时间');
    expect(hub.displays.screenshot('screen-1')).not.toBeNull();
    await row('wall-2').getByRole('button', { name: '截图：wall-2' }).click();
    await expect.poll(() => row('wall-2').getByRole('alert').textContent()).toContain('这个显示屏不在线，无法截图');
    expect(await row('wall-2').getByRole('alert').textContent()).toContain('The display is not connected');

    // The LED strip above window 2: its preview is the hub's frame, fetched with the session's token.
    const preview = row('led-2').locator('img[data-strip-preview="led-2"]');
    await expect.poll(() => loadedWidth(preview), { timeout: 15_000 }).toBe(128 * 6);
    expect(await preview.getAttribute('alt')).toBe('led-2：LED 条屏当前画面 / the LED strip as it shows now');
    await row('led-2').getByRole('button', { name: '编辑：led-2' }).click();
    await editor('led-2').getByLabel('宽度（点，8 的倍数）').fill('160');
    await editor('led-2').getByLabel('高度（点）').fill('16');
    await editor('led-2').getByLabel('控制器自带字库（发送文字）').check();
    expect(await axe(boss)).toEqual([]);
    await editor('led-2').screenshot({ path: join(shots, 'console-strip-editor.png') });
    await save('led-2');
    await expect.poll(() => row('led-2').textContent()).toContain('160 × 16');
    expect(hub.displays.get('led-2')?.strip).toEqual({ width: 160, height: 16, render: 'text' });
    // A call at window 2 changes what the strip shows: the preview follows, at the strip's new size.
    expect((await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: {} })).statusCode).toBe(200);
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    expect((await hub.app.inject({ method: 'POST', url: '/api/windows/2/call-next', headers: hub.as('staff-S2'), payload: {} })).statusCode).toBe(200);
    await expect.poll(() => loadedWidth(preview), { timeout: 15_000 }).toBe(160 * 6);

    // An idle image: uploaded from a file, listed with its thumbnail, then removed.
    const png = (await hub.app.inject({ url: '/api/displays/led-2/preview.png', headers: hub.as('boss') })).rawPayload;
    await boss.getByLabel('图片文件').setInputFiles({ name: '办事指南.png', mimeType: 'image/png', buffer: png });
    await boss.getByRole('button', { name: '上传', exact: true }).click();
    const item = boss.locator('li[data-media]');
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => loadedWidth(item.locator('img'))).toBeGreaterThan(0);
    expect(hub.displays.media().map((m) => m.name)).toEqual(['办事指南']);
    expect(await axe(boss)).toEqual([]);
    await boss.screenshot({ path: join(shots, 'console-display-editor-1600x1000.png'), fullPage: true });
    await item.getByRole('button', { name: '删除：办事指南' }).click();
    await expect.poll(() => item.count()).toBe(0);
    expect(hub.displays.media()).toEqual([]);
    await screen.close();
    await boss.close();
  }, 180_000);
});
