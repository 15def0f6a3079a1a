import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, hashLabel, type Rng } from '@hall/testkit/prng';
import { composeHub, type Hub } from '@hall/hub/compose-hub';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import type { QueueCommand } from '@hall/hub/domain/queue/commands';
import { repoRoot } from './hub-process.js';
import { startCaptureProvince, type CapturedBatch } from './province-capture.js';

/** Monday 2026-11-23, 08:00 China time (00:00 UTC): the hub starts, the hall opens at 08:30. */
export const DAY_START = Date.UTC(2026, 10, 23, 0, 0);
const MIN = 60_000;
const at = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return DAY_START + ((h - 8) * 60 + m) * MIN;
};

/**
 * Arrivals per half hour from 08:30 to 16:30 (the demo hall's last ticket), relative: a morning peak of about
 * twice the day's average at 09:00–11:00 (BRIEF §3 "Scale"), a lunch dip, a smaller afternoon peak.
 */
export const ARRIVAL_PROFILE: ReadonlyArray<[string, number]> = [
  ['08:30', 1.3], ['09:00', 2.3], ['09:30', 2.6], ['10:00', 2.6], ['10:30', 2.2], ['11:00', 1.4],
  ['11:30', 0.5], ['12:00', 0.35], ['12:30', 0.6], ['13:00', 1.2], ['13:30', 1.5], ['14:00', 1.6],
  ['14:30', 1.4], ['15:00', 1.1], ['15:30', 0.9], ['16:00', 0.6],
];

export interface HallDayOptions {
  label: string;
  visitors: number;
  /** how many of the demo hall's 55 windows open (spread over its lines) */
  windows: number;
  /** mean service time as a share of each line's configured average (many visits are quick consultations) */
  serviceFactor?: number;
}

export interface HallDay {
  label: string;
  visitors: number;
  windows: number;
  /** devices of the demo hall kept for this size (4 per open window plus walls and kiosks) */
  devices: number;
  counts: Record<'issued' | 'called' | 'served' | 'noShow' | 'transferred' | 'rated' | 'paused' | 'refused', number>;
  /** when the last service finished (延时服务: windows keep calling past closing until nobody waits), ms */
  lastServiceAt: number;
  /** everything the relay sent, in order */
  batches: CapturedBatch[];
  realMs: number;
}

/** A min-heap of timed actions (ties in insertion order). */
function createAgenda() {
  const heap: Array<{ at: number; n: number; run: () => Promise<void> }> = [];
  let n = 0;
  const less = (a: number, b: number) => heap[a]!.at < heap[b]!.at || (heap[a]!.at === heap[b]!.at && heap[a]!.n < heap[b]!.n);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  return {
    add(t: number, run: () => Promise<void>) {
      heap.push({ at: t, n: n++, run });
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!less(i, p)) break;
        swap(i, p);
        i = p;
      }
    },
    take() {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(l, m)) m = l;
          if (r < heap.length && less(r, m)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
    peekAt: () => heap[0]?.at,
    get size() {
      return heap.length;
    },
  };
}

/** Arrival instants drawn from ARRIVAL_PROFILE (inverse CDF over the half-hour steps), sorted. */
function arrivals(rng: Rng, count: number): number[] {
  const total = ARRIVAL_PROFILE.reduce((s, [, w]) => s + w, 0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let u = rng.next() * total;
    let k = 0;
    while (k < ARRIVAL_PROFILE.length - 1 && u >= ARRIVAL_PROFILE[k]![1]) u -= ARRIVAL_PROFILE[k++]![1];
    out.push(at(ARRIVAL_PROFILE[k]![0]) + Math.floor(rng.next() * 30 * MIN));
  }
  return out.sort((a, b) => a - b);
}

/** A log-normal duration with the given mean (σ = 0.6: most services short, a long tail). */
function serviceMs(rng: Rng, meanMin: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(MIN, meanMin * MIN * Math.exp(0.6 * z - 0.18));
}

