import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './report.js';

/** One run as bench/run.ts writes it (shared/formats/bench-report.md), plus what the machine was doing. */
export interface BenchRun {
  at: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string };
  figures: Figure[];
  /** per benchmark: the 1-minute load average before and after it, and how many times it ran */
  conditions?: Record<string, { loadBefore: number; loadAfter: number; runs: number }>;
}

export interface LatestFigure {
  benchmark: string;
  figure: Figure;
  run: BenchRun;
}

const benchmarkOf = (id: string) => id.split('.')[0]!;

/**
 * The newest figure of every benchmark across the stored runs: a run of some benchmarks (`npm run bench --
 * NAME`) replaces only theirs. Figures of one benchmark always come from one run, never mixed.
 */
export function latestFigures(resultsDir: string): LatestFigure[] {
  const runs = readdirSync(resultsDir)
    .filter((f) => /^\d{4}-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as BenchRun);
  const newest = new Map<string, BenchRun>();
  for (const run of runs) for (const f of run.figures) newest.set(benchmarkOf(f.id), run);
  return [...newest].flatMap(([benchmark, run]) =>
    run.figures.filter((f) => benchmarkOf(f.id) === benchmark).map((figure) => ({ benchmark, figure, run })),
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * A bar chart of one benchmark: each figure next to its same-run baseline, on a scale of its own (figures have
 * different units). The words carry the meaning — value, unit, ratio and whether the target was met — so the
 * chart does not depend on telling colours apart.
 */
export function benchmarkSvg(title: string, figures: Figure[]): string {
  const rowH = 58;
  const labelW = 250;
  const barW = 420;
  const width = labelW + barW + 190;
  const height = 40 + figures.length * rowH + 10;
  const rows = figures.map((f, i) => {
    const y = 40 + i * rowH;
    const max = Math.max(f.value, f.baseline?.value ?? 0) || 1;
    const w = (v: number) => Math.max(1, (v / max) * barW);
    const verdict = f.met === undefined ? '' : f.met ? ' ✓ target met' : ' ✗ target not met';
    const parts = [
      `<text x="0" y="${y + 16}" class="l">${esc(f.id.split('.').slice(1).join('.') || f.id)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w(f.value).toFixed(1)}" height="18" class="v"/>`,
      `<text x="${labelW + w(f.value) + 6}" y="${y + 17}" class="n">${num(f.value)} ${esc(f.unit)}${esc(verdict)}</text>`,
    ];
    if (f.baseline) {
      parts.push(
        `<rect x="${labelW}" y="${y + 25}" width="${w(f.baseline.value).toFixed(1)}" height="14" class="b"/>`,
        `<text x="${labelW + w(f.baseline.value) + 6}" y="${y + 37}" class="n s">baseline ${num(f.baseline.value)} ${esc(f.baseline.unit)}${f.ratio !== undefined ? ` · ratio ${f.ratio}` : ''}</text>`,
      );
    }
    return parts.join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<style>.t{font-size:16px;font-weight:bold}.l{font-size:13px}.n{font-size:12px}.s{fill:#555}.v{fill:#1f5fa8}.b{fill:#b8c0cc}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="0" y="22" class="t">${esc(title)}</text>
${rows.join('\n')}
</svg>
`;
}

/** The benchmark report page: one section per benchmark, a chart, and every figure with its baseline and target. */
export function reportMarkdown(latest: LatestFigure[], chartPath: (benchmark: string) => string): string {
  const byBenchmark = new Map<string, LatestFigure[]>();
  for (const l of latest) byBenchmark.set(l.benchmark, [...(byBenchmark.get(l.benchmark) ?? []), l]);
  const met = latest.filter((l) => l.figure.met === true).length;
  const missed = latest.filter((l) => l.figure.met === false);
  const out = [
    '# Benchmark report · 性能基准报告',
    '',
    'Written by `npm run bench` (`npm run bench -- NAME…` refreshes only those benchmarks). Every figure stands next',
    'to a baseline measured **in the same run on the same machine**; `ratio` is value ÷ baseline. The JSON of each run',
    'is in `bench/results/` (format: `../shared/formats/bench-report.md`). The machines these runs come from are',
    'shared 2-core virtual machines: the load average around each benchmark is given, and absolute times measured',
    'under load are worse than the same code on an idle machine.',
    '',
    `**Targets:** ${met} met, ${missed.length} not met${missed.length ? ` (${missed.map((l) => `\`${l.figure.id}\``).join(', ')})` : ''}.`,
    '',
  ];
  for (const [benchmark, rows] of byBenchmark) {
    const run = rows[0]!.run;
    const cond = run.conditions?.[benchmark];
    out.push(`## ${benchmark}`, '');
    out.push(
      `Run ${run.at.slice(0, 16).replace('T', ' ')} UTC, commit \`${run.commit}\`, ${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node}` +
        (cond ? `; load average ${cond.loadBefore.toFixed(1)} before, ${cond.loadAfter.toFixed(1)} after${cond.runs > 1 ? `; median of ${cond.runs} runs` : ''}` : '') +
        '.',
      '',
    );
    out.push(`![${benchmark}: each figure and its baseline](${chartPath(benchmark)})`, '');
    out.push('| figure | value | baseline | ratio | target | met |', '|---|---|---|---|---|---|');
    for (const { figure: f } of rows) {
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      out.push(
        `| \`${f.id}\` — ${cell(f.what)} | ${num(f.value)} ${f.unit} | ${f.baseline ? `${num(f.baseline.value)} ${f.baseline.unit} — ${cell(f.baseline.what)}` : ''} | ${f.ratio ?? ''} | ${cell(f.target ?? '')} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** Writes docs/benchmarks.md and one chart per benchmark in docs/benchmarks/ from the stored runs; returns the page. */
export function writeReportPage(resultsDir: string, docsDir: string): string {
  const latest = latestFigures(resultsDir);
  const chartDir = join(docsDir, 'benchmarks');
  mkdirSync(chartDir, { recursive: true });
  const names = [...new Set(latest.map((l) => l.benchmark))];
  for (const name of names) {
    writeFileSync(join(chartDir, `${name}.svg`), benchmarkSvg(name, latest.filter((l) => l.benchmark === name).map((l) => l.figure)));
  }
  const page = join(docsDir, 'benchmarks.md');
  writeFileSync(page, reportMarkdown(latest, (name) => `benchmarks/${name}.svg`));
  return page;
}
