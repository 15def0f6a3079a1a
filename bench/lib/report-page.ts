import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * One benchmark's newest figures and the run they came from: what `docs/benchmarks/latest.json` keeps for each
 * benchmark, so the page can be written again when only some benchmarks ran.
 */
export interface BenchmarkEntry {
  name: string;
  at: string;
  commit: string;
  /** memGiB is absent where the figures were read back from an older page that did not give it */
  machine: Omit<BenchRun['machine'], 'memGiB'> & { memGiB?: number };
  conditions?: NonNullable<BenchRun['conditions']>[string];
  figures: Figure[];
}

/** The committed, machine-readable source of docs/benchmarks.md: every benchmark's newest figures, in page order. */
export interface LatestReport {
  benchmarks: BenchmarkEntry[];
}

const benchmarkOf = (id: string) => id.split('.')[0]!;

/** The benchmarks one run measured (those it has conditions for, else those its figures name), each with its figures. */
export function entriesOf(run: BenchRun): BenchmarkEntry[] {
  const names = [...new Set([...Object.keys(run.conditions ?? {}), ...run.figures.map((f) => benchmarkOf(f.id))])];
  return names.map((name) => {
    const cond = run.conditions?.[name];
    const figures = run.figures.filter((f) => benchmarkOf(f.id) === name);
    return { name, at: run.at, commit: run.commit, machine: run.machine, ...(cond ? { conditions: cond } : {}), figures };
  });
}

/**
 * The report after a run: the benchmarks it measured replace their entries (a new one goes at the end), every
 * other benchmark keeps its figures, date, commit and load as they were. Figures of one benchmark always come
 * from one run, never mixed.
 */
export function mergeLatest(previous: LatestReport, run: BenchRun): LatestReport {
  const fresh = new Map(entriesOf(run).map((e) => [e.name, e]));
  const kept = previous.benchmarks.map((e) => fresh.get(e.name) ?? e);
  const added = [...fresh.values()].filter((e) => !previous.benchmarks.some((p) => p.name === e.name));
  return { benchmarks: [...kept, ...added] };
}

/** The committed report, or an empty one where there is none yet. */
export function readLatest(file: string): LatestReport {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LatestReport) : { benchmarks: [] };
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
export function reportMarkdown(report: LatestReport, chartPath: (benchmark: string) => string): string {
  const all = report.benchmarks.flatMap((e) => e.figures);
  const met = all.filter((f) => f.met === true).length;
  const missed = all.filter((f) => f.met === false);
  const out = [
    '# Benchmark report · 性能基准报告',
    '',
    'Written by `npm run bench` (`npm run bench -- NAME…` refreshes only those benchmarks; the others keep their',
    'figures from `benchmarks/latest.json`, which this page is made from). Every figure stands next to a baseline',
    'measured **in the same run on the same machine**; `ratio` is value ÷ baseline. The JSON of each run is in',
    '`bench/results/` (format: `../shared/formats/bench-report.md`). The machines these runs come from are',
    'shared 2-core virtual machines: the load average around each benchmark is given, and absolute times measured',
    'under load are worse than the same code on an idle machine.',
    '',
    `**Targets:** ${met} met, ${missed.length} not met${missed.length ? ` (${missed.map((f) => `\`${f.id}\``).join(', ')})` : ''}.`,
    '',
  ];
  for (const entry of report.benchmarks) {
    const cond = entry.conditions;
    out.push(`## ${entry.name}`, '');
    out.push(
      `Run ${entry.at.slice(0, 16).replace('T', ' ')} UTC, commit \`${entry.commit}\`, ${entry.machine.cpus} × ${entry.machine.cpuModel}, Node ${entry.machine.node}` +
        (cond ? `; load average ${cond.loadBefore.toFixed(1)} before, ${cond.loadAfter.toFixed(1)} after${cond.runs > 1 ? `; median of ${cond.runs} runs` : ''}` : '') +
        '.',
      '',
    );
    out.push(`![${entry.name}: each figure and its baseline](${chartPath(entry.name)})`, '');
    out.push('| figure | value | baseline | ratio | target | met |', '|---|---|---|---|---|---|');
    for (const f of entry.figures) {
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      out.push(
        `| \`${f.id}\` — ${cell(f.what)} | ${num(f.value)} ${f.unit} | ${f.baseline ? `${num(f.baseline.value)} ${f.baseline.unit} — ${cell(f.baseline.what)}` : ''} | ${f.ratio ?? ''} | ${cell(f.target ?? '')} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * After a run: merges it into docs/benchmarks/latest.json (committed), redraws the charts of the benchmarks it
 * measured (and any that is missing), and writes docs/benchmarks.md from the merged report; returns the page.
 */
export function writeReportPage(run: BenchRun, docsDir: string): string {
  const chartDir = join(docsDir, 'benchmarks');
  mkdirSync(chartDir, { recursive: true });
  const latestFile = join(chartDir, 'latest.json');
  const report = mergeLatest(readLatest(latestFile), run);
  writeFileSync(latestFile, `${JSON.stringify(report, null, 2)}\n`);
  const measured = new Set(entriesOf(run).map((e) => e.name));
  for (const entry of report.benchmarks) {
    const chart = join(chartDir, `${entry.name}.svg`);
    if (measured.has(entry.name) || !existsSync(chart)) writeFileSync(chart, benchmarkSvg(entry.name, entry.figures));
  }
  const page = join(docsDir, 'benchmarks.md');
  writeFileSync(page, reportMarkdown(report, (name) => `benchmarks/${name}.svg`));
  return page;
}
