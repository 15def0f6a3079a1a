import type { LayoutPreviewMessage, Region, SceneCampaign, SceneSignage, ScreenLayout } from '@hall/shared';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { SAMPLE_WEBM, startSceneServer, wallScene, type SceneServer } from '@hall/testkit/scene-server';

/**
 * The wall as a signage player (#20), in Chromium against the built display pages: a scene server speaks the
 * display namespace over real socket.io (snapshot, calls in order, the scene with its signage part, acknowledged
 * proof of play) and serves the media, so each test sets exactly the layout and campaigns it needs.
 */
const FULL_HD = { width: 1920, height: 1080 };
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
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

const region = (id: string, kind: Region['kind'], x: number, y: number, w: number, h: number): Region => ({ id, kind, x, y, w, h });
const layoutOf = (regions: Region[]): ScreenLayout => ({ id: 'lay-1', updatedAt: '2026-12-01T00:00:00.000Z', name: '大厅屏 · 带媒体', size: '1920x1080', columns: 12, rows: 12, regions });

/** info across the top, the latest call and the windows, the waiting counts and a media region, the ticker along the bottom */
const FULL_LAYOUT = layoutOf([
  region('info', 'info', 0, 0, 12, 1),
  region('call', 'latest-call', 0, 1, 4, 10),
  region('grid', 'windows', 4, 1, 5, 6),
  region('wait', 'waiting', 4, 7, 5, 4),
  region('m1', 'media', 9, 1, 3, 10),
  region('tick', 'ticker', 0, 11, 12, 1),
]);

const campaign = (id: string, items: Array<{ mediaId: string; kind: 'image' | 'video'; ms: number }>, extra: Partial<SceneCampaign> = {}): SceneCampaign => ({
  id,
  name: id,
  priority: 0,
  interrupt: false,
  channel: 'main',
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: null,
  dayparts: [],
  items: items.map((i) => ({ ...i, url: `/api/media/${i.mediaId}/file`, page: null })),
  ...extra,
});

async function startServer(signage?: SceneSignage): Promise<SceneServer> {
  server = await startSceneServer({ deviceId: DEVICE, token: TOKEN, scene: wallScene(DEVICE, signage) });
  server.serve('/api/media/img-a/file', svg('A', '#7a1f1f'), 'image/svg+xml');
  server.serve('/api/media/img-b/file', svg('B', '#1f4f7a'), 'image/svg+xml');
  server.serve('/api/media/img-c/file', svg('C', '#1f7a3a'), 'image/svg+xml');
  server.serve('/api/media/vid-1/file', SAMPLE_WEBM, 'video/webm');
  return server;
}

/** scripts the test's page asked for (served by the worker or not) */
let scripts: string[] = [];

async function openWall(s: SceneServer, init?: string): Promise<Page> {
  context = await browser.newContext({ viewport: FULL_HD });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  scripts = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(s.wallUrl());
  await page.waitForSelector('#surface', { timeout: 20_000 });
  return page;
}

