import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { SceneSignage } from '@hall/shared';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { SAMPLE_WEBM, startSceneServer, wallScene } from '@hall/testkit/scene-server';
import { FULL_REGIONS } from '@hall/testkit/signage-layouts';
import { collectMarks } from './page-marks.js';
import { figure, percentile, type Figure } from './report.js';

const requireFromHub = createRequire(new URL('../../hall-hub/package.json', import.meta.url));
const { Server } = requireFromHub('socket.io') as typeof import('../../hall-hub/node_modules/socket.io/dist/index.js');

/** Chromium's CPU throttling: a low-power signage box is about a quarter of this machine's core */
const RATE = 4;
const SAMPLES = Number(process.env.WALL_THROTTLED_SAMPLES ?? 1000);
const WARMUP = Number(process.env.WALL_THROTTLED_WARMUP ?? 50);
const GAP_MS = Number(process.env.WALL_GAP_MS ?? 100);
const WINDOWS = 26;
/** calls whose main-thread CPU is measured (unthrottled, traced), before the latency samples */
const CPU_CALLS = Number(process.env.WALL_THROTTLED_CPU_CALLS ?? 300);
/** how long the idle page (video and ticker, no calls) is watched for its own main-thread time */
const IDLE_MS = Number(process.env.WALL_THROTTLED_IDLE_MS ?? 10_000);

const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** The hall wall as a signage layout: info, the latest call, windows and waiting counts, a video region, the ticker. */
const SIGNAGE: SceneSignage = {
  layout: {
    id: 'bench-layout',
    updatedAt: '2026-12-01T00:00:00.000Z',
    name: 'bench',
    size: '1920x1080',
    columns: 12,
    rows: 12,
    regions: [...FULL_REGIONS],
  },
  campaigns: [
    {
      id: 'video',
      name: 'video',
      priority: 0,
      interrupt: false,
      channel: 'main',
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: null,
      dayparts: [],
      items: [{ mediaId: 'vid-1', kind: 'video', url: '/api/media/vid-1/file', page: null, ms: 2_000 }],
    },
  ],
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** thread (CPU) time, µs */
  tdur?: number;
  args?: { name?: string };
}

/**
 * The CPU time of the page's main thread (its top-level tasks, RunTask, from a Chromium trace) while `during`
 * runs, ms, with the heaviest kinds of work: thread time, not wall time, so other processes on a busy machine do
 * not count as the page's work. Taken unthrottled: a throttled thread's time includes the throttler's spin.
 */
async function mainThreadCpu(browser: Browser, page: Page, during: () => Promise<void>): Promise<{ ms: number; top: string }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await during();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const byName = new Map<string, number>();
  for (const e of trace.traceEvents) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X') continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  const top = [...byName]
    .filter(([name]) => name !== 'RunTask')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  return { ms: byName.get('RunTask') ?? 0, top: top.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ') };
}

