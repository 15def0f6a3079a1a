/**
 * The hall-day soak: a whole day of the demo hall (or any hall configuration) through the real processes, with
 * faults, then checked — `npm run soak -- [--visitors 3000] [--speed 20] [--hours 08:30-16:25] …`.
 * Writes docs/hall-day-soak.md and docs/hall-day-soak.json (or --out <file.md>).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/processes.js';
import { writeReport } from './lib/report.js';
import { FULL_DAY, nextWorkday, runHallDay } from './lib/run-hall-day.js';

const USAGE = `usage: npm run soak -- [--visitors 3000] [--speed 20] [--hours 08:30-16:25] [--day YYYY-MM-DD]
                      [--seed 7] [--displays 20] [--config hall.json] [--drain-hours 3] [--out docs/hall-day-soak.md] [--keep <dir>]`;

const { values } = parseArgs({
  options: {
    visitors: { type: 'string' },
    speed: { type: 'string' },
    hours: { type: 'string' },
    day: { type: 'string' },
    seed: { type: 'string' },
    displays: { type: 'string' },
    config: { type: 'string' },
    'drain-hours': { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const num = (v: string | undefined, fallback: number, what: string): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(n > 0)) {
    console.error(`✖ ${what} must be a positive number (got ${JSON.stringify(v)})\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const hours = /^([0-9]{1,2}:[0-9]{2})-([0-9]{1,2}:[0-9]{2})$/.exec(values.hours ?? `${FULL_DAY.from}-${FULL_DAY.to}`);
if (!hours) {
  console.error(`✖ --hours takes HH:MM-HH:MM (first and last arrival)\n${USAGE}`);
  process.exit(2);
}
const baseConfig = values.config ?? FULL_DAY.baseConfig;
const day = values.day ?? nextWorkday(JSON.parse(readFileSync(baseConfig, 'utf8')), new Date());
const out = values.out ?? join(repoRoot, 'docs', 'hall-day-soak.md');

const report = await runHallDay({
  visitors: Math.round(num(values.visitors, FULL_DAY.visitors, '--visitors')),
  speed: num(values.speed, FULL_DAY.speed, '--speed'),
  day,
  from: hours[1]!,
  to: hours[2]!,
  seed: Math.round(num(values.seed, FULL_DAY.seed, '--seed')),
  baseConfig,
  displays: Math.round(num(values.displays, FULL_DAY.displays, '--displays')),
  drainHours: num(values['drain-hours'], FULL_DAY.drainHours, '--drain-hours'),
  ...(values.keep ? { runDir: values.keep } : {}),
  say: (line) => console.log(`[soak] ${line}`),
});
writeReport(report, out, out.replace(/\.md$/, '.json'));
for (const c of report.checks) console.log(`${c.ok ? '✔' : '✖'} ${c.name}: ${Object.entries(c.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`report: ${out}`);
process.exit(report.ok ? 0 : 1);
