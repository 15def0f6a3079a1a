import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchmarkSvg, latestFigures, writeReportPage, type BenchRun } from '../../bench/lib/report-page.js';
import { figure, medianFigures } from '../../bench/lib/report.js';

const machine = { cpus: 2, cpuModel: 'test cpu', memGiB: 4, node: 'v20' };
const latency = (value: number, baseline: number) =>
  figure({ id: 'x-latency.p99', what: 'x p99', value, unit: 'ms', baseline: { what: 'bare', value: baseline, unit: 'ms' }, target: { text: 'p99 < 10 ms', check: ({ value: v }) => v < 10 } });
const rate = (value: number) => figure({ id: 'x-latency.rate', what: 'x rate', value, unit: 'calls/s' });
const bundle = (kb: number) => figure({ id: 'y-bundle.gzip', what: 'y gzip', value: kb, unit: 'KB', target: { text: '≤ 50 KB', check: ({ value: v }) => v <= 50 } });

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function store(name: string, run: BenchRun): void {
  writeFileSync(join(dir, name), JSON.stringify(run));
}

describe('the benchmark report page', () => {
  it('takes every benchmark from its newest run, never mixing runs, and writes charts and a page', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    store('2026-11-01T10-00-00-000Z.json', { at: '2026-11-01T10:00:00Z', commit: 'old', machine, figures: [latency(20, 5), rate(100), bundle(30)] });
    store('2026-11-02T10-00-00-000Z.json', {
      at: '2026-11-02T10:00:00Z',
      commit: 'new',
      machine,
      figures: [latency(8, 6)],
      conditions: { 'x-latency': { loadBefore: 1.5, loadAfter: 2.5, runs: 3 } },
    });
    writeFileSync(join(dir, 'latest.json'), '{"not":"a dated run"}');

    const latest = latestFigures(dir);
    // x-latency comes wholly from the newer run (which has no rate figure); y-bundle from the only run that has it.
    expect(latest.map((l) => [l.figure.id, l.figure.value, l.run.commit])).toEqual([
      ['x-latency.p99', 8, 'new'],
      ['y-bundle.gzip', 30, 'old'],
    ]);

    const docs = mkdtempSync(join(dir, 'docs-'));
    const page = readFileSync(writeReportPage(dir, docs), 'utf8');
    expect(page).toContain('**Targets:** 2 met, 0 not met.');
    expect(page).toContain('load average 1.5 before, 2.5 after; median of 3 runs');
    expect(page).toContain('| `x-latency.p99` — x p99 | 8.00 ms | 6.00 ms — bare | 1.333 | p99 < 10 ms | yes |');
    expect(page).toContain('![y-bundle: each figure and its baseline](benchmarks/y-bundle.svg)');
    const svg = readFileSync(join(docs, 'benchmarks', 'x-latency.svg'), 'utf8');
    expect(svg).toContain('8.00 ms ✓ target met');
    expect(svg).toContain('baseline 6.00 ms · ratio 1.333');
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
