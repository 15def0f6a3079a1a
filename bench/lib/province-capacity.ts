import { busiestHour, MINUTES, type HallVolumes } from './province-volumes.js';

/**
 * The province: about 1,500 halls (BRIEF §3: 3,058 at county level and above nationally; a province has
 * about 1,500). The mix is an assumption, stated in docs/province-scale.md: 10% large provincial and city
 * centres like the demo hall, 40% medium city and district halls, 50% small county halls.
 */
export const PROVINCE_MIX = [
  { label: 'large', halls: 150, visitors: 3000, windows: 55 },
  { label: 'medium', halls: 600, visitors: 800, windows: 20 },
  { label: 'small', halls: 750, visitors: 200, windows: 6 },
] as const;
export const PROVINCE_HALLS = PROVINCE_MIX.reduce((n, s) => n + s.halls, 0);

export interface ProvinceFigures {
  halls: number;
  perDay: { events: number; batches: number; bytes: number };
  /** every hall's day lined up on the same clock: the busiest minute of the sum */
  peak: { at: number; eventsPerSecond: number; batchesPerSecond: number; bytesPerSecond: number };
  /** the sum of every hall's own busiest second: a ceiling no real second reaches */
  peakSecondCeiling: number;
  /** a province-wide outage of one hour at the busiest hour: what waits, and what comes back at once */
  outage: { events: number; messages: number; bytes: number };
}

function sumSeries(vols: ReadonlyMap<string, HallVolumes>, pick: (v: HallVolumes) => readonly number[]): number[] {
  const out = Array.from({ length: MINUTES }, () => 0);
  for (const s of PROVINCE_MIX) {
    const series = pick(vols.get(s.label)!);
    for (let m = 0; m < MINUTES; m++) out[m]! += s.halls * series[m]!;
  }
  return out;
}

/** The province's volumes, from the simulated days of each hall size (everyone's peak at the same time of day). */
export function provinceFigures(vols: ReadonlyMap<string, HallVolumes>): ProvinceFigures {
  const each = (f: (v: HallVolumes) => number) => PROVINCE_MIX.reduce((n, s) => n + s.halls * f(vols.get(s.label)!), 0);
  const events = sumSeries(vols, (v) => v.total.eventsPerMinute);
  const batches = sumSeries(vols, (v) => v.total.batchesPerMinute);
  const bytes = sumSeries(vols, (v) => v.total.bytesPerMinute);
  const m = events.reduce((best, n, i) => (n > events[best]! ? i : best), 0);
  const hour = busiestHour(events);
  // Each size's backlog is taken at the province's busiest hour, through its share of that hour's events.
  const outageEvents = events.slice(hour, hour + 60).reduce((a, b) => a + b, 0);
  const scale = outageEvents / each((v) => v.catchUp.events);
  return {
    halls: PROVINCE_HALLS,
    perDay: { events: each((v) => v.total.events), batches: each((v) => v.total.batches), bytes: each((v) => v.total.bytes) },
    peak: { at: m, eventsPerSecond: events[m]! / 60, batchesPerSecond: batches[m]! / 60, bytesPerSecond: bytes[m]! / 60 },
    peakSecondCeiling: each((v) => v.total.peakSecondEvents),
    outage: { events: outageEvents, messages: Math.ceil(each((v) => v.catchUp.messages) * scale), bytes: each((v) => v.catchUp.bytes) * scale },
  };
}

/**
 * How long the province's receiving side takes to absorb the outage backlog at `capacity` events/s while the
 * halls keep sending their live peak: the backlog drains at what is left over.
 */
export function drainMinutes(backlogEvents: number, capacityPerSecond: number, livePerSecond: number): number {
  const spare = capacityPerSecond - livePerSecond;
  return spare <= 0 ? Number.POSITIVE_INFINITY : backlogEvents / spare / 60;
}
