import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Campaign, DisplayStatus, LayoutPreviewMessage, MediaLibrary, ProofOfPlaySummary, ScreenLayout } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { noisePng } from '@hall/testkit/png';

/**
 * The managers' signage pages (#20) in Chromium against a real hub: its media library and signage routes.
 * The hall's clock: Monday 2026-11-23 09:00 in Shanghai.
 */

let browser: Browser;
let hub: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  hub = await testHub(smallHall(), fakeClock(), { listen: true, staticApps: [CONSOLE_APP] });
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await browser?.close();
});

const png = noisePng;

async function signIn(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${hub.base}/console/${hash}`);
  await page.getByLabel('用户名').fill('boss');
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

/** Waits on what the page shows (a loaded 2-core machine can take seconds to render an answer). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Serious and critical accessibility violations on the page as it is (axe-core, evaluated: the CSP refuses inline scripts). */
async function axe(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
    const r = await (window as unknown as { axe: { run: () => Promise<Result> } }).axe.run();
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** A request from inside the page, as the console makes them. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ([m, p, b, auth]) => {
      const r = await fetch(p, { method: m, headers: { authorization: auth, ...(b === undefined ? {} : { 'content-type': 'application/json' }) }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: r.status, data: r.status === 204 ? null : await r.json().catch(() => null) };
    },
    [method, path, body, hub.as('boss').authorization] as const,
  ) as Promise<{ status: number; data: T }>;
}

/** A file into the media library, from the page (raw body, as the console sends it). */
function uploadInPage(page: Page, name: string, bytes: Buffer): Promise<{ id: string }> {
  return page.evaluate(
    async ([n, b64, auth]) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const r = await fetch(`/api/media?name=${encodeURIComponent(n)}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'image/png' }, body: bin });
      return (await r.json()) as { id: string };
    },
    [name, bytes.toString('base64'), hub.as('boss').authorization] as const,
  );
}

describe('display groups in the console (hub routes on main)', () => {
  it('creates, renames and deletes a group, and a screen joins it from its editor', async () => {
    const page = await signIn('#/displays');
    const groups = page.locator('section[aria-labelledby="groups-title"]');
    await groups.getByLabel('分组编号（字母、数字）').fill('lobby');
    await groups.getByLabel('分组名称').fill('一楼');
    await groups.getByRole('button', { name: '新建分组' }).click();
    await poll(() => groups.locator('li[data-group="lobby"] input').inputValue().catch(() => '')).toBe('一楼');
    await groups.locator('li[data-group="lobby"] input').fill('一楼大厅');
    await groups.locator('li[data-group="lobby"]').getByRole('button', { name: '改名' }).click();
    await poll(async () => (await hub.app.inject({ url: '/api/display-groups', headers: hub.as('boss') })).json()).toEqual([{ id: 'lobby', name: '一楼大厅' }]);

    await page.locator('tr[data-display="wall-1"] button.edit').click();
    await page.locator('[data-editor="wall-1"]').getByRole('checkbox', { name: '一楼大厅' }).check();
    await page.locator('[data-editor="wall-1"]').getByRole('button', { name: '保存并推送到屏幕' }).click();
    const wall = async () => (await hub.app.inject({ url: '/api/displays', headers: hub.as('boss') })).json<DisplayStatus[]>().find((d) => d.settings.id === 'wall-1')!;
    await poll(async () => (await wall()).settings.groups).toContain('lobby');

    await groups.getByRole('button', { name: '删除：一楼大厅' }).click();
    await poll(async () => (await hub.app.inject({ url: '/api/display-groups', headers: hub.as('boss') })).json()).toEqual([]);
    await poll(async () => (await wall()).settings.groups).not.toContain('lobby');
    await page.close();
  }, 90_000);
});

