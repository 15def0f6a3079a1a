import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { NAMESPACES, PROTOCOL_VERSION } from '@hall/shared';
import { CHROMIUM, CHROMIUM_ARGS } from '@hall/testkit/browser';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { writeDeviceHall } from './lib/device-hall.js';
import { startHubWithMqtt, type HubWithMqtt } from './lib/hub-with-mqtt.js';
import { connectDevices, type DeviceFleet } from './lib/mqtt-devices.js';
import { collectMarks, type PageMark } from './lib/page-marks.js';
import { profilePage } from './lib/page-profile.js';
import { startRemoteFleet, type RemoteFleet } from './lib/remote-fleet.js';
import { figure, percentile, type Figure } from './lib/report.js';
import { throttledWall } from './lib/throttled-wall.js';
import { stockTickets } from './lib/ticket-stock.js';

/** display connections in all: one measured wall page, CHROMIUM_OTHERS more real pages, the rest protocol clients */
const DISPLAYS = 50;
const CHROMIUM_OTHERS = Number(process.env.WALL_CHROMIUM_OTHERS ?? 4);
const WINDOWS = 26;
const WARMUP = 100;
const SAMPLES = Number(process.env.WALL_SAMPLES ?? 1000);
/** one call every GAP_MS (10 a second): far above a hall's average, half the one-second burst of 20 in the issue */
const GAP_MS = Number(process.env.WALL_GAP_MS ?? 100);
const MANAGER_PASSWORD = 'bench-manager-password';

// socket.io (the server) is a dependency of the hub only: load the very copy the hub runs.
const requireFromHub = createRequire(new URL('../hall-hub/package.json', import.meta.url));
const { Server } = requireFromHub('socket.io') as typeof import('../hall-hub/node_modules/socket.io/dist/index.js');

const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reports, from the page, when each call first appears in the latest-call element (by its ticket number), and
 * when the page's main thread got the newest WebSocket message before it — which splits the latency into
 * delivery and render. Installed as an init script with a raw binding (lib/page-marks.ts), so it survives a
 * reload (the watchdog may reload a starved page).
 */
export const OBSERVE_WALL = `(() => {
  const seen = new Set();
  let arrived = 0;
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(fn) { desc.set.call(this, fn && ((ev) => { arrived = performance.timeOrigin + performance.now(); return fn.call(this, ev); })); },
  });
  // Only the ticket's own text is watched, and the document only for that element being replaced: an observer of
  // every attribute and text of the page made records of every change a call makes and cost the measured main
  // thread as much script as the wall's own render.
  let ticket = null;
  const mark = () => {
    const t = ticket && ticket.textContent;
    if (t && !seen.has(t)) { seen.add(t); window.__mark(t + ' ' + (performance.timeOrigin + performance.now()) + ' ' + arrived); }
  };
  const text = new MutationObserver(mark);
  new MutationObserver(() => {
    if (ticket && ticket.isConnected) return;
    text.disconnect();
    ticket = document.querySelector('.latest[data-seq] .latest-ticket');
    if (ticket) { text.observe(ticket, { subtree: true, childList: true, characterData: true }); mark(); }
  }).observe(document, { subtree: true, childList: true });
})()`;
export const BARE_PAGE = `<!doctype html><html><body><div id="n"></div><script src="/socket.io/socket.io.js"></script><script>
  window.__seen = {};
  const s = io('/bare', { transports: ['websocket'] });
  s.on('ping', (m) => { window.__seen[m.seq] = performance.timeOrigin + performance.now(); document.getElementById('n').textContent = m.seq; });
  s.on('connect', () => (window.__ready = true));
</script></body></html>`;

