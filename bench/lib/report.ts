import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** One figure of the benchmark report (shared/formats/bench-report.md). `met` is computed, never typed in. */
export interface Figure {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number; unit: string };
  ratio?: number;
  target?: string;
  met?: boolean;
}

export interface FigureInput {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number; unit: string };
  target?: { text: string; check: (f: { value: number; ratio: number | undefined }) => boolean };
}

export function figure(f: FigureInput): Figure {
  const ratio = f.baseline ? round(f.value / f.baseline.value, 3) : undefined;
  const out: Figure = { id: f.id, what: f.what, value: round(f.value, 3), unit: f.unit };
  if (f.baseline) out.baseline = { ...f.baseline, value: round(f.baseline.value, 3) };
  if (ratio !== undefined) out.ratio = ratio;
  if (f.target) {
    out.target = f.target.text;
    out.met = f.target.check({ value: f.value, ratio });
  }
  return out;
}

export function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Of N runs of one benchmark, figure by figure, the run whose value is the median (the lower middle for an even
 * N): its value, baseline, ratio and verdict stay together, as measured.
 */
export function medianFigures(runs: Figure[][]): Figure[] {
  if (runs.length === 1) return runs[0]!;
  return runs[0]!.map((f) => {
    const same = runs.map((r) => r.find((g) => g.id === f.id)).filter((g): g is Figure => g !== undefined);
    const sorted = [...same].sort((a, b) => a.value - b.value);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  });
}
