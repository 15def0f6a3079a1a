import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { callLatency } from './call-latency.js';
import { coldStart } from './cold-start.js';
import { fanout } from './fanout.js';
import { kioskBundle } from './kiosk-bundle.js';
import { bridgeThroughput } from './bridge-throughput.js';
import { kioskSearch } from './kiosk-search.js';
import { repoRoot } from './lib/hub-process.js';
import { loadavg } from 'node:os';
import { commit, machine, medianFigures, type Figure } from './lib/report.js';
import { writeReportPage, type BenchRun } from './lib/report-page.js';
import { printBuild } from './print-build.js';
import { printDelivery } from './print-delivery.js';
import { ticketIssue } from './ticket-issue.js';
import { wallLatency } from './wall-latency.js';
import { ledFrame } from './led-frame.js';
import { wallBundle } from './wall-bundle.js';
import { relayDrainBench } from './relay-drain.js';
import { reportMonth } from './report-month.js';
import { provinceScale } from './province-scale.js';
import { mobilePage } from './mobile-page.js';
import { phoneRecovery } from './phone-recovery.js';
import { handwriting } from './handwriting.js';
import { morningRush } from './morning-rush.js';
import { caseBoard } from './case-board.js';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME…` only those named; `--repeat=N` runs each N times
 * and reports, figure by figure, the median run. Writes bench/results/ (git-ignored), and merges the benchmarks
 * it ran into the committed docs/benchmarks/latest.json, from which the report page docs/benchmarks.md is made:
 * a run of some benchmarks keeps every other benchmark's section as it was.
 */
const benchmarks: Record<string, () => Promise<Figure[]>> = {
  'ticket-issue': ticketIssue,
  'cold-start': coldStart,
  'call-latency': callLatency,
  fanout,
  'print-build': printBuild,
  'print-delivery': printDelivery,
  'kiosk-search': kioskSearch,
  'kiosk-bundle': kioskBundle,
  'wall-latency': wallLatency,
  'led-frame': ledFrame,
  'wall-bundle': wallBundle,
  'relay-drain': relayDrainBench,
  'bridge-throughput': bridgeThroughput,
  'report-month': reportMonth,
  'province-scale': provinceScale,
  'mobile-page': mobilePage,
  'phone-recovery': phoneRecovery,
  handwriting,
  'morning-rush': morningRush,
  'case-board': caseBoard,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const repeatArg = process.argv.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Math.max(1, Number(repeatArg.slice('--repeat='.length)) || 1) : 1;

// Every package: the benchmarks drive the built hub, display wall, kiosk and phone pages.
execSync('npx -y pnpm@12.4.2 -r run build', { cwd: repoRoot, stdio: 'inherit' });
const figures: Figure[] = [];
const conditions: NonNullable<BenchRun['conditions']> = {};
const failed: string[] = [];
const dir = join(repoRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const save = (file: string, run: BenchRun): void => writeFileSync(join(dir, file), `${JSON.stringify(run, null, 2)}\n`);
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
  const loadBefore = loadavg()[0]!;
  const runs: Figure[][] = [];
  try {
    for (let r = 0; r < repeat; r++) {
      console.log(`▶ ${name}${repeat > 1 ? ` (${r + 1}/${repeat})` : ''}`);
      runs.push(await benchmarks[name]!());
    }
  } catch (err) {
    // One broken benchmark must not throw away the figures of the others (a full run takes most of an hour).
    console.error(`✗ ${name} failed:`, err);
    failed.push(name);
    continue;
  }
  const own = medianFigures(runs);
  figures.push(...own);
  conditions[name] = { loadBefore, loadAfter: loadavg()[0]!, runs: repeat };
  // Saved as soon as it is measured, and merged into the report page (docs/benchmarks/latest.json) at once.
  const at = new Date().toISOString();
  const run: BenchRun = { at, commit: commit(), machine: machine(), figures: own, conditions: { [name]: conditions[name]! } };
  save(`${at.replace(/[:.]/g, '-')}-${name}.json`, run);
  writeReportPage(run, join(repoRoot, 'docs'));
}
const at = new Date().toISOString();
const report: BenchRun = { at, commit: commit(), machine: machine(), figures, conditions };
save('latest.json', report);
const page = writeReportPage(report, join(repoRoot, 'docs'));
console.table(
  figures.map((f) => ({
    id: f.id,
    value: `${f.value} ${f.unit}`,
    baseline: f.baseline ? `${f.baseline.value} ${f.baseline.unit}` : '',
    ratio: f.ratio ?? '',
    target: f.target ?? '',
    met: f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  })),
);
console.log(`report: ${page}`);
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
