import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaAsset } from '@hall/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

/*
 * What the library's files do in the screens' browser (Chromium): a stored WebM plays from its immutable URL,
 * seeking with byte ranges, and a widget framed as the wall frames it runs its scripts in an opaque origin, not
 * the hub's. (Debian's Chromium happens to play H.264 too — it decodes with the system's ffmpeg —, but the Chromium
 * of many signage boxes does not: the library takes only what every Chromium plays.)
 */

const FIXTURES = join(import.meta.dirname, 'fixtures');

let hub: TestHub;
let browser: Browser;
let page: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-media-page-'));
  hub = await testHub(smallHall({ signage: { media: { diskReserveMb: 0 } } }), fakeClock(), { listen: true, staticApps: [{ prefix: '/t/', dir }] });
  const up = async (name: string, type: string, body: Buffer) =>
    (await hub.app.inject({ method: 'POST', url: `/api/media?name=${name}`, headers: { ...hub.as('boss'), 'content-type': type }, payload: body })).json() as MediaAsset;
  const video = await up('welcome.webm', 'video/webm', readFileSync(join(FIXTURES, 'tiny-vp9-opus.webm')));
  // The widget tells its parent which origin it runs in (a sandbox without allow-same-origin: "null").
  const widget = await up('w.html', 'text/html', Buffer.from('<!doctype html><script>parent.postMessage("ran in " + self.origin, "*")</script>'));
  // The hub's pages allow no inline script: the page's own is a file beside it.
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><body><iframe sandbox="allow-scripts" src="${widget.url}"></iframe><script src="page.js"></script></body>`,
  );
  writeFileSync(
    join(dir, 'page.js'),
    `addEventListener('message', (e) => { document.body.dataset.widget = e.data + ' from ' + e.origin; });
     const v = document.createElement('video');
     v.muted = true;
     v.onloadedmetadata = () => { document.body.dataset.webm = 'plays ' + v.duration.toFixed(1); };
     v.onerror = () => { document.body.dataset.webm = 'error ' + (v.error && v.error.code); };
     v.src = ${JSON.stringify(video.url)};`,
  );
  page = `${hub.base}/t/index.html`;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('the library’s media in the screens’ browser', () => {
  it('a stored WebM plays from its URL; a widget runs sandboxed in an opaque origin', async () => {
    const p = await browser.newPage();
    await p.goto(page);
    // An expression, not a function: this package's types have no DOM.
    const data = (key: string) => p.evaluate(`document.body.dataset[${JSON.stringify(key)}] ?? null`);
    await expect.poll(() => data('webm'), { timeout: 20_000 }).toBe('plays 1.0');
    await expect.poll(() => data('widget'), { timeout: 20_000 }).toBe('ran in null from null');
  }, 60_000);
});