describe('the media library page', () => {
  it('uploads with a progress bar, shows what it stored and the quota used, words a refusal as the hub does, and will not delete a file in use', async () => {
    const page = await signIn('#/signage/media');
    await poll(() => page.getByRole('heading', { name: '媒体库', level: 2 }).isVisible()).toBe(true);

    // The upload is held at the network until the bar has been seen, then let through to the hub.
    let seen!: () => void;
    const barSeen = new Promise<void>((r) => (seen = r));
    await page.route(/\/api\/media\?name=/, async (route) => (await barSeen, route.fallback()));
    await page.locator('input[type="file"]').setInputFiles({ name: '办税指南.png', mimeType: 'image/png', buffer: png(640, 360) });
    await poll(() => page.getByLabel('名称').inputValue()).toBe('办税指南');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/api/media?name='));
    await page.getByRole('button', { name: '上传', exact: true }).click();
    // Sent under the name typed, with the file's extension (the hub checks name, type and bytes agree).
    expect(new URL((await sent).url()).searchParams.get('name')).toBe('办税指南.png');
    expect((await sent).headers()['content-type']).toBe('image/png');
    await page.locator('progress.upload-progress').waitFor({ state: 'visible' });
    seen();
    const item = page.locator('li[data-asset]').filter({ hasText: '办税指南' });
    await item.waitFor({ timeout: 15_000 });
    await poll(() => page.locator('progress.upload-progress').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    expect(await item.textContent()).toMatch(/图片 · 640 × 360 · .*(KB|MB)/);
    await poll(() => item.locator('img.thumb').evaluate((img) => (img as HTMLImageElement).naturalWidth).catch(() => 0)).toBeGreaterThan(0);
    const lib = (await api<MediaLibrary>(page, 'GET', '/api/media')).data;
    expect(await page.locator('#media-usage').evaluate((m) => [(m as HTMLMeterElement).value, (m as HTMLMeterElement).max])).toEqual([lib.usedBytes, lib.quotaBytes]);

    // A renamed executable: refused in the hub's own words, both languages, and nothing stored.
    const refused = page.waitForResponse((r) => r.url().includes('/api/media?name=') && r.request().method() === 'POST');
    await page.locator('input[type="file"]').setInputFiles({ name: '宣传片.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048, 7)]) });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    const words = (await (await refused).json()) as { code: string; message: string; messageEn: string };
    expect(words.code).toMatch(/^media_/);
    const alert = page.locator('.action-error[role="alert"]');
    await poll(() => alert.textContent()).toBe(`${words.message} ${words.messageEn}`);
    expect((await api<MediaLibrary>(page, 'GET', '/api/media')).data.assets).toHaveLength(1);

    // In use by a campaign: the delete is refused and the file says why.
    const assetId = lib.assets[0]!.id;
    const made = await api<Campaign>(page, 'POST', '/api/signage/campaigns', {
      name: '办税提示', enabled: true, priority: 0, interrupt: false, items: [{ mediaId: assetId, seconds: null }],
      startsAt: '2026-11-23T00:00:00.000Z', endsAt: null, dayparts: [], targets: { all: true, displays: [], groups: [], zones: [] },
    });
    expect(made.status).toBeLessThan(300);
    await item.getByRole('button', { name: '删除：办税指南' }).click();
    await poll(() => item.locator('[data-in-use]').isVisible()).toBe(true);
    await poll(() => alert.textContent()).toMatch(/\S/);
    expect((await api<MediaLibrary>(page, 'GET', '/api/media')).data.assets.map((a) => a.id)).toEqual([assetId]);
    await api(page, 'DELETE', `/api/signage/campaigns/${made.data.id}`);
    await item.getByRole('button', { name: '删除：办税指南' }).click();
    await poll(() => page.locator('li[data-asset]').count()).toBe(0);
    await page.close();
  }, 90_000);
});

const STUB_WALL = '<!doctype html><html><body><p>preview stub</p><script src="/display/stub.js"></script></body></html>';
/**
 * What a wall in preview mode receives, recorded by a stand-in wall page (the wall's own preview is wall20's). Like
 * the wall, it starts listening only after its load event (its preview code loads on demand) and then says so: what
 * the console posted on load is lost, and only its answer to the ready word arrives.
 */
const STUB_JS = `window.__got = [];
setTimeout(() => {
  addEventListener('message', (e) => window.__got.push(e.data));
  parent.postMessage({ type: 'hall-layout-preview-ready' }, location.origin);
}, 300);`;

async function displayName(id: string): Promise<string> {
  const all = (await hub.app.inject({ url: '/api/displays', headers: hub.as('boss') })).json<DisplayStatus[]>();
  return all.find((d) => d.settings.id === id)!.settings.name;
}

describe('the layout editor', () => {
  it('moves and resizes regions by keyboard and pointer inside the grid, names overlaps live, previews every change in the framed wall, saves, and assigns the layout', async () => {
    const page = await signIn('#/signage/layouts');
    await page.route(/\/display\/stub\.js$/, (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: STUB_JS }));
    // A portrait preview finds no wall page: the schematic stands in.
    await page.route(/\/display\/\?preview=/, (r) =>
      r.request().url().endsWith('1080x1920') ? r.fulfill({ status: 404, contentType: 'application/json', body: '{"code":"not_found"}' }) : r.fulfill({ status: 200, contentType: 'text/html', body: STUB_WALL }),
    );
    await page.getByRole('button', { name: '新建版式' }).click();
    const region = (id: string) => page.locator(`[data-region="${id}"]`);
    await region('windows-1').waitFor();
    expect(await page.locator('[data-region]').count()).toBe(3);
    await poll(() => page.locator('.preview-box').getAttribute('data-preview-ready')).toBe('yes');
    const frame = page.frames().find((f) => f.url().includes('/display/?preview=1920x1080'))!;
    const lastMessage = () => frame.evaluate(() => (window as unknown as { __got: LayoutPreviewMessage[] }).__got.at(-1) ?? null);
    // Before any edit: the draft reaches the wall once it says it listens.
    await poll(async () => (await lastMessage())?.layout.regions.map((r) => r.id)).toEqual(['latest-call-1', 'windows-1', 'ticker-1']);

    // Keyboard: Shift + arrows narrow the windows region, arrows move; it never leaves the grid.
    await region('windows-1').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    expect(await region('windows-1').textContent()).toContain('第 9 列，第 1 行，4 × 8 格');
    await page.getByRole('button', { name: '添加区域' }).click();
    await region('media-1').waitFor();
    expect(await region('media-1').textContent()).toContain('第 13 列，第 1 行，4 × 4 格');
    await region('media-1').focus();
    await page.keyboard.press('ArrowRight'); // already at the right edge: stays
    expect(await region('media-1').textContent()).toContain('第 13 列');
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.locator('[data-problem="overlap"]').textContent()).toBe('■ 区域 windows-1 与 media-1 重叠');
    expect(await page.getByRole('button', { name: '保存版式' }).isDisabled()).toBe(true);
    // The problem in English too, as layoutProblems words it.
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.locator('[data-problem="overlap"]').textContent()).toBe('■ regions windows-1 and media-1 overlap');
    await page.getByRole('button', { name: '中文' }).click();
    await region('media-1').focus();
    await poll(async () => (await lastMessage())?.layout.regions.find((r) => r.id === 'media-1')?.x).toBe(11);
    await page.keyboard.press('ArrowRight');
    await poll(() => page.locator('[data-problem]').count()).toBe(0);
    expect(await axe(page)).toEqual([]);

    // Pointer: the corner handle resizes by whole cells, the body moves.
    const grid = (await page.locator('.layout-grid').boundingBox())!;
    const cell = { w: grid.width / 16, h: grid.height / 9 };
    const handle = (await region('media-1').locator('.resize-handle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + 2 * cell.h, { steps: 5 });
    await page.mouse.up();
    expect(await region('media-1').textContent()).toContain('4 × 6 格');
    const body = (await region('media-1').boundingBox())!;
    await page.mouse.move(body.x + 20, body.y + 20);
    await page.mouse.down();
    await page.mouse.move(body.x + 20, body.y + 20 + 1.2 * cell.h, { steps: 5 });
    await page.mouse.up();
    expect(await region('media-1').textContent()).toContain('第 13 列，第 2 行，4 × 6 格');
    await poll(async () => (await lastMessage())?.layout.regions.find((r) => r.id === 'media-1')).toEqual({ id: 'media-1', kind: 'media', x: 12, y: 1, w: 4, h: 6 });
    expect(await lastMessage()).toMatchObject({ type: 'hall-layout-preview', lang: 'zh', layout: { size: '1920x1080', columns: 16, rows: 9 } });

    await page.locator('.layout-editor').getByRole('textbox', { name: '名称', exact: true }).fill('一楼大厅版式');
    await page.getByRole('button', { name: '保存版式' }).click();
    // Found by name: a hub may keep layouts of its own beside it.
    const mine = async () => (await api<ScreenLayout[]>(page, 'GET', '/api/signage/layouts')).data.find((l) => l.name === '一楼大厅版式');
    await poll(mine).toBeDefined();
    const saved = (await mine())!;
    expect(saved).toMatchObject({ name: '一楼大厅版式', size: '1920x1080', columns: 16, rows: 9 });
    expect(saved.regions).toMatchObject([
      { id: 'latest-call-1', kind: 'latest-call', x: 0, y: 0, w: 8, h: 8 },
      { id: 'windows-1', kind: 'windows', x: 8, y: 0, w: 4, h: 8 },
      { id: 'ticker-1', kind: 'ticker', x: 0, y: 8, w: 16, h: 1 },
      { id: 'media-1', kind: 'media', x: 12, y: 1, w: 4, h: 6 },
    ]);

    // Assigned to a screen: the display's layoutId, through the display route.
    const patched = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/api/displays/wall-1'));
    await page.locator('fieldset.assign').getByRole('checkbox', { name: await displayName('wall-1') }).check();
    expect((await patched).postDataJSON()).toEqual({ layoutId: saved.id });

    // No wall page for the size: the schematic draws every region.
    await page.locator('.layout-editor').getByLabel('屏幕尺寸').selectOption('1080x1920');
    await poll(() => page.locator('svg.schematic [data-schematic-region]').count()).toBe(4);
    expect(await page.locator('.preview-box').getAttribute('data-preview-ready')).toBe('no');
    await page.close();
  }, 90_000);
});

describe('the campaign editor', () => {
  it('builds a campaign from the library with reordered items, a daypart and a display group, and says what plays on which screen when', async () => {
    await hub.app.inject({ method: 'PUT', url: '/api/display-groups/lobby', headers: hub.as('boss'), payload: { name: '一楼大厅' } });
    await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { groups: ['lobby'] } });
    const page = await signIn('#/signage/campaigns');
    const one = await uploadInPage(page, '图一.png', png(32, 18, 2));
    const two = await uploadInPage(page, '图二.png', png(32, 18, 3));
    await page.reload();
    await page.getByRole('button', { name: '新建节目' }).click();
    const form = page.locator('form.campaign-editor');
    await form.getByLabel('名称').fill('冬季办税提示');
    await poll(() => form.locator('[data-problem="needItems"]').isVisible()).toBe(true);
    expect(await form.getByRole('button', { name: '保存节目' }).isDisabled()).toBe(true);

    for (const name of ['图一.png', '图二.png']) {
      await form.getByLabel('从媒体库选择').selectOption({ label: name });
      await form.getByRole('button', { name: '加入列表' }).click();
    }
    const order = () => form.locator('.campaign-items li').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    await form.locator('.campaign-items li[data-index="0"]').getByLabel('秒数').fill('15');
    await form.getByRole('button', { name: '下移：图一.png' }).click();
    expect(await order()).toEqual([two.id, one.id]);
    await form.locator('.campaign-items li[data-index="1"]').focus();
    await page.keyboard.press('Alt+ArrowUp');
    expect(await order()).toEqual([one.id, two.id]);
    await form.locator('.campaign-items li[data-index="1"] .grip').dragTo(form.locator('.campaign-items li[data-index="0"]'));
    await poll(order).toEqual([two.id, one.id]);

    await form.getByLabel('开始时间').fill('2026-11-23T10:00');
    await form.getByLabel('结束时间（可不填）').fill('2026-11-23T10:05');
    await form.getByRole('button', { name: '添加时段' }).click();
    await form.locator('[data-daypart="0"]').getByRole('button', { name: '六' }).click();
    await form.getByLabel('优先级').fill('3');
    await form.getByLabel('插播：开始时立即打断正在播放的内容').check();
    await form.getByRole('radio', { name: '指定分组、区域或屏幕' }).check();
    await poll(() => form.locator('[data-problem="needTargets"]').isVisible()).toBe(true);
    await form.locator('fieldset.targets').getByRole('checkbox', { name: '一楼大厅' }).check();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'console-signage-campaign-1600x1000.png'), fullPage: true });
    await form.getByRole('button', { name: '保存节目' }).click();
    const mine = async () => (await api<Campaign[]>(page, 'GET', '/api/signage/campaigns')).data.find((c) => c.name === '冬季办税提示');
    await poll(async () => (await mine()) ?? (await form.locator('.action-error').textContent().catch(() => null))).toMatchObject({ name: '冬季办税提示' });
    const saved = (await mine())!;
    expect(saved).toMatchObject({
      name: '冬季办税提示', enabled: true, priority: 3, interrupt: true,
      items: [{ mediaId: two.id, seconds: null }, { mediaId: one.id, seconds: 15 }],
      startsAt: '2026-11-23T02:00:00.000Z', endsAt: '2026-11-23T02:05:00.000Z',
      dayparts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '09:00', to: '17:00' }],
      targets: { all: false, displays: [], groups: ['lobby'], zones: [] },
    });

    // What plays: only on the group's screen, only between 10:00 and 10:05.
    const view = page.locator('section.what-plays');
    const plays = () => view.locator('[data-what-plays]').textContent();
    await view.getByLabel('屏幕').selectOption({ label: await displayName('wall-1') });
    await view.getByLabel('时间').fill('2026-11-23T10:02');
    await poll(plays).toContain('冬季办税提示');
    await view.getByLabel('时间').fill('2026-11-23T10:05');
    await poll(plays).toBe('没有节目播放。');
    await view.getByLabel('时间').fill('2026-11-23T10:02');
    await view.getByLabel('屏幕').selectOption({ label: await displayName('wall-2') });
    await poll(plays).toBe('没有节目播放。');
    await page.close();
  }, 90_000);
});

