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
import { commit, machine, type Figure } from './lib/report.js';
import { printBuild } from './print-build.js';
import { ticketIssue } from './ticket-issue.js';
import { wallLatency } from './wall-latency.js';
import { ledFrame } from './led-frame.js';
import { wallBundle } from './wall-bundle.js';
import { relayDrainBench } from './relay-drain.js';
import { reportMonth } from './report-month.js';

/** `npm run bench` runs every benchmark; `npm run bench -- NAME…` only those named. */
const benchmarks: Record<string, () => Promise<Figure[]>> = {
  'ticket-issue': ticketIssue,
  'cold-start': coldStart,
  'call-latency': callLatency,
  fanout,
  'print-build': printBuild,
  'kiosk-search': kioskSearch,
  'kiosk-bundle': kioskBundle,
  'wall-latency': wallLatency,
  'led-frame': ledFrame,
  'wall-bundle': wallBundle,
  'relay-drain': relayDrainBench,
  'bridge-throughput': bridgeThroughput,
  'report-month': reportMonth,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

execSync('npx -y pnpm@12.4.2 --filter @hall/hub run build', { cwd: repoRoot, stdio: 'inherit' });
const figures: Figure[] = [];
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
  console.log(`▶ ${name}`);
  figures.push(...(await benchmarks[name]!()));
}
const at = new Date().toISOString();
const report = { at, commit: commit(), machine: machine(), figures };
const dir = join(repoRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(dir, `${at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(report, null, 2)}\n`);
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
