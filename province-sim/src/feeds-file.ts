import type { FeedName } from './data-server.js';

/**
 * A file of downlink feeds to serve from the start (the demo hall's: hall-hub/demo/province-feeds.json):
 * `{ "timeZone": "Asia/Shanghai", "feeds": { "<feed>": { "version"?: "…", "doc": {…} } } }`. An appointments
 * document without a `day` is for today in the file's time zone, so the demo's feed is current on any date.
 */
export function loadFeeds(text: string, now: Date): Array<{ feed: FeedName; doc: unknown; version?: string }> {
  const file = JSON.parse(text) as { timeZone?: string; feeds?: Partial<Record<FeedName, { version?: string; doc: unknown }>> };
  const out: Array<{ feed: FeedName; doc: unknown; version?: string }> = [];
  for (const feed of ['catalog', 'notices', 'appointments'] as const) {
    const entry = file.feeds?.[feed];
    if (!entry) continue;
    let doc = entry.doc;
    if (feed === 'appointments' && typeof doc === 'object' && doc !== null && !('day' in doc)) {
      // en-CA writes dates as YYYY-MM-DD
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: file.timeZone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      doc = { day, ...doc };
    }
    out.push({ feed, doc, ...(entry.version !== undefined ? { version: entry.version } : {}) });
  }
  return out;
}
