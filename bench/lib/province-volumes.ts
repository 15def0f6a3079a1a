import { encodeBatch, type OutboxRow } from '@hall/hub/domain/uplink/batch';
import { deviceHealthRecord } from '@hall/hub/domain/uplink/streams';
import type { CapturedBatch } from './province-capture.js';
import { DAY_START, type HallDay } from './province-hall-day.js';
import type { TemplateEvent } from './province-relay-process.js';

/** The series cover 08:00–20:00 of the simulated day, minute by minute. */
export const MINUTES = 12 * 60;
const MIN = 60_000;
export const BATCH_SIZE = 500;

export interface StreamVolume {
  stream: string;
  events: number;
  batches: number;
  /** request bodies as sent (encodeBatch) */
  bytes: number;
  eventsPerMinute: number[];
  batchesPerMinute: number[];
  bytesPerMinute: number[];
  peakMinute: { at: number; events: number };
  peakSecondEvents: number;
}

export interface HallVolumes {
  day: HallDay;
  streams: StreamVolume[];
  total: StreamVolume;
  /** the busiest hour's events, held back by a one-hour outage and sent on reconnection in full batches */
  catchUp: { from: number; events: number; messages: number; bytes: number };
  /** the busiest hour's events in order, to replay in the broker measurement */
  peakHour: TemplateEvent[];
}

const minuteOf = (t: number) => Math.min(MINUTES - 1, Math.max(0, Math.floor((t - DAY_START) / MIN)));

/**
 * Device health as the hub would send it (deviceHealthRecord, one batch each, sent as it happens): every
 * device comes online as the hall powers up (08:00–08:25) and goes offline at 17:30–17:55. An assumption —
 * the simulated day runs no devices — written with the hub's own record and encoder so the bytes are real.
 */
export function deviceHealthBatches(hallId: string, devices: number): CapturedBatch[] {
  const types = ['keypad', 'evaluator', 'led-strip', 'window-screen'];
  const out: CapturedBatch[] = [];
  let seq = 1_000_000;
  for (const [from, online] of [[DAY_START, true], [DAY_START + (9 * 60 + 30) * MIN, false]] as const) {
    for (let i = 0; i < devices; i++) {
      const at = from + Math.floor((i * 25 * MIN) / devices);
      const r = deviceHealthRecord(hallId, { id: `dev-${i + 1}`, type: types[i % types.length]!, windowNo: String(1 + (i % 55)) }, online, at, 'bridge-1');
      const row: OutboxRow = { id: seq++, key: r.key, type: r.type, at, payload: JSON.stringify(r.data) };
      const body = encodeBatch(hallId, r.stream, new Date(at).toISOString(), [row]);
      out.push({ stream: r.stream, bytes: Buffer.byteLength(body), sentAt: at, events: [{ key: r.key, type: r.type, at, payload: row.payload }] });
    }
  }
  return out;
}

function volume(stream: string, batches: readonly CapturedBatch[]): StreamVolume {
  const v: StreamVolume = {
    stream,
    events: 0,
    batches: batches.length,
    bytes: 0,
    eventsPerMinute: Array.from({ length: MINUTES }, () => 0),
    batchesPerMinute: Array.from({ length: MINUTES }, () => 0),
    bytesPerMinute: Array.from({ length: MINUTES }, () => 0),
    peakMinute: { at: DAY_START, events: 0 },
    peakSecondEvents: 0,
  };
  const perSecond = new Map<number, number>();
  for (const b of batches) {
    v.bytes += b.bytes;
    v.batchesPerMinute[minuteOf(b.sentAt)]! += 1;
    v.bytesPerMinute[minuteOf(b.sentAt)]! += b.bytes;
    for (const e of b.events) {
      v.events += 1;
      v.eventsPerMinute[minuteOf(e.at)]! += 1;
      const s = Math.floor(e.at / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
  }
  const m = v.eventsPerMinute.reduce((best, n, i) => (n > v.eventsPerMinute[best]! ? i : best), 0);
  v.peakMinute = { at: DAY_START + m * MIN, events: v.eventsPerMinute[m]! };
  v.peakSecondEvents = Math.max(0, ...perSecond.values());
  return v;
}

/** The start (minute index) of the 60 minutes with the most events. */
export function busiestHour(perMinute: readonly number[]): number {
  let best = 0;
  let sum = perMinute.slice(0, 60).reduce((a, b) => a + b, 0);
  let bestSum = sum;
  for (let m = 60; m < perMinute.length; m++) {
    sum += perMinute[m]! - perMinute[m - 60]!;
    if (sum > bestSum) {
      bestSum = sum;
      best = m - 59;
    }
  }
  return best;
}

/** Per stream and in all: events, batches and bytes per day and per minute, the peaks, and the catch-up burst. */
export function hallVolumes(day: HallDay, hallId = 'ln-provincial-center'): HallVolumes {
  const all = [...day.batches, ...deviceHealthBatches(hallId, day.devices)];
  const names = [...new Set(all.map((b) => b.stream))];
  const streams = names.map((s) => volume(s, all.filter((b) => b.stream === s)));
  const total = volume('all', all);
  const from = DAY_START + busiestHour(total.eventsPerMinute) * MIN;
  const held = all.flatMap((b) => b.events.map((e) => ({ ...e, stream: b.stream }))).filter((e) => e.at >= from && e.at < from + 60 * MIN);
  held.sort((a, b) => a.at - b.at);
  // On reconnection the relay sends each stream's backlog in full batches of uplink.batchSize.
  let messages = 0;
  let bytes = 0;
  for (const s of names) {
    const rows = held.filter((e) => e.stream === s).map((e, i): OutboxRow => ({ id: i + 1, key: e.key, type: e.type, at: e.at, payload: e.payload }));
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      messages += 1;
      bytes += Buffer.byteLength(encodeBatch(hallId, s, new Date(from + 60 * MIN).toISOString(), rows.slice(i, i + BATCH_SIZE)));
    }
  }
  return {
    day,
    streams,
    total,
    catchUp: { from, events: held.length, messages, bytes },
    peakHour: held.map((e) => ({ stream: e.stream as TemplateEvent['stream'], type: e.type, payload: e.payload })),
  };
}
