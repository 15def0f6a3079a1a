import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/* What the wall's signage tests (wall-signage.test.ts) read from and do to a wall's page, and the files they upload. */

export { solidPng as png } from '@hall/testkit/png';
export { FULL_REGIONS } from '@hall/testkit/signage-layouts';

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