describe('the proof-of-play report', () => {
  it('charts and tables the plays per campaign and per screen over the chosen hall days, and downloads the CSV for them', async () => {
    const byCampaign: ProofOfPlaySummary = [
      { key: 'c1', name: '冬季办税提示', plays: 240, seconds: 7200, screens: 3 },
      { key: 'c2', name: '医保政策', plays: 60, seconds: 1800, screens: 1 },
    ];
    const byDisplay: ProofOfPlaySummary = [{ key: 'wall-1', name: '一楼大屏', plays: 300, seconds: 9000, screens: 1 }];
    const page = await signIn('#/signage/media');
    // The figures are the hub's (sched20); here the page is answered with known ones, to read them back.
    const asked: string[] = [];
    await page.route(/\/api\/signage\/proof-of-play/, (route) => {
      const url = new URL(route.request().url());
      asked.push(`${url.pathname}?${url.searchParams.toString()}`);
      if (url.pathname.endsWith('.csv')) return route.fulfill({ status: 200, contentType: 'text/csv', headers: { 'content-disposition': "attachment; filename*=UTF-8''plays.csv" }, body: 'displayId\n' });
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(url.searchParams.get('by') === 'campaign' ? byCampaign : byDisplay) });
    });
    await page.getByRole('link', { name: '播放记录' }).click();
    await page.getByLabel('从').fill('2026-11-17');
    await page.getByLabel('到').fill('2026-11-23');
    const labels = page.locator('#chart-plays-campaign text.label');
    await poll(() => labels.allTextContents()).toEqual(['冬季办税提示', '医保政策']);
    expect(await page.locator('#chart-plays-campaign text.value').allTextContents()).toEqual(['2.0 h', '0.5 h']);
    expect(await page.locator('#chart-plays-display text.label').allTextContents()).toEqual(['一楼大屏']);
    expect(await page.locator('section[data-summary="campaign"] tr[data-row="c1"]').textContent()).toBe('冬季办税提示2402.0 h3');
    // Hall days: from 11-17 00:00 to the end of 11-23, Shanghai time.
    expect(asked).toContain('/api/signage/proof-of-play/summary?by=campaign&from=2026-11-16T16%3A00%3A00.000Z&to=2026-11-23T16%3A00%3A00.000Z');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载播放明细 CSV' }).click();
    expect((await download).suggestedFilename()).toBe('plays.csv');
    expect(asked.at(-1)).toBe('/api/signage/proof-of-play.csv?from=2026-11-16T16%3A00%3A00.000Z&to=2026-11-23T16%3A00%3A00.000Z');
    await page.close();
  }, 90_000);
});
