#!/usr/bin/env node
// `npm run mutation` (issue #21): StrykerJS over each module of scripts/mutation-modules.mjs, one at a time
// (they are slow; the machine is shared), then the mutation drill (the six named breakages). Writes
//   reports/mutation/<module>/index.html   Stryker's HTML report per module
//   reports/mutation/scores.json           a mutation score per module, in the benchmark report format
//   reports/mutation/drill.md              the drill's table
//   reports/mutation/README.md             both, for a reader
//
//   node scripts/mutation.mjs [--only bridge,uplink] [--no-stryker] [--no-drill] [--concurrency N]
// A module with parts (the queue) runs one Stryker per part, `--only queue:decide,queue:views` picks some; its
// score sums the parts' reports (reports/mutation/queue/<part>/), and names the parts not measured yet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './mutation-modules.mjs';
import { reasonFor } from './mutation-survivors.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'reports', 'mutation');
const TARGET = 80;

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const value = (f) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : undefined);
const onlyArgs = value('--only')?.split(',') ?? Object.keys(MODULES);
/** module → the parts asked for (null: a module without parts) */
const wanted = new Map();
for (const arg of onlyArgs) {
  const [name, part] = arg.split(':');
  const parts = MODULES[name]?.parts;
  if (part && !parts?.[part]) throw new Error(`unknown part ${arg}`);
  wanted.set(name, parts ? [...(wanted.get(name) ?? []), ...(part ? [part] : Object.keys(parts))] : null);
}
const only = [...wanted.keys()];
const concurrency = value('--concurrency') ?? '1';
// Stryker runs at `nice -n 10` unless told (`--nice 0`: a run the machine's other work yields to).
const niceness = value('--nice') ?? '10';

/** Stryker's JSON report → counts and the score (killed + timed out over all valid mutants). */
function score(reportFiles) {
  const c = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  const survivors = [];
  for (const [file, f] of reportFiles.flatMap((r) => Object.entries(JSON.parse(readFileSync(r, 'utf8')).files))) {
    for (const m of f.mutants) {
      c[m.status] = (c[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const reason = reasonFor(file, m.location.start.line, m.mutatorName, m.location.start.column);
        survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.replacement ? ` → \`${m.replacement.split('\n')[0].slice(0, 60)}\`` : ''} (${m.status}) — ${reason ?? '**not reasoned yet**'}`);
      }
    }
  }
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return { counts: c, score: valid === 0 ? null : Math.round((1000 * detected) / valid) / 10, survivors };
}

mkdirSync(out, { recursive: true });
const scoresFile = join(out, 'scores.json');
const previous = existsSync(scoresFile) ? JSON.parse(readFileSync(scoresFile, 'utf8')) : { figures: [] };
const figures = new Map(previous.figures.map((f) => [f.id, f]));
const survivorsByModule = {};

for (const name of only) {
  const m = MODULES[name];
  if (!m) throw new Error(`unknown module ${name}`);
  const parts = m.parts ? Object.keys(m.parts) : [null];
  const reportOf = (part) => join(out, name, ...(part ? [part] : []), 'mutation.json');
  let runMinutes = figures.get(`mutation.${name}`)?.runMinutes ?? null;
  if (!flag('--no-stryker')) {
    const started = Date.now();
    for (const part of wanted.get(name) ?? [null]) {
      console.log(`\n=== Stryker: ${name}${part ? `:${part}` : ''} — ${m.what}`);
      const r = spawnSync('nice', ['-n', niceness, process.execPath, join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', 'stryker.config.mjs'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, STRYKER_MODULE: name, STRYKER_CONCURRENCY: concurrency, ...(part ? { STRYKER_PART: part } : {}) },
      });
      if (r.status !== 0) console.log(`Stryker failed for ${name}${part ? `:${part}` : ''} (exit ${r.status})`);
      console.log(`(${name}${part ? `:${part}` : ''}: ${Math.round((Date.now() - started) / 6000) / 10} min so far)`);
    }
    runMinutes = Math.round((Date.now() - started) / 6000) / 10;
  }
  // (with --no-stryker: the scores of the reports already there; a module with parts: those measured so far)
  const measured = parts.filter((part) => existsSync(reportOf(part)));
  if (measured.length === 0) continue;
  const missing = parts.filter((part) => !measured.includes(part));
  const reportFile = reportOf(measured[0]);
  const s = score(measured.map(reportOf));
  survivorsByModule[name] = s.survivors;
  writeFileSync(join(out, name, 'survivors.txt'), `${s.survivors.join('\n')}\n`);
  figures.set(`mutation.${name}`, {
    id: `mutation.${name}`,
    what: `mutation score of ${m.what}${missing.length ? ` — parts ${measured.join(', ')} only; not measured: ${missing.join(', ')}` : ''}: mutants killed or timed out, of all that compile (${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    value: s.score,
    unit: '%',
    target: `value >= ${TARGET}`,
    met: missing.length === 0 && s.score !== null && s.score >= TARGET,
    // wall-clock minutes of the Stryker run that wrote the report (concurrency and machine load vary)
    runMinutes,
    at: flag('--no-stryker') ? (figures.get(`mutation.${name}`)?.at ?? statSync(reportFile).mtime.toISOString()) : new Date().toISOString(),
  });
}

// A module with no Stryker report yet is listed as not measured (value null, so never met), not left out.
for (const [name, m] of Object.entries(MODULES)) {
  if (figures.has(`mutation.${name}`)) continue;
  figures.set(`mutation.${name}`, { id: `mutation.${name}`, what: `mutation score of ${m.what}: not measured (no Stryker report)`, value: null, unit: '%', target: `value >= ${TARGET}`, met: false, runMinutes: null, at: null });
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const report = { at: new Date().toISOString(), commit, machine, figures: [...figures.values()] };
writeFileSync(scoresFile, JSON.stringify(report, null, 2));

let drillStatus = 0;
if (!flag('--no-drill')) {
  console.log('\n=== The mutation drill: the six breakages of #21');
  drillStatus = spawnSync(process.execPath, [join(root, 'scripts', 'mutation-drill.mjs'), '--report', out], { cwd: root, stdio: 'inherit' }).status ?? 1;
}

const drill = existsSync(join(out, 'drill.md')) ? readFileSync(join(out, 'drill.md'), 'utf8') : 'The drill has not run.\n';
const lines = [
  `# Mutation testing — ${report.at} (${commit})`,
  '',
  '| module | score | target | met | Stryker run (min) | measured at | report |',
  '|---|---|---|---|---|---|---|',
  ...report.figures.map((f) => `| ${f.id} | ${f.value ?? '—'} % | ${f.target} | ${f.met ? 'yes' : 'no'} | ${f.runMinutes ?? '—'} | ${f.at} | ${f.id.replace('mutation.', '')}/index.html |`),
  '',
  'Each surviving mutant is listed with the reason it survives (scripts/mutation-survivors.mjs; docs/mutation.md).',
  '',
  ...Object.entries(survivorsByModule).flatMap(([name, s]) => [`## Surviving mutants: ${name} (${s.length})`, '', ...s.slice(0, 200).map((x) => `- ${x}`), '']),
  drill.replace(/^# /, '## '),
];
writeFileSync(join(out, 'README.md'), lines.join('\n'));
console.log(`\nscores: ${report.figures.map((f) => `${f.id} ${f.value} %`).join(', ')}; report in ${join(out, 'README.md')}`);
process.exitCode = drillStatus;
