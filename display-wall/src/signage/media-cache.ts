import type { SceneCampaign } from '@hall/shared';

/**
 * The screen's copy of its campaigns' media, in the Cache Storage cache the service worker serves them from
 * (web-shell's sw-template.js, the `media` prefixes: cache first, byte ranges for video). Media URLs are
 * content-addressed, so a cached copy never goes stale: what the campaigns name is fetched once, what no campaign
 * names any more is dropped. When the hub is away nothing is dropped (the scene kept from before names the same
 * files) and the screen plays its schedule from here.
 */
export const MEDIA_CACHE = 'hall-display-media';

export function campaignUrls(campaigns: readonly SceneCampaign[]): string[] {
  return [...new Set(campaigns.flatMap((c) => c.items.map((i) => new URL(i.url, location.href).href)))];
}

let running: Promise<void> = Promise.resolve();

/** Brings the cache in line with `urls`; syncs run one after another, each against the newest list it was given. */
export function syncMediaCache(urls: readonly string[]): Promise<void> {
  running = running.then(() => sync(urls)).catch(() => undefined);
  return running;
}

async function sync(urls: readonly string[]): Promise<void> {
  if (typeof caches === 'undefined') return; // not a secure context: no cache, the screen plays while the hub is there
  const cache = await caches.open(MEDIA_CACHE);
  const wanted = new Set(urls);
  const have = new Set((await cache.keys()).map((r) => r.url));
  for (const url of have) if (!wanted.has(url)) await cache.delete(url);
  let missing = 0;
  for (const url of wanted) {
    if (have.has(url)) continue;
    // One at a time: a wall box's network and disk are small, and the queue's own traffic comes first.
    await cache.add(url).catch(() => (missing += 1));
  }
  document.documentElement.dataset.mediaCached = `${wanted.size - missing}/${wanted.size}`;
}
