// The mobile-page benchmark's workload (phones, lines, call rate, grace) and how its samples are scored: each
// call's expected phone updates matched against what the phones showed.

import type { PhoneArrivals } from './mobile-phones.js';
import type { PhoneStats } from './mobile-phones-process.js';
import { percentile } from './report.js';

/** a percentile, NaN when nothing was measured (a figure then says so rather than the run dying) */
export const pct = (xs: readonly number[], p: number): number => (xs.length ? percentile(xs, p) : Number.NaN);

/** one window per line; every call changes the view of every phone on its line (people ahead, wait) */
export const LINES = 10;
export const PHONES = 500;
export const PER_LINE = PHONES / LINES;
export const WARMUP = 100;
export const SAMPLES = 1000;
/** a hub call every PERIOD_MS (round-robin over the windows), a baseline trigger PERIOD_MS/2 after each */
export const PERIOD_MS = 120;
/** the hub's default hold; the baseline holds as long */
export const HOLD_MS = 25_000;
/** after the last call, how long a straggling update may take before it counts as missing */
export const GRACE_MS = 10_000;
/** real Chromium phone pages opened among the crowd at the end, to see the DOM follow the calls */
export const CHROMIUM_PAGES = 8;
/** open loop; when a call's keypad reply is this late the machine is hopelessly behind and the run stops early */
export const BEHIND_MS = 5000;

export interface Ticket {
  phone: number;
  id: string;
  number: string;
}

/** A call (or a baseline trigger) and what each phone on its line should show after it: key <= expected key. */
export interface Sample {
  t0: number;
  expect: Array<[phone: number, key: number]>;
}

export interface Outcome {
  /** every expected update that arrived: ms from the call */
  all: number[];
  /** the called visitor's own phone only (hub) */
  called: number[];
  missing: number;
  /** phones not yet showing their first view at the call (opened just before): not counted either way */
  notYetOpen: number;
}

/** Matches each sample's expected updates against what the phones showed (first 200 at or after t0 with key <= expected). */
export function outcome(samples: readonly Sample[], arrivals: Map<number, PhoneArrivals>): Outcome {
  const out: Outcome = { all: [], called: [], missing: 0, notYetOpen: 0 };
  for (const s of samples) {
    for (const [phone, key] of s.expect) {
      const a = arrivals.get(phone);
      if (!a || a.t[0]! >= s.t0) {
        out.notYetOpen += 1;
        continue;
      }
      let lat = Number.NaN;
      for (let i = 0; i < a.t.length; i++) {
        if (a.t[i]! >= s.t0 && a.key[i]! <= key) {
          lat = a.t[i]! - s.t0;
          break;
        }
      }
      if (Number.isNaN(lat)) out.missing += 1;
      else {
        out.all.push(lat);
        if (key === -1) out.called.push(lat);
      }
    }
  }
  return out;
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;
export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`mobile-page: ${what} not within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

export function describeErrors(s: PhoneStats): string {
  const kinds = Object.entries(s.errorKinds).map(([k, n]) => `${k} ×${n}`);
  return kinds.length ? kinds.join('; ') : 'none';
}