/** Records, in the page, each item the media region starts showing (from its DOM), and each latest call shown. */
const WATCH_PAGE = `(() => {
  // what the page showed before a reload survives it (sessionStorage), apart from what it shows after
  window.__shownBefore = JSON.parse(sessionStorage.getItem('__shown') || '[]');
  sessionStorage.setItem('__shown', '[]');
  window.__shown = [];
  window.__calls = [];
  let last = null;
  let lastCall = null;
  new MutationObserver(() => {
    const m = document.querySelector('[data-region="m1"] .media[data-media]');
    const key = m && m.firstElementChild ? m.dataset.media + '|' + m.dataset.campaign + '|' + (m.firstElementChild.getAttribute('src') || '') + '|' + m.firstElementChild.tagName : null;
    if (m && m.firstElementChild && m.firstElementChild !== last) { last = m.firstElementChild; window.__shown.push({ media: m.dataset.media, campaign: m.dataset.campaign, at: Date.now(), key }); sessionStorage.setItem('__shown', JSON.stringify(window.__shown)); }
    const t = document.querySelector('.latest[data-seq] .latest-ticket');
    if (t && t.textContent !== lastCall) { lastCall = t.textContent; window.__calls.push(lastCall); }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface Shown {
  media: string;
  campaign: string;
}
const shownOn = (page: Page) => page.evaluate(() => (globalThis as unknown as { __shown: Shown[] }).__shown);
const shownBeforeReload = (page: Page) => page.evaluate(() => (globalThis as unknown as { __shownBefore: Shown[] }).__shownBefore);

describe('the wall as a signage player', () => {
  it('without a layout the built-in wall draws and the player code never loads; with one, its regions draw where the grid puts them', async () => {
    const s = await startServer();
    const page = await openWall(s);
    await page.waitForSelector('.wall.design-standard');
    s.call('A001', '3');
    await expect.poll(() => page.locator('[data-testid=latest-ticket]').textContent(), { timeout: 10_000 }).toBe('A001');
    expect(await page.locator('[data-region]').count()).toBe(0);
    expect(scripts.filter((u) => /media-region-.*\.js$/.test(u))).toEqual([]);

    s.setScene(wallScene(DEVICE, { layout: FULL_LAYOUT, campaigns: [campaign('c1', [{ mediaId: 'img-a', kind: 'image', ms: 60_000 }])] }));
    await expect.poll(() => page.locator('[data-region]').count(), { timeout: 10_000 }).toBe(6);
    expect(await page.locator('.wall').count()).toBe(0);
    const boxes = await page.locator('[data-region]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.getAttribute('data-region'), kind: e.getAttribute('data-kind'), x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) };
      }),
    );
    // 12 × 12 cells of 160 × 90 px
    expect(boxes).toEqual(FULL_LAYOUT.regions.map((r) => ({ id: r.id, kind: r.kind, x: r.x * 160, y: r.y * 90, w: r.w * 160, h: r.h * 90 })));
    // each region shows its part of the hall
    expect(await page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent()).toBe('A001');
    expect(await page.locator('[data-region="grid"] .cell[data-window="3"] .cell-ticket').textContent()).toBe('A001');
    expect(await page.locator('[data-region="wait"] tr[data-line]').count()).toBe(2);
    expect(await page.locator('[data-region="info"] .hall-name').textContent()).toBe('测试政务服务中心');
    expect(await page.locator('[data-region="info"] .clock-time').count()).toBe(1);
    expect(await page.locator('[data-region="tick"] .band').textContent()).toContain('本中心周六上午照常办理业务');
    await expect.poll(() => page.locator('[data-region="m1"] img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(320);
    expect(scripts.filter((u) => /media-region-.*\.js$/.test(u))).toHaveLength(1);
    // a call after the layout came shows in the latest-call region
    s.call('B002', '4');
    await expect.poll(() => page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent(), { timeout: 10_000 }).toBe('B002');
    await page.screenshot({ path: join(shots, 'signage-layout-1920x1080.png') });
  }, 60_000);

  it('a video plays muted in its region while calls keep arriving in order; its end moves the region on', async () => {
    // The item's stated time is a minute: only the video's `ended` can move the region on within the test.
    const s = await startServer({ layout: FULL_LAYOUT, campaigns: [campaign('ads', [{ mediaId: 'vid-1', kind: 'video', ms: 60_000 }, { mediaId: 'img-b', kind: 'image', ms: 2_000 }])] });
    const page = await openWall(s, WATCH_PAGE);
    await page.waitForSelector('[data-region="m1"] video');
    const issued: string[] = [];
    const playing: boolean[] = [];
    for (let i = 1; i <= 30; i++) {
      const ticket = `A${String(i).padStart(3, '0')}`;
      s.call(ticket, String((i % 12) + 1));
      issued.push(ticket);
      await page.waitForTimeout(50);
      if (i % 5 === 0) playing.push(await page.evaluate(() => { const v = document.querySelector<HTMLVideoElement>('[data-region="m1"] video'); return !!v && !v.paused && v.currentTime > 0 && v.muted; }));
    }
    await expect.poll(() => page.locator('[data-testid=latest-ticket]').textContent(), { timeout: 10_000 }).toBe('A030');
    expect(await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls)).toEqual(issued);
    expect(playing).toContain(true);
    // the video ended, the image after it played, and the video again
    await expect.poll(async () => (await shownOn(page)).map((x) => x.media).slice(0, 3), { timeout: 20_000 }).toEqual(['vid-1', 'img-b', 'vid-1']);
    await expect.poll(() => s.records().map((r) => [r.mediaId, r.complete]), { timeout: 10_000 }).toEqual([['vid-1', true], ['img-b', true]]);
  }, 60_000);

  it('reloaded while the hub is away, the wall keeps playing its schedule from its cache (and drops files no campaign names), and catches up on calls when the hub is back', async () => {
    const two = campaign('c1', [{ mediaId: 'img-a', kind: 'image', ms: 2_000 }, { mediaId: 'img-c', kind: 'image', ms: 2_000 }]);
    const s = await startServer({ layout: FULL_LAYOUT, campaigns: [two] });
    const page = await openWall(s, WATCH_PAGE);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mediaCached), { timeout: 20_000 }).toBe('2/2');
    // The schedule changes: img-c is no longer played, the video and img-b are.
    const now = campaign('c1', [{ mediaId: 'img-a', kind: 'image', ms: 2_000 }, { mediaId: 'vid-1', kind: 'video', ms: 2_000 }, { mediaId: 'img-b', kind: 'image', ms: 2_000 }]);
    s.setScene(wallScene(DEVICE, { layout: FULL_LAYOUT, campaigns: [now] }));
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mediaCached), { timeout: 20_000 }).toBe('3/3');
    const cached = await page.evaluate(async () => (await (await caches.open('hall-display-media')).keys()).map((r) => new URL(r.url).pathname).sort());
    expect(cached).toEqual(['/api/media/img-a/file', '/api/media/img-b/file', '/api/media/vid-1/file']);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hall.display.last')?.includes('vid-1') ?? false), { timeout: 10_000 }).toBe(true);

    await s.stop();
    await page.reload();
    await page.waitForSelector('[data-link-state="offline"]', { timeout: 20_000 });
    // Every item of the schedule shows again, from the cache: images decoded, the video playing.
    await expect.poll(async () => new Set((await shownOn(page)).map((x) => x.media)).size, { timeout: 30_000 }).toBe(3);
    await expect
      .poll(() => page.evaluate(() => { const v = document.querySelector<HTMLVideoElement>('[data-region="m1"] video'); return v ? v.currentTime > 0 : null; }), { timeout: 30_000 })
      .toBe(true);
    await expect
      .poll(() => page.evaluate(() => { const i = document.querySelector<HTMLImageElement>('[data-region="m1"] img'); return i ? i.naturalWidth : null; }), { timeout: 30_000 })
      .toBe(320);
    expect(await page.evaluate(() => fetch('/api/media/img-a/file').then((r) => r.status))).toBe(200);

    // The hub is back: the wall catches up on the calls (no reload to help it) and its region plays on.
    await s.start();
    s.call('A009', '2');
    await expect.poll(() => page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent(), { timeout: 30_000 }).toBe('A009');
    expect(await page.locator('[data-link-state="offline"]').count()).toBe(0);
    const shownSoFar = (await shownOn(page)).length;
    await expect.poll(async () => (await shownOn(page)).length, { timeout: 20_000 }).toBeGreaterThan(shownSoFar);
  }, 90_000);

  it('proof of play: the records the hub gets are what the page showed, numbered on across a reload and sent when the hub is back', async () => {
    // Two campaigns of equal priority take turns item by item.
    const s = await startServer({
      layout: FULL_LAYOUT,
      campaigns: [campaign('c-a', [{ mediaId: 'img-a', kind: 'image', ms: 2_000 }]), campaign('c-b', [{ mediaId: 'img-b', kind: 'image', ms: 2_000 }, { mediaId: 'img-c', kind: 'image', ms: 2_000 }])],
    });
    const page = await openWall(s, WATCH_PAGE);
    await expect.poll(() => s.records().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    // The hub goes away: the page keeps records until it is back.
    await s.stop();
    await page.waitForSelector('[data-link-state="offline"]', { timeout: 20_000 });
    const whileAway = s.records().length;
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('hall.display.pop.queue') ?? '[]').length), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // A reload while away ends the item playing (cut short) and keeps every record not yet sent.
    await page.reload();
    await page.waitForSelector('[data-region="m1"] .media[data-media]', { timeout: 20_000 });
    await s.start();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-link-state="offline"]') === null), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => s.records().length - whileAway, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('hall.display.pop.queue')), { timeout: 20_000 }).toBe('[]');

    const records = s.records();
    // numbered 1, 2, 3 … with no gap and none twice, across the reload
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    // Before the reload: one record for each item the page showed, in order (taking turns a, b, a, c), all
    // complete but the last, which the reload cut short.
    const shownBefore = await shownBeforeReload(page);
    const cut = records.findIndex((r) => !r.complete);
    expect(cut).toBe(shownBefore.length - 1);
    expect(records.slice(0, cut + 1).map((r) => r.mediaId)).toEqual(shownBefore.map((x) => x.media));
    expect(shownBefore.map((x) => x.media)).toEqual(Array.from({ length: shownBefore.length }, (_, i) => (i % 2 === 0 ? 'img-a' : i % 4 === 1 ? 'img-b' : 'img-c')));
    // every record names its campaign and region and runs forwards in time
    for (const r of records) {
      expect(r.regionId).toBe('m1');
      expect(r.campaignId).toBe(r.mediaId === 'img-a' ? 'c-a' : 'c-b');
      expect(Date.parse(r.endedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    }
    // After the reload the page shows what the later records say (the player starts over after a reload).
    const after = await shownOn(page);
    const later = records.slice(cut + 1);
    expect(later.map((r) => r.mediaId)).toEqual(after.slice(0, later.length).map((x) => x.media));
  }, 120_000);

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
    await expect.poll(async () => (await shownOn(own)).map((x) => x.media).slice(0, 2), { timeout: 15_000 }).toEqual(['img-a', 'img-b']);
    expect(await own.evaluate(() => localStorage.getItem('hall.display.pop.queue'))).toBeNull();
    expect(sockets).toEqual([]);
    expect(s.records()).toEqual([]);
  }, 60_000);
});
