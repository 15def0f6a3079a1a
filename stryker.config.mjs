// StrykerJS over the pure cores the issue names (#21): one module at a time (STRYKER_MODULE), each with the
// unit tests that exercise it, the TypeScript checker of its package, and an HTML + JSON report of its own.
// Run through `npm run mutation` (scripts/mutation.mjs), never by `npm test`: it is slow.
import { createRequire } from 'node:module';
import { MODULES } from './scripts/mutation-modules.mjs';

// pnpm keeps each package's dependencies apart: Stryker cannot find its plugins by a glob; name them by path.
const require = createRequire(import.meta.url);

const name = process.env.STRYKER_MODULE ?? 'uplink';
const m = MODULES[name];
if (!m) throw new Error(`STRYKER_MODULE=${name}: not one of ${Object.keys(MODULES).join(', ')}`);
// One part of a module that has parts (STRYKER_PART): only its files are mutated, into a report of its own.
const part = process.env.STRYKER_PART;
if (part && !m.parts?.[part]) throw new Error(`STRYKER_PART=${part}: not a part of ${name}`);
const dir = part ? `${name}/${part}` : name;
const mutate = part ? m.parts[part].map((f) => m.mutate[0].replace('**/*.ts', f)) : m.mutate;

export default {
  packageManager: 'pnpm',
  plugins: [require.resolve('@stryker-mutator/vitest-runner'), require.resolve('@stryker-mutator/typescript-checker')],
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: false },
  checkers: m.typeCheck === false ? [] : ['typescript'],
  tsconfigFile: m.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate,
  coverageAnalysis: 'perTest',
  ignoreStatic: m.ignoreStatic ?? false,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${dir}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${dir}/mutation.json` },
  // Re-runs test only the mutants whose code or covering tests changed since the last run of this module.
  incremental: true,
  incrementalFile: `reports/mutation/${dir}/incremental.json`,
  tempDirName: `.stryker-tmp-${dir.replace('/', '-')}`,
  ignorePatterns: ['**/dist/**', '**/dist-mobile/**', 'reports', 'bench/results', 'docs/screenshots', '.stryker-tmp*'],
  thresholds: { high: 90, low: 80, break: null },
};
