import type { LayoutPreviewMessage, SceneCampaign, ScreenLayout } from '@hall/shared';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { startSceneServer, wallScene, type SceneServer } from '@hall/testkit/scene-server';
import { FULL_REGIONS } from '@hall/testkit/signage-layouts';

/**
 * The console's layout preview (#20) in Chromium against the built display pages. A page-only behaviour, so it
 * runs on the scene server (testkit/scene-server.ts) rather than the hub: it needs another origin to frame the
 * preview and post to it, which the hub itself never allows (its display pages may be framed by its own pages
 * only: frame-ancestors 'self'). The wall's signage against the real hub: wall-signage.test.ts.
 */
const FULL_HD = { width: 1920, height: 1080 };
const DEVICE = 'wall-signage';
const TOKEN = 'signage-token';

let browser: Browser;
let server: SceneServer | null = null;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchDisplayBrowser();
}, 60_000);

afterEach(async () => {
  await context?.close().catch(() => undefined);
  context = null;
  await server?.close().catch(() => undefined);
  server = null;
});

afterAll(async () => {
  await browser?.close();
});

const svg = (label: string, colour: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="${colour}"/><text x="20" y="100" font-size="40" fill="#fff">${label}</text></svg>`;

const FULL_LAYOUT: ScreenLayout = {
  id: 'lay-1',
  updatedAt: '2026-12-01T00:00:00.000Z',
  name: '大厅屏 · 带媒体',
  size: '1920x1080',
  columns: 12,
  rows: 12,
  regions: [...FULL_REGIONS],
};

const campaign = (id: string, items: Array<{ mediaId: string; kind: 'image' | 'video'; ms: number }>): SceneCampaign => ({
  id,
  name: id,
  priority: 0,
  interrupt: false,
  channel: 'main',
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: null,
  dayparts: [],
  items: items.map((i) => ({ ...i, url: `/api/media/${i.mediaId}/file`, page: null })),
});

async function startServer(): Promise<SceneServer> {
  server = await startSceneServer({ deviceId: DEVICE, token: TOKEN, scene: wallScene(DEVICE) });
  server.serve('/api/media/img-a/file', svg('A', '#7a1f1f'), 'image/svg+xml');
  server.serve('/api/media/img-b/file', svg('B', '#1f4f7a'), 'image/svg+xml');
  return server;
}

/** Records, in the page, each item the media region starts showing (from its DOM). */
const WATCH_PAGE = `(() => {
  window.__shown = [];
  let last = null;
  new MutationObserver(() => {
    const m = document.querySelector('[data-region="m1"] .media[data-media]');
    if (m && m.firstElementChild && m.firstElementChild !== last) { last = m.firstElementChild; window.__shown.push({ media: m.dataset.media }); }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

describe('the layout preview', () => {
  it('preview: a layout posted from the page’s own origin draws with sample queue data and plays its campaigns, with no socket and nothing reported; another origin’s message is ignored', async () => {
    const s = await startServer();
    const { id: _id, updatedAt: _u, ...body } = FULL_LAYOUT;
    const message: LayoutPreviewMessage = { type: 'hall-layout-preview', layout: body, campaigns: [campaign('c1', [{ mediaId: 'img-a', kind: 'image', ms: 2_000 }, { mediaId: 'img-b', kind: 'image', ms: 2_000 }])], lang: 'zh' };
    // The console on another origin (localhost, not 127.0.0.1) frames the preview and posts to it.
    const foreign = s.base.replace('127.0.0.1', 'localhost');
    s.serve('/parent.html', `<!doctype html><iframe id="f" src="${s.base}/display/?preview=1920x1080" width="960" height="540"></iframe>`, 'text/html');
    context = await browser.newContext({ viewport: FULL_HD });
    await context.addInitScript(WATCH_PAGE);
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (w) => sockets.push(w.url()));
    await page.goto(`${foreign}/parent.html`);
    const frame = await (await page.waitForSelector('#f')).contentFrame();
    await frame!.waitForSelector('.boot');
    await frame!.evaluate(() => {
      const g = globalThis as unknown as { __got: string[] };
      g.__got = [];
      addEventListener('message', (e) => g.__got.push(e.origin));
    });
    await page.evaluate((m) => (document.getElementById('f') as HTMLIFrameElement).contentWindow!.postMessage(m, '*'), message);
    await expect.poll(() => frame!.evaluate(() => (globalThis as unknown as { __got: string[] }).__got), { timeout: 10_000 }).toEqual([foreign]);
    expect(await frame!.locator('[data-region]').count()).toBe(0);
    expect(await frame!.locator('.boot').count()).toBe(1);

    // The same message from the page's own origin is drawn.
    const own = await context.newPage();
    own.on('websocket', (w) => sockets.push(w.url()));
    await own.goto(`${s.base}/display/?preview=1920x1080`);
    await own.waitForSelector('.boot');
    await expect
      .poll(async () => {
        await own.evaluate((m) => postMessage(m, location.origin), message);
        return own.locator('[data-region]').count();
      }, { timeout: 10_000 })
      .toBe(6);
    expect(await own.locator('[data-region="call"] [data-testid=latest-ticket]').textContent()).toMatch(/^[A-D]\d{3}$/);
    expect(await own.locator('[data-region="grid"] .cell').count()).toBeGreaterThan(0);
    expect(await own.locator('[data-link-state="offline"]').count()).toBe(0);
    await expect
      .poll(() => own.evaluate(() => (globalThis as unknown as { __shown: Array<{ media: string }> }).__shown.map((x) => x.media).slice(0, 2)), { timeout: 15_000 })
      .toEqual(['img-a', 'img-b']);
    expect(await own.evaluate(() => localStorage.getItem('hall.display.pop.queue'))).toBeNull();
    expect(sockets).toEqual([]);
    expect(s.records()).toEqual([]);
  }, 60_000);
});
