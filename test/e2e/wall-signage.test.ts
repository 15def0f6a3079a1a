import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Campaign, CampaignBody, MediaAsset, ProofOfPlayRow, ScreenLayout, SignageTargets } from '@hall/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cuttableLink, type CuttableLink } from '@hall/testkit/cuttable-link';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { repoRoot } from '@hall/testkit/repo-paths';
import { FULL_REGIONS, WATCH_PAGE, latestCall, playingNow, png, runTo, shownBeforeReload, shownOn, unsent, videoNow } from './support/signage-wall.js';

/**
 * The wall as a signage player (#20), in Chromium against the real hub: media uploaded through its library,
 * layouts, display groups and campaigns made through its routes as a manager, calls made by staff through its
 * window routes, proof of play read back from what it stored. The only thing faked is the clock: the hub's
 * (the test's fake clock) and, where a schedule is the point, the pages' (Playwright's page clock). The hall is in
 * Shanghai; the browser is told it is in New York, so a wall that read the schedule on the machine's clock fails.
 */
const FULL_HD = { width: 1920, height: 1080 };
const MACHINE_ZONE = 'America/New_York';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
/** A 2-second VP8 WebM (192×108, no sound). */
const SAMPLE_WEBM = readFileSync(join(repoRoot, 'testkit', 'fixtures', 'signage-2s.webm'));

let browser: Browser;
let hub: TestHub;
const contexts: BrowserContext[] = [];
const links: CuttableLink[] = [];
const campaigns: string[] = [];

