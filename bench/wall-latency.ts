import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { NAMESPACES, PROTOCOL_VERSION } from '../shared/src/index.js';
import { composeHub } from '../hall-hub/src/compose-hub.js';
import { parseHallConfig } from '../hall-hub/src/config/parse-hall-config.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/support/browser.js';
import { launchDisplayBrowser } from '../test/e2e/support/display-pages.js';
import { repoRoot } from './lib/hub-process.js';
import { profilePage } from './lib/page-profile.js';
import { startRemoteFleet, type RemoteFleet } from './lib/remote-fleet.js';
import { figure, percentile, type Figure } from './lib/report.js';

/** display connections in all: one measured wall page, CHROMIUM_OTHERS more real pages, the rest protocol clients */
const DISPLAYS = 50;
const CHROMIUM_OTHERS = Number(process.env.WALL_CHROMIUM_OTHERS ?? 4);
const WINDOWS = 26;
const WARMUP = 100;
const SAMPLES = Number(process.env.WALL_SAMPLES ?? 1000);
/** one call every GAP_MS (10 a second): far above a hall's average, half the one-second burst of 20 in the issue */
const GAP_MS = Number(process.env.WALL_GAP_MS ?? 100);
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
  // When the page's main thread got the newest WebSocket message: splits the latency into delivery and render.
  let arrived = 0;
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(fn) { desc.set.call(this, fn && ((ev) => { arrived = performance.timeOrigin + performance.now(); return fn.call(this, ev); })); },
  });
  const mark = () => {
    const el = document.querySelector('.latest[data-seq]');
    const s = el && el.getAttribute('data-seq');
    if (s && !seen.has(s)) { seen.add(s); window.__mark(Number(s), performance.timeOrigin + performance.now(), arrived); }
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
 * latest-call element shows it, with 50 displays connected. Next to it, in the same run and interleaved: a bare
 * socket.io message from a bare server to a bare page.
 *
 * In a hall each display is a PC of its own; here all share two cores. So the measured wall has a browser of its
 * own (no other page's work on its renderer thread), 4 more real wall pages share another browser, and the other
 * 45 displays are protocol clients in a process of their own (bench/lib/receiver-process.ts: the same socket.io
 * namespace, device tokens, snapshot and event stream as the page, so the hub does the same work for them) — fifty
 * Chromium pages each rendering every call would measure the machine's saturation, not the wall. WALL_PROFILE=1
 * prints where the measured page's main thread spends its CPU per call.
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
    devices: Array.from({ length: DISPLAYS }, (_, i) => ({ id: `wall-${i + 1}`, type: 'hall-wall' })),
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
  // The other displays' browser and clients run at a lower CPU priority (nice 10): in a hall they have CPUs of
  // their own, so here they load the hub as fully as ever but do not take the measured page's CPU when it needs it.
  const niceChromium = join(dir, 'nice-chromium');
  writeFileSync(niceChromium, `#!/bin/sh\nexec nice -n 10 ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  const browser = await chromium.launch({ executablePath: niceChromium, args: [...CHROMIUM_ARGS, '--renderer-process-limit=2'] });
  const measuredBrowser = await launchDisplayBrowser();
  const bareBrowser = await launchDisplayBrowser();
  let fleet: RemoteFleet | null = null;
  try {
    // No voice on the benchmark's walls: 50 pages speaking would measure the audio stack, not the update.
    for (let i = 1; i <= DISPLAYS; i++) hub.displays.update(`wall-${i}`, { voice: false });
    for (let w = 1; w <= WINDOWS; w++) await hub.engine.submit({ type: 'OpenWindow', windowNo: String(w), staffNo: `S${w}` });
    const perLine = Math.ceil((WARMUP + SAMPLES) / WINDOWS) + 2;
    for (let k = 0; k < perLine; k++) {
      await Promise.all(LETTERS.slice(0, WINDOWS).map((l) => hub.engine.submit({ type: 'IssueTicket', lineId: `line-${l}`, channel: 'kiosk' })));
    }
    const pages: Page[] = [];
    // The measured wall at its full size; the other pages small and without animations.
    const measured = await measuredBrowser.newContext({ viewport: { width: 1920, height: 1080 } });
    const others = await browser.newContext({ viewport: { width: 480, height: 270 }, reducedMotion: 'reduce' });
    const seen: Record<number, number> = {};
    const arrivedAt: Record<number, number> = {};
    await measured.exposeBinding('__mark', (_source, seq: number, at: number, arrived: number) => {
      seen[seq] ??= at;
      arrivedAt[seq] ??= arrived;
    });
    await measured.addInitScript(OBSERVE_WALL);
    const url = (id: string) => `${base}/display/?device=${id}&token=${encodeURIComponent(hub.credentials.passwordFor(id)!)}`;
    for (let i = 1; i <= 1 + CHROMIUM_OTHERS; i++) {
      const page = await (i === 1 ? measured : others).newPage();
      await page.goto(url(`wall-${i}`), { waitUntil: 'commit' });
      pages.push(page);
    }
    for (const p of pages) await p.waitForSelector('#surface', { timeout: 60_000 });
    let fleetArrivals = 0;
    fleet = await startRemoteFleet({
      url: `${base}${NAMESPACES.display}`,
      auths: Array.from({ length: DISPLAYS - 1 - CHROMIUM_OTHERS }, (_, i) => {
        const id = `wall-${i + 2 + CHROMIUM_OTHERS}`;
        return { protocol: PROTOCOL_VERSION, deviceId: id, token: hub.credentials.passwordFor(id)! };
      }),
      kind: 'hub',
      ready: 'snapshot',
      onArrival: () => (fleetArrivals += 1),
    });
    setPriority(fleet.pid, 10);
    const connectedDisplays = hub.devices.list().filter((d) => d.id.startsWith('wall-') && d.online).length;
    if (connectedDisplays !== DISPLAYS) throw new Error(`${connectedDisplays} of ${DISPLAYS} displays online`);
    const barePage = await bareBrowser.newPage({ viewport: { width: 320, height: 200 } });
    await barePage.goto(`${bareBase}/`);
    await barePage.waitForFunction(() => (globalThis as unknown as { __ready?: boolean }).__ready === true);

    const profile = process.env.WALL_PROFILE ? await profilePage(measuredBrowser, pages[0]!) : null;
    const sent = new Map<number, number>();
    const committedAt = new Map<number, number>();
    const bareSent = new Map<number, number>();
    for (let k = 0; k < WARMUP + SAMPLES; k++) {
      const windowNo = String((k % WINDOWS) + 1);
      if (k >= WINDOWS) await hub.engine.submit({ type: 'MarkNoShow', windowNo });
      const t0 = epochNow();
      const r = await hub.engine.submit({ type: 'CallNext', windowNo });
      const seq = r.ok ? r.events.find((e) => e.event.type === 'TicketCalled')?.seq : undefined;
      if (seq === undefined) throw new Error(`call ${k} at window ${windowNo} was not made`);
      if (k >= WARMUP) {
        sent.set(seq, t0);
        committedAt.set(seq, epochNow());
      }
      await sleep(GAP_MS / 2);
      const b0 = epochNow();
      bare.emit('ping', { seq: k });
      if (k >= WARMUP) bareSent.set(k, b0);
      await sleep(GAP_MS / 2);
    }
    await sleep(1000);
    if (profile) console.log(`  wall-latency: the measured page's main thread, per call\n${await profile.stop(WARMUP + SAMPLES)}`);
    const fleetExpected = (WARMUP + SAMPLES) * (DISPLAYS - 1 - CHROMIUM_OTHERS);
    const bareSeen = (await barePage.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen)) as Record<string, number>;
    const lat = [...sent].flatMap(([seq, t0]) => (seen[seq] === undefined ? [] : [seen[seq]! - t0]));
    const bareLat = [...bareSent].flatMap(([k, t0]) => (bareSeen[k] === undefined ? [] : [bareSeen[k]! - t0]));
    const lost = SAMPLES - lat.length;
    const split = (f: (seq: number, t0: number) => number) => {
      const xs = [...sent].filter(([seq]) => seen[seq] !== undefined).map(([seq, t0]) => f(seq, t0));
      return `p50 ${percentile(xs, 50).toFixed(1)} / p99 ${percentile(xs, 99).toFixed(1)} ms`;
    };
    console.log(
      `  wall-latency: where the time goes — the hub's commit and broadcast ${split((seq, t0) => committedAt.get(seq)! - t0)}; ` +
        `then to the page's main thread ${split((seq) => arrivedAt[seq]! - committedAt.get(seq)!)}; then to the DOM ${split((seq) => seen[seq]! - arrivedAt[seq]!)}`,
    );
    const fleetMissing = fleetExpected - fleetArrivals;
    const what = (p: string) =>
      `${p}: hub call (CallNext, committed with synchronous=FULL) → the hall wall page's latest-call element updated (MutationObserver), 1,920×1,080 in headless Chromium, ` +
      `one call every ${GAP_MS} ms, ${DISPLAYS} displays connected (the measured page, ${CHROMIUM_OTHERS} more wall pages in Chromium, ${DISPLAYS - 1 - CHROMIUM_OTHERS} protocol clients in another process; the others at nice 10), ` +
      `${lat.length} calls after ${WARMUP} warm-up${lost ? `, ${lost} never seen` : ''}${fleetMissing ? `, ${fleetMissing} calls missing at the protocol clients` : ''}`;
    const bw = (p: string) => `${p}: a bare socket.io message → a bare page in a browser of its own (no hub, no Preact), interleaved, ${bareLat.length} samples`;
    return [
      figure({ id: 'wall-latency.p50', what: what('p50'), value: percentile(lat, 50), unit: 'ms', baseline: { what: bw('p50'), value: percentile(bareLat, 50), unit: 'ms' } }),
      figure({
        id: 'wall-latency.p99',
        what: what('p99'),
        value: percentile(lat, 99),
        unit: 'ms',
        baseline: { what: bw('p99'), value: percentile(bareLat, 99), unit: 'ms' },
        target: { text: 'p99 < 50 ms', check: ({ value }) => value < 50 && lost === 0 && fleetMissing === 0 },
      }),
    ];
  } finally {
    await fleet?.close();
    await Promise.all([browser.close(), measuredBrowser.close(), bareBrowser.close()]);
    await new Promise<void>((resolve) => bareIo.close(() => resolve()));
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