/** The demo hall's configuration with `n` windows kept, taken round-robin over its lines so each line is served. */
function hallConfig(n: number, uplinkUrl: string): { config: HallConfig; windowNos: string[]; deviceCount: number } {
  const raw = JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'hall.json'), 'utf8')) as Record<string, unknown> & {
    windows: Array<{ no: string; lines: Array<{ line: string }> }>;
    devices: Array<{ id: string; window?: string }>;
  };
  const byLine = new Map<string, string[]>();
  for (const w of raw.windows) {
    const l = w.lines[0]!.line;
    byLine.set(l, [...(byLine.get(l) ?? []), w.no]);
  }
  const windowNos: string[] = [];
  for (let round = 0; windowNos.length < n; round++) {
    for (const list of byLine.values()) if (list[round] !== undefined && windowNos.length < n) windowNos.push(list[round]!);
  }
  // Devices change nothing on the queue's streams (device health is counted apart, from the device list), and
  // each call would render LED-strip bitmaps: the simulated hall has none.
  const deviceCount = raw.devices.filter((d) => d.window === undefined || windowNos.includes(d.window)).length;
  raw.devices = [];
  raw.server = { host: '127.0.0.1', httpPort: 0, dataDir: '/tmp/unused', logLevel: 'silent', mqtt: { port: 0, host: '127.0.0.1' } };
  raw.uplink = {
    enabled: true,
    transport: 'https',
    url: uplinkUrl,
    areaCode: '210000',
    evaluationMapping: { preset: 'gbt-39046' },
    downlink: { enabled: false },
    // No visitor in this simulation asks for SMS, and the demo hall names no manager phones.
    notices: { enabled: false },
  };
  return { config: parseHallConfig(raw), windowNos, deviceCount };
}

const LEVELS = [
  ['very-satisfied', 0.7],
  ['satisfied', 0.2],
  ['basic', 0.06],
  ['dissatisfied', 0.03],
  ['very-dissatisfied', 0.01],
] as const;
const CHANNELS = [['kiosk', 0.8], ['id-card', 0.1], ['mobile', 0.05], ['staff', 0.05]] as const;

function weighted<T>(rng: Rng, list: ReadonlyArray<readonly [T, number]>): T {
  let u = rng.next() * list.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of list) if ((u -= w) < 0) return v;
  return list[list.length - 1]![0];
}

/**
 * One business day of a hall, through the real hub (composeHub: queue engine, SQLite with FULL sync, the
 * uplink projector, outbox and relay) on a simulated clock, with the relay sending to a capturing province.
 * Visitors arrive by ARRIVAL_PROFILE, take tickets on the lines of the open windows (weighted by how many
 * windows serve each line), are called, walk up (or not: 4% no-show after a recall), are served for a
 * log-normal time, sometimes transferred (3%), and rate the service 75% of the time. Windows open at
 * 08:30–08:35, take a 10-minute break and a staggered 45-minute lunch, and close once nobody waits after
 * 17:00. The relay sends as it would on a 100 ms link: commands closer together than that share a batch.
 */