beforeAll(async () => {
  browser = await launchDisplayBrowser();
  // Walls 3–6 besides the fixture's two: each test reports proof of play from screens of its own.
  const hall = smallHall({ signage: { media: { diskReserveMb: 0 } } });
  const wall = hall.devices.find((d) => d.id === 'wall-2')!;
  hall.devices.push(...['wall-3', 'wall-4', 'wall-5', 'wall-6'].map((id) => ({ ...wall, id })));
  hub = await testHub(hall, fakeClock(), {
    listen: true,
    staticApps: [{ prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') }],
  });
  // Staff open windows 1–3 to call visitors there.
  for (const w of ['1', '2', '3']) await api('POST', `/api/windows/${w}/open`, {}, hub.as(`staff-S${w}`));
}, 60_000);

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  for (const l of links.splice(0)) await l.close().catch(() => undefined);
  // each test sets its own campaigns
  for (const id of campaigns.splice(0)) await api('DELETE', `/api/signage/campaigns/${id}`);
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** An instant on the hall's clock (Shanghai, UTC+8) on Monday 2026-11-23, the day the fake clock starts. */
const hallAt = (hms: string) => Date.parse(`2026-11-23T${hms}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

/** A request to the hub over HTTP, as a manager unless told otherwise. */
async function api<T = unknown>(method: string, path: string, body?: unknown, auth = hub.as('boss')): Promise<T> {
  const r = await fetch(`${hub.base}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
  return (r.status === 204 ? undefined : await r.json()) as T;
}

/** A file into the hub's media library, as the console sends it: the raw body. */
async function upload(name: string, type: string, bytes: Buffer): Promise<MediaAsset> {
  const r = await fetch(`${hub.base}/api/media?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { ...hub.as('boss'), 'content-type': type }, body: new Uint8Array(bytes) });
  if (r.status !== 201 && r.status !== 200) throw new Error(`upload ${name}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as MediaAsset;
}

let layout: ScreenLayout | null = null;
/** The layout with a media region, made once through the hub's layout route. */
async function mediaLayout(): Promise<ScreenLayout> {
  layout ??= await api<ScreenLayout>('POST', '/api/signage/layouts', { name: '大厅屏 · 带媒体', size: '1920x1080', columns: 12, rows: 12, regions: FULL_REGIONS });
  return layout;
}

const NOBODY: SignageTargets = { all: false, displays: [], groups: [], zones: [] };
/** A campaign's body: its items' seconds null play a video its own length. */
function campaignBody(name: string, items: Array<[MediaAsset, number | null]>, extra: Partial<CampaignBody> = {}): CampaignBody {
  return {
    name,
    enabled: true,
    priority: 0,
    interrupt: false,
    items: items.map(([m, seconds]) => ({ mediaId: m.id, seconds })),
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: null,
    dayparts: [],
    targets: NOBODY,
    ...extra,
  };
}
/** A campaign made through the hub's route (deleted after the test). */
async function campaign(name: string, items: Array<[MediaAsset, number | null]>, extra: Partial<CampaignBody> = {}): Promise<Campaign> {
  const c = await api<Campaign>('POST', '/api/signage/campaigns', campaignBody(name, items, extra));
  campaigns.push(c.id);
  return c;
}

/** A wall's page as its screen opens it (through `base`, the hub or a link to it), optionally on a page clock set to `clockAt`. */
async function openWall(deviceId: string, opts: { base?: string; clockAt?: number; waitFor?: string; scripts?: string[] } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: FULL_HD, timezoneId: MACHINE_ZONE });
  contexts.push(context);
  await context.addInitScript(WATCH_PAGE);
  if (opts.clockAt !== undefined) await context.clock.install({ time: opts.clockAt });
  const page = await context.newPage();
  const scripts = opts.scripts;
  if (scripts) page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
  await page.goto(`${opts.base ?? hub.base}/display/?device=${deviceId}&token=${encodeURIComponent(hub.credentials.passwordFor(deviceId)!)}`);
  await page.waitForSelector(opts.waitFor ?? '[data-region="m1"] .media', { timeout: 30_000 });
  return page;
}

/** The wall shows a layout with a media region, playing what is aimed at it alone. */
async function wallWithMedia(deviceId: string): Promise<SignageTargets> {
  const { id: layoutId } = await mediaLayout();
  await api('PATCH', `/api/displays/${deviceId}`, { layoutId });
  return { ...NOBODY, displays: [deviceId] };
}

/** Staff call the next visitors at windows 1–3 in turn, through the hub's window route; the tickets called, in order. */
async function callNext(n: number): Promise<string[]> {
  for (let i = 0; i < n; i++) await api('POST', '/api/tickets', { lineId: 'general' }, hub.kiosk());
  const called: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = String((callCount++ % 3) + 1);
    called.push((await api<{ ticket: { number: string } }>('POST', `/api/windows/${w}/call-next`, {}, hub.as(`staff-S${w}`))).ticket.number);
  }
  return called;
}
let callCount = 0;