const ms = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} / p99 ${percentile(xs, 99).toFixed(1)} ms`;

/**
 * Call → DOM on the hall wall page: a staff member's call-next on a caller keypad (MQTT, QoS 1) to the built hub
 * running as a process of its own, committed durably (synchronous=FULL), until the page's latest-call element
 * shows the called ticket, with 50 displays connected. Next to it, in the same run and interleaved: a bare
 * socket.io message from a bare server to a bare page.
 *
 * In a hall the hub has a machine of its own, and so does each display; here all share two cores. So the hub runs
 * as it does in production (its own process, not sharing an event loop with the benchmark's browser driver), the
 * measured wall has a browser of its own (no other page's work on its renderer thread), 4 more real wall pages
 * share another browser, and the other 45 displays are protocol clients in a process of their own
 * (bench/lib/receiver-process.ts: the same socket.io namespace, device tokens, snapshot and event stream as the
 * page, so the hub does the same work for them) — fifty Chromium pages each rendering every call would measure
 * the machine's saturation, not the wall. WALL_PROFILE=1 prints where the measured page's main thread spends its
 * CPU per call.
 *
 * Then, with the hub and the other displays gone (a signage box has its CPU to itself), the throttled figures
 * (lib/throttled-wall.ts): a signage layout with a video and the ticker at 4× CPU throttling, against the bare page
 * throttled alike. WALL_THROTTLED_ONLY=1 measures only those.
 */
export async function wallLatency(): Promise<Figure[]> {
  const hubFigures = process.env.WALL_THROTTLED_ONLY ? [] : await hubWallLatency();
  return [...hubFigures, ...(await throttledWall(OBSERVE_WALL, BARE_PAGE))];
}

async function hubWallLatency(): Promise<Figure[]> {
  const hall = writeDeviceHall({ windows: WINDOWS, lines: WINDOWS, displays: DISPLAYS, managerPassword: MANAGER_PASSWORD });
  const hallId = hall.config.hall.id;
  const keypads = hall.windows.map((w) => hall.keypadOf(w));
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
  const niceChromium = join(hall.dir, 'nice-chromium');
  writeFileSync(niceChromium, `#!/bin/sh\nexec nice -n 10 ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  let hub: HubWithMqtt | null = null;
  let devices: DeviceFleet | null = null;
  let fleet: RemoteFleet | null = null;
  const browser = await chromium.launch({ executablePath: niceChromium, args: [...CHROMIUM_ARGS, '--renderer-process-limit=2'] });
  const measuredBrowser = await launchDisplayBrowser();
  const bareBrowser = await launchDisplayBrowser();
  try {
    hub = await startHubWithMqtt(hall.env);
    const base = hub.base;
    await stockTickets(base, hall.lines, Math.ceil((WARMUP + SAMPLES) / WINDOWS) + 2, hall.kiosk);
    // No voice on the benchmark's walls: 50 pages speaking would measure the audio stack, not the update.
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'boss', password: MANAGER_PASSWORD }) });
    if (login.status !== 200) throw new Error(`manager login refused: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    for (const id of hall.displays) {
      const r = await fetch(`${base}/api/displays/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ voice: false }) });
      if (r.status !== 200) throw new Error(`display ${id} not set up: ${r.status} ${await r.text()}`);
    }
    devices = await connectDevices(hub.mqttUrl, hallId, keypads, (id) => hall.credentials.passwordFor(id));
    for (const w of hall.windows) {
      const r = await devices.request(hall.keypadOf(w), 'login', { staffNo: `S${w}` });
      if (r.status !== 'ok') throw new Error(`login at window ${w} refused: ${JSON.stringify(r)}`);
    }

    const pages: Page[] = [];
    // The measured wall at its full size; the other pages small and without animations.
    const measured = await measuredBrowser.newContext({ viewport: { width: 1920, height: 1080 } });
    const others = await browser.newContext({ viewport: { width: 480, height: 270 }, reducedMotion: 'reduce' });
    let seen = new Map<string, PageMark>();
    await measured.addInitScript(OBSERVE_WALL);
    const url = (id: string) => `${base}/display/?device=${id}&token=${encodeURIComponent(hall.credentials.passwordFor(id)!)}`;
    for (let i = 1; i <= 1 + CHROMIUM_OTHERS; i++) {
      const page = await (i === 1 ? measured : others).newPage();
      if (i === 1) seen = await collectMarks(page);
      await page.goto(url(`wall-${i}`), { waitUntil: 'commit' });
      pages.push(page);
    }
    for (const p of pages) await p.waitForSelector('#surface', { timeout: 60_000 });
    let fleetArrivals = 0;
    fleet = await startRemoteFleet({
      url: `${base}${NAMESPACES.display}`,
      auths: hall.displays.slice(1 + CHROMIUM_OTHERS).map((id) => ({ protocol: PROTOCOL_VERSION, deviceId: id, token: hall.credentials.passwordFor(id)! })),
      kind: 'hub',
      ready: 'snapshot',
      onArrival: () => (fleetArrivals += 1),
    });
    setPriority(fleet.pid, 10);
    const listed = (await (await fetch(`${base}/api/displays`, { headers: { authorization: `Bearer ${token}` } })).json()) as Array<{ settings: { id: string }; online: boolean }>;
    const connectedDisplays = listed.filter((d) => d.settings.id.startsWith('wall-') && d.online).length;
    if (connectedDisplays !== DISPLAYS) throw new Error(`${connectedDisplays} of ${DISPLAYS} displays online`);
    const barePage = await bareBrowser.newPage({ viewport: { width: 320, height: 200 } });
    await barePage.goto(`${bareBase}/`);
    await barePage.waitForFunction(() => (globalThis as unknown as { __ready?: boolean }).__ready === true);

    const profile = process.env.WALL_PROFILE ? await profilePage(measuredBrowser, pages[0]!) : null;
    /** ticket → when its call-next was published, and when the keypad's reply came */
    const sent = new Map<string, { t0: number; replied: number }>();
    const bareSent = new Map<number, number>();
    const keypad = devices;
    for (let k = 0; k < WARMUP + SAMPLES; k++) {
      const windowNo = hall.windows[k % WINDOWS]!;
      // The visitor called last time at this window did not come: the staff member marks it and calls the next.
      if (k >= WINDOWS) {
        const r = await keypad.request(hall.keypadOf(windowNo), 'no-show');
        if (r.status !== 'ok') throw new Error(`no-show ${k} at window ${windowNo} refused: ${JSON.stringify(r)}`);
      }
      const t0 = epochNow();
      const r = await keypad.request(hall.keypadOf(windowNo), 'call-next');
      const replied = epochNow();
      const ticket = r.status === 'ok' ? (r.data as { ticket: string | null }).ticket : null;
      if (!ticket) throw new Error(`call ${k} at window ${windowNo} was not made: ${JSON.stringify(r)}`);
      if (k >= WARMUP) sent.set(ticket, { t0, replied });
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
    const shown = [...sent].flatMap(([ticket, s]) => {
      const m = seen.get(ticket);
      return m ? [{ ...s, ...m }] : [];
    });
    const lat = shown.map((s) => s.at - s.t0);
    const bareLat = [...bareSent].flatMap(([k, t0]) => (bareSeen[k] === undefined ? [] : [bareSeen[k]! - t0]));
    const lost = SAMPLES - lat.length;
    console.log(
      `  wall-latency: where the time goes — keypad publish → its reply ${ms(shown.map((s) => s.replied - s.t0))}; ` +
        `publish → the page's main thread has the call ${ms(shown.map((s) => s.arrived - s.t0))}; then → the DOM ${ms(shown.map((s) => s.at - s.arrived))}`,
    );
    const fleetMissing = fleetExpected - fleetArrivals;
    const what = (p: string) =>
      `${p}: a keypad's call-next (MQTT, QoS 1) → the hub (its own process; committed with synchronous=FULL) → the hall wall page's latest-call element showing the ticket (MutationObserver), 1,920×1,080 in headless Chromium, ` +
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
    await devices?.close();
    await hub?.stop();
    rmSync(hall.dir, { recursive: true, force: true });
  }
}