const ms = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} / p99 ${percentile(xs, 99).toFixed(1)} ms`;

/**
 * The wall on the cheapest boxes (#20): call → latest-call element with the CPU throttled 4× (CDP
 * Emulation.setCPUThrottlingRate), a video playing in a media region and the ticker scrolling; next to it, in the
 * same run and interleaved, the bare socket.io page throttled the same way. The wall's scene and calls come from a
 * scene server (the display namespace over socket.io: the hub's own signage resolution is built elsewhere), so
 * what is measured is the page: delivery to a throttled renderer, the store, and the render beside the video.
 * Also reported: the wall page's main-thread CPU per call, unthrottled, against its CPU per call interval with no
 * calls.
 */
export async function throttledWall(observeScript: string, barePage: string): Promise<Figure[]> {
  // WALL_THROTTLED_BARE_WALL=1: the built-in hall wall instead of the signage layout, to see what the layout adds
  const signage = process.env.WALL_THROTTLED_BARE_WALL ? undefined : SIGNAGE;
  const server = await startSceneServer({ deviceId: 'wall-throttled', token: 'bench', scene: wallScene('wall-throttled', signage), windows: WINDOWS });
  server.serve('/api/media/vid-1/file', SAMPLE_WEBM, 'video/webm');
  const bareHttp = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(barePage);
  });
  const bareIo = new Server(bareHttp, { serveClient: true });
  const bare = bareIo.of('/bare');
  const bareBase = await new Promise<string>((resolve) =>
    bareHttp.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(bareHttp.address() as { port: number }).port}`)),
  );
  const wallBrowser = await launchDisplayBrowser();
  const bareBrowser = await launchDisplayBrowser();
  try {
    const context = await wallBrowser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(observeScript);
    const page = await context.newPage();
    const seen = await collectMarks(page);
    await page.goto(server.wallUrl());
    await page.waitForSelector(signage ? '[data-region="m1"] video' : '.wall', { timeout: 60_000 });
    const cdp: CDPSession = await context.newCDPSession(page);
    const bareTab = await bareBrowser.newPage({ viewport: { width: 320, height: 200 } });
    await bareTab.goto(`${bareBase}/`);
    await bareTab.waitForFunction(() => (globalThis as unknown as { __ready?: boolean }).__ready === true);
    const bareCdp = await bareTab.context().newCDPSession(bareTab);

    const sent = new Map<string, number>();
    const bareSent = new Map<number, number>();
    const videoTime = () => page.evaluate(`document.querySelector('[data-region="m1"] video')?.currentTime ?? -1`) as Promise<number>;
    const videoPlayed: boolean[] = [];
    const callAt = async (k: number, measured: boolean) => {
      const ticket = `T${String(k + 1).padStart(4, '0')}`;
      const t0 = epochNow();
      server.call(ticket, String((k % WINDOWS) + 1));
      if (measured) sent.set(ticket, t0);
      await sleep(GAP_MS / 2);
      const b0 = epochNow();
      bare.emit('ping', { seq: k });
      if (measured) bareSent.set(k, b0);
      await sleep(GAP_MS / 2);
    };

    // The page's own CPU first, unthrottled and traced: Chromium throttles by making the main thread spin in a
    // signal handler for 3 of every 4 slices (ThreadCPUThrottler), so a throttled page's thread time is mostly
    // that spin, not its work. And the latencies after are taken untraced: tracing costs the traced page's main
    // thread a quarter to a third more, which the bare page beside it would not pay.
    const idle = await mainThreadCpu(wallBrowser, page, async () => {
      await sleep(IDLE_MS);
    });
    const idlePerGap = idle.ms / (IDLE_MS / GAP_MS);
    let k = 0;
    for (; k < WARMUP; k++) await callAt(k, false);
    const busy = await mainThreadCpu(wallBrowser, page, async () => {
      for (const end = k + CPU_CALLS; k < end; k++) await callAt(k, false);
      await sleep(1000);
    });
    const busyPerCall = busy.ms / CPU_CALLS;

    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    await bareCdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    for (const end = k + WARMUP; k < end; k++) await callAt(k, false);
    for (let i = 0; i < SAMPLES; i++, k++) {
      await callAt(k, true);
      if (i % 100 === 0) {
        // the video is playing while the calls come: its time moves on (or a new item has started)
        const a = await videoTime();
        await sleep(GAP_MS / 2);
        videoPlayed.push((await videoTime()) !== a);
      }
    }
    await sleep(1000);
    const bareSeen = (await bareTab.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen)) as Record<string, number>;
    const lat = [...sent].flatMap(([t, t0]) => (seen.has(t) ? [seen.get(t)!.at - t0] : []));
    const bareLat = [...bareSent].flatMap(([seq, t0]) => (bareSeen[seq] === undefined ? [] : [bareSeen[seq]! - t0]));
    const lost = SAMPLES - lat.length;
    const videos = server.records().filter((r) => r.mediaId === 'vid-1' && r.complete).length;
    const playing = videoPlayed.filter(Boolean).length;
    console.log(
      `  wall-latency (throttled ${RATE}×): wall ${ms(lat)}; bare ${ms(bareLat)}; main-thread CPU (unthrottled) ${busyPerCall.toFixed(1)} ms per call, ${idlePerGap.toFixed(1)} ms per ${GAP_MS} ms idle; ` +
        `video playing in ${playing}/${videoPlayed.length} checks, ${videos} plays to the end\n    with calls (ms in all): ${busy.top}\n    idle (ms in all): ${idle.top}`,
    );
    const what = (p: string) =>
      `${p}: a call (socket.io event from a scene server) → the latest-call region showing the ticket, a 1,920×1,080 signage layout (info, latest call, windows, waiting, a media region playing a WebM video, the ticker scrolling) in headless Chromium with the CPU throttled ${RATE}× (CDP Emulation.setCPUThrottlingRate), ` +
      `one call every ${GAP_MS} ms, ${lat.length} calls after ${WARMUP} warm-up${lost ? `, ${lost} never seen` : ''}; the video played through ${videos} times and was playing in ${playing} of ${videoPlayed.length} checks`;
    const bw = (p: string) => `${p}: a bare socket.io message → a bare page in a browser of its own, throttled ${RATE}× the same way, interleaved, ${bareLat.length} samples`;
    const videoOk = videoPlayed.length === 0 || playing > videoPlayed.length / 2;
    return [
      figure({ id: 'wall-latency.throttled-p50', what: what('p50'), value: percentile(lat, 50), unit: 'ms', baseline: { what: bw('p50'), value: percentile(bareLat, 50), unit: 'ms' } }),
      figure({
        id: 'wall-latency.throttled-p99',
        what: what('p99'),
        value: percentile(lat, 99),
        unit: 'ms',
        baseline: { what: bw('p99'), value: percentile(bareLat, 99), unit: 'ms' },
        target: { text: 'p99 < 100 ms and ratio <= 3', check: ({ value, ratio }) => value < 100 && ratio !== undefined && ratio <= 3 && lost === 0 && videoOk },
      }),
      figure({
        id: 'wall-latency.throttled-cpu-per-call',
        what: `the signage wall's main-thread CPU (thread time of its top-level tasks, Chromium trace) per call, unthrottled (a throttled thread's time is mostly the throttler's spin), over ${CPU_CALLS} calls one every ${GAP_MS} ms before the latency samples — the video and ticker's own work in between included`,
        value: busyPerCall,
        unit: 'ms',
        baseline: { what: `the same page's main-thread CPU per ${GAP_MS} ms with no calls (video, ticker and clock only), unthrottled, ${IDLE_MS / 1000} s before the calls`, value: idlePerGap, unit: 'ms' },
      }),
    ];
  } finally {
    await Promise.all([wallBrowser.close(), bareBrowser.close()]);
    await new Promise<void>((resolve) => bareIo.close(() => resolve()));
    await server.close();
  }
}
