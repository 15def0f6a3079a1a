import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { composeHub } from '../hall-hub/src/compose-hub.js';
import { parseHallConfig } from '../hall-hub/src/config/parse-hall-config.js';
import { launchDisplayBrowser } from '../test/e2e/support/display-pages.js';
import { repoRoot } from './lib/hub-process.js';
import { figure, percentile, type Figure } from './lib/report.js';

const PAGES = 50;
const WINDOWS = 26;
const WARMUP = 100;
const SAMPLES = 1000;
const GAP_MS = 25;
const ALL_DAY = [{ open: '00:00', close: '23:59' }];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

// socket.io (the server) is a dependency of the hub only: load the very copy the hub runs.
const requireFromHub = createRequire(new URL('../hall-hub/package.json', import.meta.url));
const { Server } = requireFromHub('socket.io') as typeof import('../hall-hub/node_modules/socket.io/dist/index.js');

const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reports, from the page, when each call's sequence number first appears in the latest-call element. Installed
 * as an init script with a binding, so it survives a reload (the watchdog may reload a starved page).
 */
const OBSERVE_WALL = `(() => {
  const seen = new Set();
  const mark = () => {
    const el = document.querySelector('.latest[data-seq]');
    const s = el && el.getAttribute('data-seq');
    if (s && !seen.has(s)) { seen.add(s); window.__mark(Number(s), performance.timeOrigin + performance.now()); }
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
})()`;
const BARE_PAGE = `<!doctype html><html><body><div id="n"></div><script src="/socket.io/socket.io.js"></script><script>
  window.__seen = {};
  const s = io('/bare', { transports: ['websocket'] });
  s.on('ping', (m) => { window.__seen[m.seq] = performance.timeOrigin + performance.now(); document.getElementById('n').textContent = m.seq; });
  s.on('connect', () => (window.__ready = true));
</script></body></html>`;

/**
 * Call → DOM on the hall wall page: a call committed by the hub (durably, synchronous=FULL) until the page's
 * latest-call element shows it, with 50 display pages connected in headless Chromium. Next to it, in the same
 * run and interleaved: a bare socket.io message from a bare server to a bare page in the same browser.
 */
