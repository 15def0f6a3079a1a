import { crc32, deflateSync } from 'node:zlib';
import type { Region } from '@hall/shared';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/* What the wall's signage tests (wall-signage.test.ts) read from and do to a wall's page, and the files they upload. */

/** A real PNG of one colour (each colour a different file: the library is content-addressed). */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
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
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const region = (id: string, kind: Region['kind'], x: number, y: number, w: number, h: number): Region => ({ id, kind, x, y, w, h });
/** info across the top, the latest call and the windows, the waiting counts and a media region, the ticker along the bottom */
export const FULL_REGIONS = [
  region('info', 'info', 0, 0, 12, 1),
  region('call', 'latest-call', 0, 1, 4, 10),
  region('grid', 'windows', 4, 1, 5, 6),
  region('wait', 'waiting', 4, 7, 5, 4),
  region('m1', 'media', 9, 1, 3, 10),
  region('tick', 'ticker', 0, 11, 12, 1),
];

/** Records, in the page, each item the media region starts showing (from its DOM, at the page's clock), and each latest call shown. */
export const WATCH_PAGE = `(() => {
  // what the page showed before a reload survives it (sessionStorage), apart from what it shows after
  window.__shownBefore = JSON.parse(sessionStorage.getItem('__shown') || '[]');
  sessionStorage.setItem('__shown', '[]');
  window.__shown = [];
  window.__calls = [];
  let last = null;
  let lastCall = null;
  new MutationObserver(() => {
    const m = document.querySelector('[data-region="m1"] .media[data-media]');
    if (m && m.firstElementChild && m.firstElementChild !== last) { last = m.firstElementChild; window.__shown.push({ media: m.dataset.media, campaign: m.dataset.campaign, at: Date.now() }); sessionStorage.setItem('__shown', JSON.stringify(window.__shown)); }
    const t = document.querySelector('[data-region="call"] .latest[data-seq] .latest-ticket');
    if (t && t.textContent !== lastCall) { lastCall = t.textContent; window.__calls.push(lastCall); }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface Shown {
  media: string;
  campaign: string;
  at: number;
}
export const shownOn = (page: Page) => page.evaluate(() => (globalThis as unknown as { __shown: Shown[] }).__shown);
export const shownBeforeReload = (page: Page) => page.evaluate(() => (globalThis as unknown as { __shownBefore: Shown[] }).__shownBefore);
/** the campaign the media region shows now; null when it is idle */
export const playingNow = (page: Page) =>
  page.evaluate(() => {
    const m = document.querySelector<HTMLElement>('[data-region="m1"] .media');
    return m ? (m.dataset.campaign ?? null) : undefined;
  });
export const unsent = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('hall.display.pop.queue') ?? '[]').length as number);

export const latestCall = (page: Page) => page.locator('[data-region="call"] [data-testid=latest-ticket]').textContent();
/** the media region's video: how far it has played, whether it plays, and which element it is (a new one per play) */
export const videoNow = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-region="m1"] video');
    if (!v) return null;
    v.dataset.probe ??= Math.random().toString(36).slice(2);
    return { element: v.dataset.probe, time: v.currentTime, paused: v.paused, ended: v.ended, muted: v.muted };
  });

/**
 * Moves a paused page clock on to `at`, firing every timer at its own time. A minute of the page's time passes
 * in a moment of the test's, so the page's socket misses the hub's pings and drops: the clock then runs for real
 * until the page has reconnected and sent its proof of play, and stops again.
 */
export async function runTo(page: Page, at: number): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  if (at > now) await page.clock.runFor(at - now);
  await page.clock.resume();
  await expect.poll(() => unsent(page), { timeout: 20_000 }).toBe(0);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2_000);
}