export async function simulateHallDay(opts: HallDayOptions): Promise<HallDay> {
  const t0 = performance.now();
  const rng = createRng(hashLabel(`province-hall-day:${opts.label}`));
  const capture = await startCaptureProvince();
  const { config, windowNos, deviceCount } = hallConfig(opts.windows, capture.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-province-day-'));
  let now = DAY_START;
  const clock = { now: () => now };
  const hub: Hub = await composeHub({ config, dataDir, clock, env: { HALL_UPLINK_KEY: 'province-scale-day-key-0123456789' }, staticApps: [] });
  // Volumes, not durability, are measured here: without an fsync per commit the day runs in a fraction of the
  // time and produces the very same events, batches and bytes.
  hub.db.pragma('synchronous = OFF');
  const relay = hub.uplink.relay!;
  const factor = opts.serviceFactor ?? 0.5;
  const counts: HallDay['counts'] = { issued: 0, called: 0, served: 0, noShow: 0, transferred: 0, rated: 0, paused: 0, refused: 0 };
  const agenda = createAgenda();
  let lastServiceAt = 0;
  const lineOf = new Map(config.lines.map((l) => [l.id, l]));
  const reasons = config.evaluation.badReasons.map((r) => r.code);

  type State = 'closed' | 'idle' | 'busy' | 'paused';
  interface Win { no: string; staffNo: string; lines: string[]; state: State; closeAt: number; pauses: Array<{ at: number; minutes: number; reason: string }> }
  const wins: Win[] = windowNos.map((no) => {
    const w = config.windows.find((x) => x.no === no)!;
    const staff = config.staff.find((s) => s.windows.includes(no))!;
    const lunch = at('11:30') + rng.int(0, 45) * MIN;
    const brk = at('09:30') + rng.int(0, 360) * MIN;
    const pauses = [{ at: lunch, minutes: 45, reason: '午休' }, { at: brk, minutes: 10, reason: '临时离开' }].sort((a, b) => a.at - b.at);
    return { no, staffNo: staff.no, lines: w.lines.map((l) => l.line), state: 'closed' as State, closeAt: at('17:00'), pauses };
  });
  const lineWeights = new Map<string, number>();
  for (const w of wins) lineWeights.set(w.lines[0]!, (lineWeights.get(w.lines[0]!) ?? 0) + 1);
  const lineChoices = [...lineWeights.entries()];

  async function run(cmd: QueueCommand) {
    const r = await hub.engine.submit(cmd);
    if (!r.ok) counts.refused += 1;
    return r;
  }

  /** The window is free: pause if a pause is due, close if the day is over and nobody waits, else call. */
  async function free(w: Win): Promise<void> {
    w.state = 'idle';
    const due = w.pauses[0];
    if (due && now >= due.at) {
      w.pauses.shift();
      if ((await run({ type: 'PauseWindow', windowNo: w.no, reason: due.reason })).ok) {
        counts.paused += 1;
        w.state = 'paused';
        agenda.add(now + due.minutes * MIN, async () => {
          await run({ type: 'ResumeWindow', windowNo: w.no });
          await free(w);
        });
        return;
      }
    }
    if (!(await call(w)) && now >= w.closeAt) {
      await run({ type: 'CloseWindow', windowNo: w.no });
      w.state = 'closed';
    }
  }

  async function call(w: Win): Promise<boolean> {
    if (w.state !== 'idle') return false;
    const r = await hub.engine.submit({ type: 'CallNext', windowNo: w.no });
    if (!r.ok || !r.ticketId) return false;
    counts.called += 1;
    w.state = 'busy';
    const ticketId = r.ticketId;
    const walk = rng.int(20, 90) * 1000;
    if (rng.chance(0.04)) {
      agenda.add(now + 60_000, async () => void (await run({ type: 'Recall', windowNo: w.no })));
      agenda.add(now + 180_000, async () => {
        if ((await run({ type: 'MarkNoShow', windowNo: w.no })).ok) counts.noShow += 1;
        await free(w);
      });
      return true;
    }
    agenda.add(now + walk, async () => {
      await run({ type: 'StartService', windowNo: w.no });
      const t = hub.engine.state.tickets.get(ticketId);
      const mean = (lineOf.get(t?.lineId ?? '')?.avgServiceMinutes ?? 10) * factor;
      agenda.add(now + serviceMs(rng, mean), async () => {
        const others = lineChoices.filter(([l]) => l !== t?.lineId);
        if (rng.chance(0.03) && others.length > 0) {
          const to = rng.pick(others)[0];
          if ((await run({ type: 'TransferTicket', windowNo: w.no, toLineId: to, placement: 'front' })).ok) {
            counts.transferred += 1;
            return free(w);
          }
        }
        if ((await run({ type: 'FinishService', windowNo: w.no })).ok) {
          counts.served += 1;
          lastServiceAt = now;
        }
        if (rng.chance(0.75)) {
          const level = weighted(rng, LEVELS);
          const bad = level === 'dissatisfied' || level === 'very-dissatisfied';
          agenda.add(now + rng.int(10, 40) * 1000, async () => {
            const cmd: QueueCommand = { type: 'RateService', windowNo: w.no, ticketId, level, channel: 'evaluator', ...(bad && reasons.length ? { reasons: [rng.pick(reasons)] } : {}) };
            if ((await run(cmd)).ok) counts.rated += 1;
          });
        }
        await free(w);
      });
    });
    return true;
  }

  for (const w of wins) {
    agenda.add(at('08:30') + rng.int(0, 300) * 1000, async () => {
      if ((await run({ type: 'OpenWindow', windowNo: w.no, staffNo: w.staffNo })).ok) await free(w);
    });
    // A pause that falls due while the window is idle is taken then, not only after the next service.
    for (const p of w.pauses) agenda.add(p.at, async () => void (w.state === 'idle' && (await free(w))));
    // Staff leave over the first minutes after closing, not all at one instant.
    const leave = at('17:00') + rng.int(0, 600) * 1000;
    w.closeAt = leave;
    agenda.add(leave, async () => void (w.state === 'idle' && (await free(w))));
  }
  for (const t of arrivals(rng, opts.visitors)) {
    agenda.add(t, async () => {
      const lineId = weighted(rng, lineChoices);
      const priority = rng.chance(0.06) ? rng.pick(config.priorityGroups).id : undefined;
      const r = await run({ type: 'IssueTicket', lineId, channel: weighted(rng, CHANNELS), ...(priority ? { priorityGroup: priority } : {}) });
      if (!r.ok) return;
      counts.issued += 1;
      for (const w of wins) if (w.state === 'idle' && w.lines.includes(lineId) && (await call(w))) break;
    });
  }

  while (agenda.size > 0) {
    const a = agenda.take()!;
    now = a.at;
    await a.run();
    const next = agenda.peekAt();
    // The relay sends as soon as something commits; only commands within one round trip share a batch.
    if (next === undefined || next - now > 100) await relay.drained();
  }
  await relay.drained();
  await hub.close();
  await capture.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { label: opts.label, visitors: opts.visitors, windows: opts.windows, devices: deviceCount, counts, lastServiceAt, batches: capture.batches, realMs: performance.now() - t0 };
}
