import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import type { CallRecord } from '@hall/shared';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { loadConfig } from '@hall/hub/config/load-config';
import { streamClient } from '@hall/testkit/clients';
import { launchDisplayBrowser, openDisplay, voiceOf } from '@hall/testkit/display-pages';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { mulberry32 } from '@hall/testkit/prng';
import { repoRoot } from './lib/hub-process.js';
import { figure, percentile, type Figure } from './lib/report.js';

/** The demo hall's opening: every window calls within RUSH_MS of 08:30. */
const RUSH_MS = 10_000;
/** The baseline (55 single announcements on one speaker) and the sustained run play this many times faster; their seconds are scaled back. */
const FAST = Number(process.env.RUSH_FAST ?? 4);
const SUSTAINED_CALLS = Number(process.env.RUSH_SUSTAINED_CALLS ?? 600);
/** For development: only the sustained run (RUSH_SUSTAINED_ONLY=1), its two figures alone. */
const SUSTAINED_ONLY = process.env.RUSH_SUSTAINED_ONLY === '1';
const ZONE_WALLS = ['wall-general', 'wall-social', 'wall-market', 'wall-invest'];
const FULL_HD = { width: 1920, height: 1080 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Spoken {
  seq: number;
  /** epoch ms the announcement naming this call ended (its last audio clip's `ended`) */
  end: number;
}

/** A hub of the demo hall (its real configuration, speakers as `voice` says) serving the built display pages. */
async function demoHub(adjust: (c: HallConfig) => HallConfig): Promise<{ hub: TestHub; config: HallConfig }> {
  const base = loadConfig({}, join(repoRoot, 'hall-hub', 'demo', 'hall.json')).config;
  const config = adjust({ ...base, server: { ...base.server, mqtt: { ...base.server.mqtt, port: 0, host: '127.0.0.1' } } });
  const hub = await testHub(config, fakeClock(Date.parse('2026-11-30T00:30:00Z')), {
    listen: true,
    staticApps: [{ prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') }],
  });
  return { hub, config };
}

/** Opens every staffed window with `ticketsEach` visitors waiting in its first line; returns the windows. */
async function openWindows(hub: TestHub, config: HallConfig, ticketsEach: number): Promise<string[]> {
  // Each window opened by one of its posted staff who is not yet at another window.
  const busy = new Set<string>();
  const opened: string[] = [];
  for (const w of config.windows) {
    for (const s of config.staff.filter((x) => x.windows.includes(w.no) && !busy.has(x.no))) {
      if (!(await hub.engine.submit({ type: 'OpenWindow', windowNo: w.no, staffNo: s.no })).ok) continue;
      busy.add(s.no);
      opened.push(w.no);
      break;
    }
    for (let i = 0; i < ticketsEach; i++) await hub.engine.submit({ type: 'IssueTicket', lineId: w.lines[0]!.line, channel: 'kiosk' });
  }
  return opened;
}

/** Calls at the given windows at the given offsets (ms from now); the epoch time each call was committed, by seq. */
async function callAt(hub: TestHub, plan: Array<{ windowNo: string; at: number }>): Promise<Map<number, { at: number; call: CallRecord }>> {
  const listener = streamClient(hub.base, 'display', { deviceId: 'wall-main', token: hub.credentials.passwordFor('wall-main')! });
  await listener.waitFor(() => (listener.snapshots.length ? true : undefined), 60_000, 'the display stream’s snapshot');
  const from = listener.events.length;
  const committed: Array<{ windowNo: string; at: number }> = [];
  const t0 = Date.now();
  await Promise.all(
    plan.map(async (p) => {
      await sleep(Math.max(0, t0 + p.at - Date.now()));
      const r = await hub.engine.submit({ type: 'CallNext', windowNo: p.windowNo });
      if (r.ok) committed.push({ windowNo: p.windowNo, at: Date.now() });
    }),
  );
  console.log(`morning-rush: ${committed.length} of ${plan.length} calls made`);
  const calls = await listener.waitFor(() => {
    const c = listener.events.slice(from).filter((e) => e.call).map((e) => e.call!);
    return c.length >= committed.length ? c : undefined;
  }, 60_000, `${committed.length} calls on the display stream`);
  listener.close();
  // Each window's calls in order, matched to the times they were committed.
  const byWindow = new Map<string, number[]>();
  for (const c of committed) byWindow.set(c.windowNo, [...(byWindow.get(c.windowNo) ?? []), c.at]);
  const out = new Map<number, { at: number; call: CallRecord }>();
  for (const c of calls) out.set(c.seq, { at: byWindow.get(c.windowNo)!.shift()!, call: c });
  return out;
}

/** Waits until the pages together have announced `count` calls; each call's end time, and calls said more than once. */
async function spokenOn(pages: Page[], count: number, timeoutMs: number): Promise<{ spoken: Spoken[]; twice: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all: Spoken[] = [];
    for (const p of pages) {
      const origin = await p.evaluate(() => performance.timeOrigin);
      for (const e of (await voiceOf(p)).log) for (const seq of e.seqs) all.push({ seq, end: origin + e.end });
    }
    if (all.length >= count || Date.now() > deadline) {
      const seen = new Set<number>();
      let twice = 0;
      for (const s of all) {
        if (seen.has(s.seq)) twice += 1;
        seen.add(s.seq);
      }
      return { spoken: all, twice };
    }
    await sleep(500);
  }
}

async function rushOnce(browser: Browser, speakers: string[], fast: number, adjust: (c: HallConfig) => HallConfig) {
  const { hub, config } = await demoHub(adjust);
  try {
    const pages = await Promise.all(speakers.map((id) => openDisplay(browser, hub.base, id, hub.credentials.passwordFor(id)!, FULL_HD, `&voiceRate=${fast}`)));
    const windows = await openWindows(hub, config, 1);
    const rng = mulberry32(830);
    const calls = await callAt(hub, windows.map((windowNo) => ({ windowNo, at: (rng() * RUSH_MS) / fast })));
    const { spoken, twice } = await spokenOn(pages, calls.size, 600_000 / fast);
    const audio = await Promise.all(pages.map(async (p) => (await voiceOf(p)).audio));
    await Promise.all(pages.map((p) => p.close()));
    const endOf = new Map(spoken.map((s) => [s.seq, s.end]));
    const lag = (seq: number) => ((endOf.get(seq) ?? Number.NaN) - calls.get(seq)!.at) * fast / 1000;
    const zoneOf = (no: string) => config.windows.find((w) => w.no === no)!.zone;
    const perZone = new Map<string, number>();
    for (const zone of new Set(config.windows.map((w) => w.zone))) {
      const inZone = [...calls.values()].filter((c) => zoneOf(c.call.windowNo) === zone).sort((a, b) => a.at - b.at);
      if (inZone.length) perZone.set(zone, lag(inZone.at(-1)!.call.seq));
    }
    const lastCall = [...calls.values()].sort((a, b) => a.at - b.at).at(-1)!;
    return {
      perZone,
      heardWithin: Math.max(...[...calls.keys()].map(lag)),
      lastSpoken: lag(lastCall.call.seq),
      dropped: [...calls.keys()].filter((s) => !endOf.has(s)).length,
      twice,
      audio,
    };
  } finally {
    await hub.close().catch(() => undefined);
  }
}

/**
 * 1 call a second (FAST times faster, scaled back) for SUSTAINED_CALLS calls: each call's lag from call to the end
 * of its announcement, and the share of announcements said at the brisk pace (an area behind its calls).
 */
async function sustained(browser: Browser): Promise<{ lags: number[]; briskShare: number }> {
  const { hub, config } = await demoHub((c) => c);
  try {
    const pages = await Promise.all(ZONE_WALLS.map((id) => openDisplay(browser, hub.base, id, hub.credentials.passwordFor(id)!, FULL_HD, `&voiceRate=${FAST}`)));
    const windows = await openWindows(hub, config, Math.ceil(SUSTAINED_CALLS / 50) + 1);
    const rng = mulberry32(1);
    const calls = await callAt(hub, Array.from({ length: SUSTAINED_CALLS }, (_, i) => ({ windowNo: windows[Math.floor(rng() * windows.length)]!, at: (i * 1000) / FAST })));
    const { spoken } = await spokenOn(pages, calls.size, 120_000);
    const said = (await Promise.all(pages.map(voiceOf))).flatMap((v) => v.log);
    await Promise.all(pages.map((p) => p.close()));
    const endOf = new Map(spoken.map((s) => [s.seq, s.end]));
    const lags = [...calls.entries()].map(([seq, c]) => (((endOf.get(seq) ?? Number.POSITIVE_INFINITY) - c.at) * FAST) / 1000);
    return { lags, briskShare: (100 * said.filter((e) => e.pace === 'brisk').length) / Math.max(1, said.length) };
  } finally {
    await hub.close().catch(() => undefined);
  }
}

function sustainedFigures({ lags, briskShare }: { lags: number[]; briskShare: number }): Figure[] {
  return [
    figure({ id: 'morning-rush.sustained-brisk', what: `1 call/s: announcements said at the brisk pace (an area behind its calls: the faster clips, numbers only)`, value: briskShare, unit: '%' }),
    figure({ id: 'morning-rush.sustained-p50', what: `1 call/s (run ${FAST}× faster, scaled back), ${lags.length} calls: call to end of announcement, p50`, value: percentile(lags, 50), unit: 's' }),
    figure({ id: 'morning-rush.sustained-p99', what: `1 call/s (run ${FAST}× faster, scaled back), ${lags.length} calls: call to end of announcement, p99`, value: percentile(lags, 99), unit: 's', target: { text: '< 15 s', check: (f) => f.value < 15 } }),
  ];
}

/**
 * The morning rush (issue #17): the demo hall's 55 windows each call within 10 s of 08:30, heard through the
 * walls' real audio pipeline in Chromium (Web Audio clips, `ended` events, autoplay allowed). Measured: the four
 * zone walls speaking for their areas at once, merging the pile-up by the hall's rules; baseline: the same 55
 * calls said one by one, back to back, on one speaker (the hall wall, merging off), as the walls did before.
 */
export async function morningRush(): Promise<Figure[]> {
  const browser = await launchDisplayBrowser();
  try {
    const load = loadavg()[0]!;
    if (SUSTAINED_ONLY) {
      const figures = sustainedFigures(await sustained(browser));
      console.log(`morning-rush: load average ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
      return figures;
    }
    const areas = await rushOnce(browser, ZONE_WALLS, 1, (c) => c);
    const baseline = await rushOnce(browser, ['wall-main'], FAST, (c) => ({
      ...c,
      devices: c.devices.map((d) => (d.type === 'zone-wall' ? { ...d, voice: false } : d)),
      // As the walls said calls before merging: each in full with its chime, also in a run.
      voice: { ...c.voice, briefAbove: 100, numbersOnlyAbove: 100, chimeInRun: true, briskFromWaiting: 100, briskAfterSeconds: 600, behindNumbersOnlyAbove: 100 },
      templates: { ...c.templates, voiceShort: c.templates.voice },
    }));
    const steady = await sustained(browser);
    const base = { what: `the same 55 calls said one by one on one speaker (hall wall, no merging; played ${FAST}× and scaled back)`, value: baseline.lastSpoken, unit: 's' };
    console.log(`morning-rush: load average ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}; audio ${[...areas.audio, ...baseline.audio].join(',')}`);
    return [
      figure({ id: 'morning-rush.last-spoken', what: 'from the last of 55 opening calls to the end of its announcement, zone walls speaking for their areas at once', value: areas.lastSpoken, unit: 's', baseline: base, target: { text: '<= 45 s', check: (f) => f.value <= 45 } }),
      ...[...areas.perZone].map(([zone, s]) => figure({ id: `morning-rush.last-spoken.${zone}`, what: `zone ${zone}: from its last opening call to the end of its announcement`, value: s, unit: 's', target: { text: '<= 45 s', check: (f) => f.value <= 45 } })),
      figure({ id: 'morning-rush.heard-within', what: 'the longest any of the 55 opening calls waited until its announcement ended', value: areas.heardWithin, unit: 's', baseline: { ...base, what: `${base.what}: longest wait`, value: baseline.heardWithin }, target: { text: '<= 45 s', check: (f) => f.value <= 45 } }),
      figure({ id: 'morning-rush.dropped', what: 'opening calls never announced', value: areas.dropped, unit: 'calls', target: { text: '= 0', check: (f) => f.value === 0 } }),
      figure({ id: 'morning-rush.said-twice', what: 'opening calls announced more than once', value: areas.twice, unit: 'calls', target: { text: '= 0', check: (f) => f.value === 0 } }),
      ...sustainedFigures(steady),
    ];
  } finally {
    await browser.close();
  }
}
