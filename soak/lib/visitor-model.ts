import type { Satisfaction } from '@hall/shared';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { mulberry32 } from '@hall/testkit/prng';
import { minutesOf } from './sim-clock.js';

/**
 * Who comes to the hall in a simulated day and what happens to each of them: pure, from a seed, the hall's
 * configuration (lines, windows, priority groups, sessions) and the arrival window. Nothing here knows the
 * demo hall's numbers.
 */
export interface Visitor {
  /** 1-based; also the kiosk request id's suffix */
  n: number;
  /** minutes after local midnight (fractional) */
  arriveMinute: number;
  lineId: string;
  /** the kiosk the visitor uses (device id) */
  kiosk: string;
  priorityGroup: string | null;
  /** booked ahead (预约): checks in with this code inside the slot */
  appointment: { code: string; slotStartMinute: number; slotEndMinute: number } | null;
  /** minutes at the window once service starts */
  serviceMinutes: number;
  /** not there when called (过号); some come back and are reinstated */
  noShow: boolean;
  returnsAfterNoShow: boolean;
  /** the first window sends the visitor on to another line (转移), served there for `secondServiceMinutes` */
  transfer: { toLineId: string; secondServiceMinutes: number } | null;
  /** 一次一评 — null: never rates (未评价) */
  rating: { level: Satisfaction; via: 'evaluator' | 'qr'; afterMinutes: number } | null;
  /** one of a group that comes at once (the crowd at the door at opening, a coach party for one line), or null */
  group: VisitorGroup['kind'] | null;
}

/** Visitors who come together: `count` for each line, arriving within `spreadMinutes` after `atMinute`. */
export interface VisitorGroup {
  kind: 'opening-crowd' | 'red-line';
  atMinute: number;
  spreadMinutes: number;
  lines: ReadonlyArray<{ lineId: string; count: number }>;
}

export interface VisitorPlan {
  visitors: Visitor[];
  /** arrivals per hour of the day, for the report */
  perHour: Record<string, number>;
}

export interface VisitorModelOptions {
  count: number;
  seed: number;
  /** local "HH:MM": first and last arrival */
  from: string;
  to: string;
  /** the weekday's sessions (the gap between two is the lunch break) */
  sessions: ReadonlyArray<{ open: string; close: string }>;
  /** share of visitors with an appointment, in the priority green channel, no-shows, transfers, raters */
  shares?: Partial<Record<'appointment' | 'priority' | 'noShow' | 'noShowReturns' | 'transfer' | 'rates' | 'ratesByQr' | 'longService', number>>;
  /** groups that come at once, counted in `count` (the rest arrive by the day's curve); never booked ahead */
  groups?: ReadonlyArray<VisitorGroup>;
}

const DEFAULT_SHARES = { appointment: 0.05, priority: 0.04, noShow: 0.04, noShowReturns: 0.3, transfer: 0.03, rates: 0.85, ratesByQr: 0.1, longService: 0.02 };

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * How busy the hall is at a minute of the day: a morning peak around 10:00 about twice the day's average, a
 * smaller one around 14:45, a trickle over the lunch break (a gap between sessions).
 */
export function arrivalWeight(minute: number, sessions: VisitorModelOptions['sessions']): number {
  const bump = (centre: number, width: number) => Math.exp(-(((minute - centre) / width) ** 2) / 2);
  const w = 0.25 + 1.6 * bump(10 * 60, 55) + 0.8 * bump(14 * 60 + 45, 60);
  const inSession = sessions.some((s) => minute >= minutesOf(s.open) && minute < minutesOf(s.close));
  return inSession ? w : w * 0.2;
}

/**
 * Lines weighted by the windows that serve them first: visitors go where the hall has put its staff. A line a
 * window takes only when its own lines are empty (a higher `order`) counts for little.
 */
function lineWeights(config: HallConfig): Array<{ id: string; weight: number }> {
  const weight = new Map<string, number>();
  for (const w of config.windows) {
    const first = Math.min(...w.lines.map((l) => l.order));
    for (const l of w.lines) weight.set(l.line, (weight.get(l.line) ?? 0) + (l.order === first ? 1 : 0.15));
  }
  return config.lines.filter((l) => weight.has(l.id)).map((l) => ({ id: l.id, weight: weight.get(l.id)! }));
}

function pick<T>(random: () => number, items: ReadonlyArray<{ weight: number } & T>): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = random() * total;
  for (const i of items) {
    r -= i.weight;
    if (r <= 0) return i;
  }
  return items[items.length - 1]!;
}