export async function wallLatency(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wall-latency-'));
  const config = parseHallConfig({
    server: { dataDir: join(dir, 'data'), httpPort: 0, mqtt: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' },
    hall: { id: 'bench-hall', name: '基准测试大厅' },
    calendar: { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, ticketingCutoffMinutes: 0 },
    zones: [{ id: 'z', name: '综合区' }],
    lines: LETTERS.slice(0, WINDOWS).map((l) => ({ id: `line-${l}`, prefix: l, name: `业务${l}` })),
    windows: LETTERS.slice(0, WINDOWS).map((l, i) => ({ no: String(i + 1), name: `窗口${i + 1}`, zone: 'z', lines: [{ line: `line-${l}` }] })),
    staff: LETTERS.slice(0, WINDOWS).map((_, i) => ({ no: `S${i + 1}`, name: `员工${i + 1}`, windows: [String(i + 1)] })),
    devices: Array.from({ length: PAGES }, (_, i) => ({ id: `wall-${i + 1}`, type: 'hall-wall' })),
  });
  const hub = await composeHub({
    config,
    dataDir: mkdtempSync(join(dir, 'd-')),
    env: {},
    staticApps: [{ prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') }],
  });
  const base = await hub.app.listen({ host: '127.0.0.1', port: 0 });
  const bareHttp = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_PAGE);
  });
  const bareIo = new Server(bareHttp, { serveClient: true });
  const bare = bareIo.of('/bare');
  const bareBase = await new Promise<string>((resolve) =>
    bareHttp.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(bareHttp.address() as { port: number }).port}`)),
  );
  // Fifty pages share a few renderer processes, as tabs do: fifty renderers would not fit beside the others here.
  const browser = await launchDisplayBrowser(['--renderer-process-limit=6']);
  try {
    // No voice on the benchmark's walls: 50 pages speaking would measure the audio stack, not the update.
    for (let i = 1; i <= PAGES; i++) hub.displays.update(`wall-${i}`, { voice: false });
    for (let w = 1; w <= WINDOWS; w++) await hub.engine.submit({ type: 'OpenWindow', windowNo: String(w), staffNo: `S${w}` });
    const perLine = Math.ceil((WARMUP + SAMPLES) / WINDOWS) + 2;
    for (let k = 0; k < perLine; k++) {
      await Promise.all(LETTERS.slice(0, WINDOWS).map((l) => hub.engine.submit({ type: 'IssueTicket', lineId: `line-${l}`, channel: 'kiosk' })));
    }
    const pages: Page[] = [];
    // The measured wall at its full size in a context of its own; the other 49 small, in one shared context
    // (so they share renderers) and without animations, so raster work does not swamp two cores.
    const measured = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const others = await browser.newContext({ viewport: { width: 480, height: 270 }, reducedMotion: 'reduce' });
    const seen: Record<number, number> = {};
    await measured.exposeBinding('__mark', (_source, seq: number, at: number) => void (seen[seq] ??= at));
    await measured.addInitScript(OBSERVE_WALL);
    for (let i = 1; i <= PAGES; i++) {
      const page = await (i === 1 ? measured : others).newPage();
      await page.goto(`${base}/display/?device=wall-${i}&token=${encodeURIComponent(hub.credentials.passwordFor(`wall-${i}`)!)}`, { waitUntil: 'commit' });
      pages.push(page);
    }
    for (const p of pages) await p.waitForSelector('#surface', { timeout: 60_000 });
    const barePage = await browser.newPage({ viewport: { width: 320, height: 200 } });
    await barePage.goto(`${bareBase}/`);
    await barePage.waitForFunction(() => (globalThis as unknown as { __ready?: boolean }).__ready === true);

    const sent = new Map<number, number>();
    const bareSent = new Map<number, number>();
    for (let k = 0; k < WARMUP + SAMPLES; k++) {
      const windowNo = String((k % WINDOWS) + 1);
      if (k >= WINDOWS) await hub.engine.submit({ type: 'MarkNoShow', windowNo });
      const t0 = epochNow();
      const r = await hub.engine.submit({ type: 'CallNext', windowNo });
      const seq = r.ok ? r.events.find((e) => e.event.type === 'TicketCalled')?.seq : undefined;
      if (seq === undefined) throw new Error(`call ${k} at window ${windowNo} was not made`);
      if (k >= WARMUP) sent.set(seq, t0);
      await sleep(GAP_MS / 2);
      const b0 = epochNow();
      bare.emit('ping', { seq: k });
      if (k >= WARMUP) bareSent.set(k, b0);
      await sleep(GAP_MS / 2);
    }
    await sleep(1000);
    const bareSeen = (await barePage.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen)) as Record<string, number>;
    const lat = [...sent].flatMap(([seq, t0]) => (seen[seq] === undefined ? [] : [seen[seq]! - t0]));
    const bareLat = [...bareSent].flatMap(([k, t0]) => (bareSeen[k] === undefined ? [] : [bareSeen[k]! - t0]));
    const lost = SAMPLES - lat.length;
    const what = (p: string) =>
      `${p}: hub call (CallNext, committed with synchronous=FULL) → the hall wall page's latest-call element updated (MutationObserver), ${PAGES} display pages connected in headless Chromium, ${lat.length} calls after ${WARMUP} warm-up${lost ? `, ${lost} never seen` : ''}`;
    const bw = (p: string) => `${p}: a bare socket.io message → a bare page in the same browser (no hub, no Preact), interleaved, ${bareLat.length} samples`;
    return [
      figure({ id: 'wall-latency.p50', what: what('p50'), value: percentile(lat, 50), unit: 'ms', baseline: { what: bw('p50'), value: percentile(bareLat, 50), unit: 'ms' } }),
      figure({
        id: 'wall-latency.p99',
        what: what('p99'),
        value: percentile(lat, 99),
        unit: 'ms',
        baseline: { what: bw('p99'), value: percentile(bareLat, 99), unit: 'ms' },
        target: { text: 'p99 < 50 ms', check: ({ value }) => value < 50 && lost === 0 },
      }),
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => bareIo.close(() => resolve()));
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