describe('the wall as a signage player, on the real hub', () => {
  it('without a layout the built-in wall draws and the player code never loads; with one, its regions draw where the grid puts them', async () => {
    const scripts: string[] = [];
    await api('POST', '/api/display-notices', { text: '本中心周六上午照常办理业务', targets: { all: false, displays: ['wall-6'], groups: [] } });
    const page = await openWall('wall-6', { waitFor: '.wall.design-standard', scripts });
    const [first] = await callNext(1);
    await expect.poll(() => page.locator('[data-testid=latest-ticket]').textContent(), { timeout: 10_000 }).toBe(first);
    expect(await page.locator('[data-region]').count()).toBe(0);
    expect(scripts.filter((u) => /media-region-.*\.js$/.test(u))).toEqual([]);

    const image = await upload('版式示例.png', 'image/png', png(320, 180, [150, 60, 20]));
    await campaign('示例', [[image, 60]], { targets: await wallWithMedia('wall-6') });
    await expect.poll(() => page.locator('[data-region]').count(), { timeout: 10_000 }).toBe(6);
    expect(await page.locator('.wall').count()).toBe(0);
    const boxes = await page.locator('[data-region]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.getAttribute('data-region'), kind: e.getAttribute('data-kind'), x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) };
      }),
    );
    // 12 × 12 cells of 160 × 90 px
    expect(boxes).toEqual(FULL_REGIONS.map((r) => ({ id: r.id, kind: r.kind, x: r.x * 160, y: r.y * 90, w: r.w * 160, h: r.h * 90 })));
    // each region shows its part of the hall
    const windowNo = String(((callCount - 1) % 3) + 1);
    expect(await page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent()).toBe(first);
    expect(await page.locator(`[data-region="grid"] .cell[data-window="${windowNo}"] .cell-ticket`).textContent()).toBe(first);
    expect(await page.locator('[data-region="wait"] tr[data-line]').count()).toBe(2);
    expect(await page.locator('[data-region="info"] .hall-name').textContent()).toBe('测试政务服务中心');
    expect(await page.locator('[data-region="info"] .clock-time').count()).toBe(1);
    expect(await page.locator('[data-region="tick"] .band').textContent()).toContain('本中心周六上午照常办理业务');
    // the hub re-encodes images as WebP at their size
    await expect.poll(() => page.locator('[data-region="m1"] img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(320);
    expect(scripts.filter((u) => /media-region-.*\.js$/.test(u))).toHaveLength(1);
    // a call after the layout came shows in the latest-call region
    const [second] = await callNext(1);
    await expect.poll(() => page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent(), { timeout: 10_000 }).toBe(second);
    await page.screenshot({ path: join(shots, 'signage-layout-1920x1080.png') });
  }, 60_000);

  it('a campaign scheduled for 10:00–10:05 on one display group plays only there and only then; the proof of play the hub stores says the same', async () => {
    hub.clock.set(hallAt('09:58:00'));
    const ten = await upload('十点宣传.png', 'image/png', png(320, 180, [122, 31, 31]));
    const everyday = await upload('日常提示.png', 'image/png', png(320, 180, [31, 79, 122]));
    const { id: layoutId } = await mediaLayout();
    await api('PUT', '/api/display-groups/lobby', { name: '一楼大厅' });
    await api('PATCH', '/api/displays/wall-1', { layoutId, groups: ['lobby'] });
    await api('PATCH', '/api/displays/wall-2', { layoutId, groups: [] });
    // On the group, Monday 10:00–10:05 hall time, a minute an item; wall-2 plays a campaign of its own all day.
    const tenOClock = await campaign('十点档', [[ten, 60]], {
      startsAt: iso(hallAt('00:00:00')),
      endsAt: iso(hallAt('23:59:00')),
      dayparts: [{ days: ['mon'], from: '10:00', to: '10:05' }],
      targets: { ...NOBODY, groups: ['lobby'] },
    });
    const daily = await campaign('日常', [[everyday, 20]], { targets: { ...NOBODY, displays: ['wall-2'] } });

    const lobby = await openWall('wall-1', { clockAt: hallAt('09:58:00') });
    const other = await openWall('wall-2', { clockAt: hallAt('09:58:00') });
    const walls = [lobby, other];
    await expect.poll(() => playingNow(other), { timeout: 20_000 }).toBe(daily.id);
    for (const p of walls) await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 2_000);

    const at = async (hms: string) => {
      for (const p of walls) await runTo(p, hallAt(hms));
      hub.clock.set(hallAt(hms));
      return Promise.all(walls.map(playingNow));
    };
    expect(await at('09:59:30')).toEqual([null, daily.id]);
    expect(await at('10:00:30')).toEqual([tenOClock.id, daily.id]);
    await lobby.screenshot({ path: join(shots, 'signage-campaign-1000-lobby.png') });
    expect(await at('10:02:30')).toEqual([tenOClock.id, daily.id]);
    expect(await at('10:04:30')).toEqual([tenOClock.id, daily.id]);
    expect(await at('10:05:30')).toEqual([null, daily.id]);

    // What each page showed, at its clock: the group's wall the campaign from 10:00 to 10:05 only, the other never.
    const shownLobby = await shownOn(lobby);
    expect(shownLobby.length).toBeGreaterThanOrEqual(5);
    for (const s of shownLobby) {
      expect(s).toMatchObject({ media: ten.id, campaign: tenOClock.id });
      expect(s.at).toBeGreaterThanOrEqual(hallAt('10:00:00'));
      expect(s.at).toBeLessThan(hallAt('10:05:00'));
    }
    const shownOther = await shownOn(other);
    expect(shownOther.length).toBeGreaterThan(10);
    expect(new Set(shownOther.map((s) => s.campaign))).toEqual(new Set([daily.id]));

    // The hub's proof of play: the group's screen, the campaign and its medium, inside the window, one row for
    // each time the page showed it.
    for (const p of walls) await p.clock.resume();
    const window = `from=${encodeURIComponent(iso(hallAt('09:00:00')))}&to=${encodeURIComponent(iso(hallAt('11:00:00')))}`;
    const rowsOf = (id: string) => api<ProofOfPlayRow[]>('GET', `/api/signage/proof-of-play?${window}&campaign=${id}`);
    await expect.poll(async () => (await rowsOf(tenOClock.id)).length, { timeout: 20_000 }).toBe(shownLobby.length);
    const rows = (await rowsOf(tenOClock.id)).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    for (const r of rows) {
      expect(r).toMatchObject({ displayId: 'wall-1', campaignId: tenOClock.id, campaignName: '十点档', mediaId: ten.id, mediaName: '十点宣传.png', regionId: 'm1' });
      expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(hallAt('10:00:00'));
      expect(Date.parse(r.endedAt)).toBeLessThanOrEqual(hallAt('10:05:00'));
    }
    expect(rows.map((r) => Date.parse(r.startedAt))).toEqual(shownLobby.map((s) => s.at));
    // a minute each, back to back, the last ending at 10:05
    expect(rows.slice(0, 5).map((r) => [r.startedAt, r.endedAt, r.complete])).toEqual(
      ['10:00', '10:01', '10:02', '10:03', '10:04'].map((t, i) => [iso(hallAt(`${t}:00`)), iso(hallAt(`10:0${i + 1}:00`)), true]),
    );
    const dailyRows = await rowsOf(daily.id);
    expect(dailyRows.length).toBeGreaterThan(10);
    expect(new Set(dailyRows.map((r) => r.displayId))).toEqual(new Set(['wall-2']));
  }, 180_000);

  it('a video plays muted in its region while calls keep arriving in order; its end moves the region on', async () => {
    const video = await upload('宣传片.webm', 'video/webm', SAMPLE_WEBM);
    const still = await upload('办事指南.png', 'image/png', png(320, 180, [31, 122, 58]));
    expect(video.durationMs).toBeGreaterThan(1_000);
    const targets = await wallWithMedia('wall-3');
    const ads = await campaign('宣传片', [[video, null], [still, 2]], { targets });
    const page = await openWall('wall-3');
    await page.waitForSelector('[data-region="m1"] video');

    const called: string[] = [];
    const samples: Array<NonNullable<Awaited<ReturnType<typeof videoNow>>>> = [];
    for (let i = 0; i < 6; i++) {
      called.push(...(await callNext(3)));
      const v = await videoNow(page);
      if (v) samples.push(v);
    }
    await expect.poll(() => latestCall(page), { timeout: 15_000 }).toBe(called.at(-1));
    // every call shown in the latest-call region, in the order staff made them (after the call it opened on, if any)
    const shownCalls = await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls);
    expect(shownCalls.slice(-called.length)).toEqual(called);
    expect(shownCalls.length).toBeLessThanOrEqual(called.length + 1);
    // meanwhile the video played, muted: one element seen twice had moved on, and none was paused but at its end
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((v) => v.muted && (!v.paused || v.ended))).toBe(true);
    const advanced = samples.some((a, i) => samples.slice(i + 1).some((b) => b.element === a.element && b.time > a.time));
    if (!advanced) {
      const a = await videoNow(page);
      await expect.poll(async () => { const b = await videoNow(page); return !!a && !!b && b.element === a.element && b.time > a.time; }, { timeout: 2_000 }).toBe(true);
    }
    // the video ended, the image after it played, and the video again
    await expect.poll(async () => (await shownOn(page)).map((x) => x.media).slice(0, 3), { timeout: 20_000 }).toEqual([video.id, still.id, video.id]);
    // and the hub stored both as played in full, from the wall's region
    const rows = async () => (await api<ProofOfPlayRow[]>('GET', `/api/signage/proof-of-play?display=wall-3&campaign=${ads.id}&from=2026-01-01T00:00:00.000Z&to=2027-12-31T00:00:00.000Z`))
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    await expect.poll(async () => (await rows()).slice(0, 2).map((r) => [r.mediaId, r.complete, r.regionId]), { timeout: 15_000 }).toEqual([[video.id, true, 'm1'], [still.id, true, 'm1']]);
    const [played] = await rows();
    expect(Date.parse(played!.endedAt) - Date.parse(played!.startedAt)).toBeGreaterThanOrEqual(video.durationMs! - 500);
  }, 90_000);

  it('reloaded while cut off from the hub, the wall keeps playing its schedule from its cache (and drops files no campaign names), and catches up on calls when the link is back', async () => {
    const link = await cuttableLink({ host: '127.0.0.1', port: Number(new URL(hub.base).port) });
    links.push(link);
    const [a, b, c] = await Promise.all(([[90, 20, 20], [20, 90, 20], [20, 20, 90]] as const).map((rgb, i) => upload(`图${i + 1}.png`, 'image/png', png(320, 180, [...rgb]))));
    const video = await upload('宣传片.webm', 'video/webm', SAMPLE_WEBM);
    const targets = await wallWithMedia('wall-4');
    const loop = await campaign('轮播', [[a!, 2], [c!, 2]], { targets });
    const page = await openWall('wall-4', { base: link.base });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mediaCached), { timeout: 20_000 }).toBe('2/2');
    // The manager changes the campaign: c is no longer played, the video and b are.
    await api('PUT', `/api/signage/campaigns/${loop.id}`, campaignBody('轮播', [[a!, 2], [video, 2], [b!, 2]], { targets }));
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mediaCached), { timeout: 20_000 }).toBe('3/3');
    const cached = await page.evaluate(async () => (await (await caches.open('hall-display-media')).keys()).map((r) => new URL(r.url).pathname).sort());
    expect(cached).toEqual([a!.url, video.url, b!.url].sort());
    await expect.poll(() => page.evaluate((id) => localStorage.getItem('hall.display.last')?.includes(id) ?? false, video.id), { timeout: 10_000 }).toBe(true);
    const before = await callNext(1);
    await expect.poll(() => latestCall(page), { timeout: 15_000 }).toBe(before[0]);
    // the wall keeps its last state at most a second behind (persist.ts)
    await expect.poll(() => page.evaluate((t) => localStorage.getItem('hall.display.last')?.includes(`"ticket":"${t}"`) ?? false, before[0]!), { timeout: 10_000 }).toBe(true);

    await link.cut();
    await page.reload();
    await page.waitForSelector('[data-link-state="offline"]', { timeout: 20_000 });
    // Calls go on in the hall meanwhile.
    const away = await callNext(2);
    // Every item of the schedule shows again, from the cache: images decoded, the video playing.
    await expect.poll(async () => new Set((await shownOn(page)).map((x) => x.media)), { timeout: 30_000 }).toEqual(new Set([a!.id, video.id, b!.id]));
    await expect.poll(async () => ((await videoNow(page))?.time ?? 0) > 0, { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => page.evaluate(() => { const i = document.querySelector<HTMLImageElement>('[data-region="m1"] img'); return i ? i.naturalWidth : null; }), { timeout: 30_000 })
      .toBe(320);
    expect(await page.evaluate((u) => fetch(u).then((r) => r.status), a!.url)).toBe(200);
    expect(await latestCall(page)).toBe(before[0]);

    // The link is back: the wall catches up on the calls (no reload to help it) and its region plays on.
    await link.restore();
    await expect.poll(() => latestCall(page), { timeout: 30_000 }).toBe(away[1]);
    expect(await page.locator('[data-region="call"]').textContent()).toContain(away[0]);
    expect(await page.locator('[data-link-state="offline"]').count()).toBe(0);
    const shownSoFar = (await shownOn(page)).length;
    await expect.poll(async () => (await shownOn(page)).length, { timeout: 20_000 }).toBeGreaterThan(shownSoFar);
  }, 120_000);

  it('proof of play: the rows the hub stores are what the page showed, kept while the link is cut, across a reload, and sent when it is back', async () => {
    const link = await cuttableLink({ host: '127.0.0.1', port: Number(new URL(hub.base).port) });
    links.push(link);
    const [a, b, c] = await Promise.all(([[200, 40, 40], [40, 200, 40], [40, 40, 200]] as const).map((rgb, i) => upload(`记录${i + 1}.png`, 'image/png', png(320, 180, [...rgb]))));
    const targets = await wallWithMedia('wall-5');
    // Two campaigns of equal priority take turns item by item.
    const ca = await campaign('甲', [[a!, 2]], { targets });
    const cb = await campaign('乙', [[b!, 2], [c!, 2]], { targets });
    const page = await openWall('wall-5', { base: link.base });
    const query = `/api/signage/proof-of-play?display=wall-5&from=2026-01-01T00:00:00.000Z&to=2027-12-31T00:00:00.000Z`;
    const rows = async () => (await api<ProofOfPlayRow[]>('GET', query)).sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt));
    await expect.poll(async () => (await rows()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    // The link is cut: the page keeps its records until it is back.
    await link.cut();
    await page.waitForSelector('[data-link-state="offline"]', { timeout: 20_000 });
    const whileAway = (await rows()).length;
    await expect.poll(() => unsent(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // A reload while away ends the item playing (cut short) and keeps every record not yet sent.
    await page.reload();
    await page.waitForSelector('[data-region="m1"] .media[data-media]', { timeout: 20_000 });
    await link.restore();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-link-state="offline"]') === null), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await rows()).length - whileAway, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => unsent(page), { timeout: 20_000 }).toBe(0);

    const stored = await rows();
    // Before the reload: one row for each item the page showed, in order (the campaigns taking turns in the order
    // of their ids: 甲's a, 乙's b, a, 乙's c …), all complete but the last, which the reload cut short; each at the
    // moment the page showed it.
    const shownBefore = await shownBeforeReload(page);
    const cut = stored.findIndex((r) => !r.complete);
    expect(cut).toBe(shownBefore.length - 1);
    expect(stored.slice(0, cut + 1).map((r) => [r.mediaId, r.campaignId])).toEqual(shownBefore.map((x) => [x.media, x.campaign]));
    const turns = ca.id < cb.id ? [a!.id, b!.id, a!.id, c!.id] : [b!.id, a!.id, c!.id, a!.id];
    expect(shownBefore.map((x) => x.media)).toEqual(Array.from({ length: shownBefore.length }, (_, i) => turns[i % 4]));
    for (const [i, s] of shownBefore.entries()) expect(Math.abs(Date.parse(stored[i]!.startedAt) - s.at)).toBeLessThan(1_000);
    // every row names its screen, campaign, medium and region, and runs forwards in time
    for (const r of stored) {
      expect(r).toMatchObject({ displayId: 'wall-5', regionId: 'm1', campaignId: r.mediaId === a!.id ? ca.id : cb.id, campaignName: r.mediaId === a!.id ? '甲' : '乙' });
      expect(Date.parse(r.endedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    }
    // After the reload the page shows what the later rows say (the player starts over after a reload).
    const after = await shownOn(page);
    const later = stored.slice(cut + 1);
    expect(later.map((r) => r.mediaId)).toEqual(after.slice(0, later.length).map((x) => x.media));
  }, 120_000);
});
