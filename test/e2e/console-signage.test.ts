import { deflateSync, crc32 } from 'node:zlib';
import type { Campaign, DisplayStatus, LayoutPreviewMessage, MediaLibrary, ProofOfPlaySummary, ScreenLayout } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { hubHas, standInSignage } from './support/signage-stand-in.js';

/**
 * The managers' signage pages (#20) in Chromium against a real hub. The media and signage routes come from other
 * branches; where this hub lacks them, support/signage-stand-in answers them by the contract (see there).
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

/** A real PNG of noise (incompressible, so the upload takes a moment). */
function png(width: number, height: number, seed = 1): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let x = seed;
  for (let i = 0; i < raw.length; i++) raw[i] = i % (width * 3 + 1) === 0 ? 0 : (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function signIn(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await standInSignage(page, hub);
  await page.goto(`${hub.base}/console/${hash}`);
  await page.getByLabel('用户名').fill('boss');
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

/** A request from inside the page, as the console makes them (so a stand-in route answers it too). */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ([m, p, b, auth]) => {
      const r = await fetch(p, { method: m, headers: { authorization: auth, ...(b === undefined ? {} : { 'content-type': 'application/json' }) }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: r.status, data: r.status === 204 ? null : await r.json().catch(() => null) };
    },
    [method, path, body, hub.as('boss').authorization] as const,
  ) as Promise<{ status: number; data: T }>;
}

async function uploadInPage(page: Page, name: string, bytes: Buffer, type = 'image/png') {
  return api<{ id: string }>(page, 'GET', '/api/media').then(() =>
    page.evaluate(
      async ([n, b64, ty, auth]) => {
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const r = await fetch(`/api/media?name=${encodeURIComponent(n)}`, { method: 'POST', headers: { authorization: auth, 'content-type': ty }, body: bin });
        return (await r.json()) as { id: string };
      },
      [name, bytes.toString('base64'), type, hub.as('boss').authorization] as const,
    ),
  );
}

describe('display groups in the console (hub routes on main)', () => {
  it('creates, renames and deletes a group, and a screen joins it from its editor', async () => {
    const page = await signIn('#/displays');
    const groups = page.locator('section[aria-labelledby="groups-title"]');
    await groups.getByLabel('分组编号（字母、数字）').fill('lobby');
    await groups.getByLabel('分组名称').fill('一楼');
    await groups.getByRole('button', { name: '新建分组' }).click();
    await expect.poll(() => groups.locator('li[data-group="lobby"] input').inputValue().catch(() => '')).toBe('一楼');
    await groups.locator('li[data-group="lobby"] input').fill('一楼大厅');
    await groups.locator('li[data-group="lobby"]').getByRole('button', { name: '改名' }).click();
    await expect.poll(async () => (await hub.app.inject({ url: '/api/display-groups', headers: hub.as('boss') })).json()).toEqual([{ id: 'lobby', name: '一楼大厅' }]);

    await page.locator('tr[data-display="wall-1"] button.edit').click();
    await page.locator('[data-editor="wall-1"]').getByRole('checkbox', { name: '一楼大厅' }).check();
    await page.locator('[data-editor="wall-1"]').getByRole('button', { name: '保存并推送到屏幕' }).click();
    const wall = async () => (await hub.app.inject({ url: '/api/displays', headers: hub.as('boss') })).json<DisplayStatus[]>().find((d) => d.settings.id === 'wall-1')!;
    await expect.poll(async () => (await wall()).settings.groups).toContain('lobby');

    await groups.getByRole('button', { name: '删除：一楼大厅' }).click();
    await expect.poll(async () => (await hub.app.inject({ url: '/api/display-groups', headers: hub.as('boss') })).json()).toEqual([]);
    await expect.poll(async () => (await wall()).settings.groups).not.toContain('lobby');
    await page.close();
  }, 90_000);
});

describe('the media library page (needs media20’s routes, or the stand-in)', () => {
  it('uploads with a progress bar, shows what it stored and the quota used, words a refusal as the hub does, and will not delete a file in use', async () => {
    const page = await signIn('#/signage/media');
    await expect.poll(() => page.getByRole('heading', { name: '媒体库', level: 2 }).isVisible()).toBe(true);

    // The upload is held at the network until the bar has been seen, then let through to the hub.
    let seen!: () => void;
    const barSeen = new Promise<void>((r) => (seen = r));
    await page.route(/\/api\/media\?name=/, async (route) => (await barSeen, route.fallback()));
    await page.locator('input[type="file"]').setInputFiles({ name: '办税指南.png', mimeType: 'image/png', buffer: png(640, 360) });
    await expect.poll(() => page.getByLabel('名称').inputValue()).toBe('办税指南');
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await page.locator('progress.upload-progress').waitFor({ state: 'visible' });
    seen();
    const item = page.locator('li[data-asset]').filter({ hasText: '办税指南' });
    await item.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('progress.upload-progress').count()).toBe(0);
    expect(await item.textContent()).toMatch(/图片 · 640 × 360 · .*(KB|MB)/);
    await expect.poll(() => item.locator('img.thumb').evaluate((img) => (img as HTMLImageElement).naturalWidth).catch(() => 0)).toBeGreaterThan(0);
    const lib = (await api<MediaLibrary>(page, 'GET', '/api/media')).data;
    expect(await page.locator('#media-usage').evaluate((m) => [(m as HTMLMeterElement).value, (m as HTMLMeterElement).max])).toEqual([lib.usedBytes, lib.quotaBytes]);

    // A renamed executable: refused in the hub's own words, both languages, and nothing stored.
    const refused = page.waitForResponse((r) => r.url().includes('/api/media?name=') && r.request().method() === 'POST');
    await page.locator('input[type="file"]').setInputFiles({ name: '宣传片.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048, 7)]) });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    const words = (await (await refused).json()) as { code: string; message: string; messageEn: string };
    expect(words.code).toMatch(/^media_/);
    const alert = page.locator('.action-error[role="alert"]');
    await expect.poll(() => alert.textContent()).toBe(`${words.message} ${words.messageEn}`);
    expect((await api<MediaLibrary>(page, 'GET', '/api/media')).data.assets).toHaveLength(1);

    // In use by a campaign: the delete is refused and the file says why.
    const assetId = lib.assets[0]!.id;
    const made = await api<Campaign>(page, 'POST', '/api/signage/campaigns', {
      name: '办税提示', enabled: true, priority: 0, interrupt: false, items: [{ mediaId: assetId, seconds: null }],
      startsAt: '2026-11-23T00:00:00.000Z', endsAt: null, dayparts: [], targets: { all: true, displays: [], groups: [], zones: [] },
    });
    expect(made.status).toBe(201);
    await item.getByRole('button', { name: '删除：办税指南' }).click();
    await expect.poll(() => item.locator('[data-in-use]').isVisible()).toBe(true);
    await expect.poll(() => alert.textContent()).toMatch(/\S/);
    expect((await api<MediaLibrary>(page, 'GET', '/api/media')).data.assets.map((a) => a.id)).toEqual([assetId]);
    await api(page, 'DELETE', `/api/signage/campaigns/${made.data.id}`);
    await item.getByRole('button', { name: '删除：办税指南' }).click();
    await expect.poll(() => page.locator('li[data-asset]').count()).toBe(0);
    await page.close();
  }, 90_000);
});
