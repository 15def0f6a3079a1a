import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFeeds, startProvinceSimulator } from '../src/index.js';

const demoFeeds = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'hall-hub', 'demo', 'province-feeds.json');

describe('a feeds file (the demo province’s)', () => {
  it('an appointments document without a day is for today in the file’s time zone', () => {
    // 2026-12-06 17:30 UTC is already 12-07 in Shanghai
    const feeds = loadFeeds(readFileSync(demoFeeds, 'utf8'), new Date('2026-12-06T17:30:00Z'));
    expect(feeds.find((f) => f.feed === 'appointments')?.doc).toEqual({ day: '2026-12-07', appointments: [] });
    expect(feeds.find((f) => f.feed === 'catalog')?.version).toBe('demo-0');
  });

  it('the simulator serves them, signed, with the notices’ own version', async () => {
    const sim = await startProvinceSimulator({ key: 'feeds-file-test-key-0123' });
    try {
      for (const f of loadFeeds(readFileSync(demoFeeds, 'utf8'), new Date())) sim.setFeed(f.feed, f.doc, f.version);
      const r = await fetch(`${sim.url}/downlink/v1/notices`);
      expect(r.status).toBe(200);
      expect(r.headers.get('x-version')).toBe('demo-1');
      expect(r.headers.get('x-hall-signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(((await r.json()) as { notices: Array<{ id: string }> }).notices.map((n) => n.id)).toEqual(['demo-1']);
    } finally {
      await sim.close();
    }
  });
});