const LEVEL_WEIGHTS: Array<{ level: Satisfaction; weight: number }> = [
  { level: 'very-satisfied', weight: 0.78 },
  { level: 'satisfied', weight: 0.14 },
  { level: 'basic', weight: 0.05 },
  { level: 'dissatisfied', weight: 0.02 },
  { level: 'very-dissatisfied', weight: 0.01 },
];

export function planVisitors(config: HallConfig, opts: VisitorModelOptions): VisitorPlan {
  const random = mulberry32(opts.seed);
  const shares = { ...DEFAULT_SHARES, ...opts.shares };
  const from = minutesOf(opts.from);
  const to = minutesOf(opts.to);
  if (!(to > from)) throw new Error(`arrivals: ${opts.to} is not after ${opts.from}`);
  // Arrival minutes by inverse transform over a one-minute grid of the weight curve.
  const grid: number[] = [];
  let total = 0;
  for (let m = from; m < to; m++) {
    total += arrivalWeight(m + 0.5, opts.sessions);
    grid.push(total);
  }
  const arrival = () => {
    const r = random() * total;
    let lo = 0;
    let hi = grid.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (grid[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return from + lo + random();
  };
  const lines = lineWeights(config);
  if (lines.length === 0) throw new Error('no line is served by any window');
  const avg = new Map(config.lines.map((l) => [l.id, l.avgServiceMinutes]));
  const serviceMinutes = (lineId: string) => {
    const mean = avg.get(lineId) ?? 8;
    if (random() < shares.longService) return Math.min(90, mean * (2.5 + 2 * random()));
    // Most services are quicker than the line's average (即办件), a few take much longer: log-normal.
    return Math.min(60, Math.max(1, mean * 0.6 * Math.exp(0.45 * normal(random) - 0.1)));
  };
  const kiosks = config.devices.filter((d) => d.type === 'kiosk').map((d) => d.id);
  if (kiosks.length === 0) throw new Error('the hall has no kiosk device to take tickets from');
  const groups = config.priorityGroups.map((g) => g.id);

  const grouped = (opts.groups ?? []).flatMap((g) =>
    g.lines.flatMap((l) => Array.from({ length: l.count }, () => ({ minute: g.atMinute + random() * g.spreadMinutes, lineId: l.lineId as string | null, group: g.kind as Visitor['group'] }))),
  );
  const single = Array.from({ length: Math.max(0, opts.count - grouped.length) }, () => ({ minute: arrival(), lineId: null as string | null, group: null as Visitor['group'] }));
  const arrivals = [...grouped, ...single].sort((a, b) => a.minute - b.minute);
  const visitors: Visitor[] = arrivals.map(({ minute: arriveMinute, lineId: groupLine, group }, i) => {
    const n = i + 1;
    const lineId = groupLine ?? pick(random, lines).id;
    const booked = group === null && random() < shares.appointment;
    const slotStart = Math.floor(arriveMinute / 30) * 30;
    const transferTo = random() < shares.transfer ? lines.filter((l) => l.id !== lineId) : [];
    const rates = random() < shares.rates;
    return {
      n,
      arriveMinute,
      lineId,
      kiosk: kiosks[i % kiosks.length]!,
      priorityGroup: !booked && groups.length > 0 && random() < shares.priority ? groups[Math.floor(random() * groups.length)]! : null,
      appointment: booked ? { code: `SOAK${String(n).padStart(5, '0')}`, slotStartMinute: slotStart, slotEndMinute: slotStart + 30 } : null,
      serviceMinutes: serviceMinutes(lineId),
      noShow: random() < shares.noShow,
      returnsAfterNoShow: random() < shares.noShowReturns,
      transfer: transferTo.length > 0 ? (() => {
        const toLineId = pick(random, transferTo).id;
        return { toLineId, secondServiceMinutes: serviceMinutes(toLineId) };
      })() : null,
      // At the window's evaluator while still seated (the next visitor is not called yet); by the ticket's QR
      // on the phone, some minutes later.
      rating: rates
        ? (() => {
            const level = pick(random, LEVEL_WEIGHTS).level;
            return random() < shares.ratesByQr ? { level, via: 'qr' as const, afterMinutes: 1 + random() * 9 } : { level, via: 'evaluator' as const, afterMinutes: 0.05 + random() * 0.1 };
          })()
        : null,
      group,
    };
  });
  const perHour: Record<string, number> = {};
  for (const v of visitors) {
    const h = `${String(Math.floor(v.arriveMinute / 60)).padStart(2, '0')}:00`;
    perHour[h] = (perHour[h] ?? 0) + 1;
  }
  return { visitors, perHour };
}
