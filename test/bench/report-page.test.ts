import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { benchmarkSvg, entriesOf, mergeLatest, readLatest, reportMarkdown, writeReportPage, type BenchRun, type LatestReport } from '../../bench/lib/report-page.js';
import { figure, medianFigures, type Figure } from '../../bench/lib/report.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const machine = { cpus: 2, cpuModel: 'test cpu', memGiB: 4, node: 'v20' };
const latency = (value: number, baseline: number) =>
  figure({ id: 'x-latency.p99', what: 'x p99', value, unit: 'ms', baseline: { what: 'bare', value: baseline, unit: 'ms' }, target: { text: 'p99 < 10 ms', check: ({ value: v }) => v < 10 } });
const rate = (value: number) => figure({ id: 'x-latency.rate', what: 'x rate', value, unit: 'calls/s' });
const bundle = (kb: number) => figure({ id: 'y-bundle.gzip', what: 'y gzip', value: kb, unit: 'KB', target: { text: '≤ 50 KB', check: ({ value: v }) => v <= 50 } });

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (at: string, commit: string, figures: Figure[], conditions?: BenchRun['conditions']): BenchRun => ({ at, commit, machine, figures, ...(conditions ? { conditions } : {}) });

describe('the benchmark report page', () => {
  it('a run of one benchmark replaces its section and keeps every other one as it was: figures, date, commit, load', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    // The first run measured both benchmarks; the second (`npm run bench -- x-latency`) only x-latency.
    writeReportPage(run('2026-11-01T10:00:00Z', 'old', [latency(20, 5), rate(100), bundle(30)], { 'x-latency': { loadBefore: 0.5, loadAfter: 0.7, runs: 1 }, 'y-bundle': { loadBefore: 0.4, loadAfter: 0.6, runs: 1 } }), dir);
    const bundleChart = readFileSync(join(dir, 'benchmarks', 'y-bundle.svg'), 'utf8');
    const page = readFileSync(writeReportPage(run('2026-11-02T10:00:00Z', 'new', [latency(8, 6)], { 'x-latency': { loadBefore: 1.5, loadAfter: 2.5, runs: 3 } }), dir), 'utf8');

    // x-latency comes wholly from the newer run (which has no rate figure); y-bundle stays from the first.
    const latest = JSON.parse(readFileSync(join(dir, 'benchmarks', 'latest.json'), 'utf8')) as LatestReport;
    expect(latest.benchmarks.map((e) => [e.name, e.commit, e.figures.map((f) => [f.id, f.value])])).toEqual([
      ['x-latency', 'new', [['x-latency.p99', 8]]],
      ['y-bundle', 'old', [['y-bundle.gzip', 30]]],
    ]);
    expect(page).toContain('## y-bundle\n\nRun 2026-11-01 10:00 UTC, commit `old`, 2 × test cpu, Node v20; load average 0.4 before, 0.6 after.');
    expect(page).toContain('| `y-bundle.gzip` — y gzip | 30.0 KB |  |  | ≤ 50 KB | yes |');
    expect(page).toContain('load average 1.5 before, 2.5 after; median of 3 runs');
    expect(page).toContain('| `x-latency.p99` — x p99 | 8.00 ms | 6.00 ms — bare | 1.333 | p99 < 10 ms | yes |');
    expect(page).not.toContain('x-latency.rate');
    // The targets line counts kept and new sections alike.
    expect(page).toContain('**Targets:** 2 met, 0 not met.');
    expect(page).toContain('![y-bundle: each figure and its baseline](benchmarks/y-bundle.svg)');
    const svg = readFileSync(join(dir, 'benchmarks', 'x-latency.svg'), 'utf8');
    expect(svg).toContain('8.00 ms ✓ target met');
    expect(svg).toContain('baseline 6.00 ms · ratio 1.333');
    expect(readFileSync(join(dir, 'benchmarks', 'y-bundle.svg'), 'utf8')).toBe(bundleChart);
  });

  it('a missed target in a kept section stays in the summary until its benchmark runs again and meets it', () => {
    const before: LatestReport = { benchmarks: entriesOf(run('2026-11-01T10:00:00Z', 'a', [latency(40, 5), bundle(30)])) };
    const partial = mergeLatest(before, run('2026-11-02T10:00:00Z', 'b', [bundle(60)]));
    expect(reportMarkdown(partial, (n) => n)).toContain('**Targets:** 0 met, 2 not met (`x-latency.p99`, `y-bundle.gzip`).');
    const again = mergeLatest(partial, run('2026-11-03T10:00:00Z', 'c', [latency(9, 5)]));
    expect(reportMarkdown(again, (n) => n)).toContain('**Targets:** 1 met, 1 not met (`y-bundle.gzip`).');
    // A benchmark never seen before is added after the kept ones.
    const added = mergeLatest(again, run('2026-11-04T10:00:00Z', 'd', [figure({ id: 'a-new.x', what: 'x', value: 1, unit: 's' })]));
    expect(added.benchmarks.map((e) => e.name)).toEqual(['x-latency', 'y-bundle', 'a-new']);
  });

  it('the committed report (docs/benchmarks/latest.json) is what docs/benchmarks.md says', () => {
    const committed = readLatest(join(repoRoot, 'docs', 'benchmarks', 'latest.json'));
    expect(committed.benchmarks.length).toBeGreaterThan(0);
    expect(reportMarkdown(committed, (name) => `benchmarks/${name}.svg`)).toBe(readFileSync(join(repoRoot, 'docs', 'benchmarks.md'), 'utf8'));
  });

  it('names a missed target in the summary and in the chart, in words', () => {
    const missed = latency(40, 5);
    expect(missed.met).toBe(false);
    expect(benchmarkSvg('x', [missed])).toContain('40.0 ms ✗ target not met');
  });

  it('reports the median run of repeated runs, each figure with its own baseline and verdict', () => {
    const runs = [[latency(30, 5), rate(90)], [latency(9, 6), rate(120)], [latency(12, 4), rate(100)]];
    const m = medianFigures(runs);
    expect(m.find((f) => f.id === 'x-latency.p99')).toMatchObject({ value: 12, baseline: { value: 4 }, ratio: 3, met: false });
    expect(m.find((f) => f.id === 'x-latency.rate')?.value).toBe(100);
  });
});
