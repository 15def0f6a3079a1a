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

export default {
  packageManager: 'pnpm',
  plugins: [require.resolve('@stryker-mutator/vitest-runner'), require.resolve('@stryker-mutator/typescript-checker')],
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: m.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: m.mutate,
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  // Re-runs test only the mutants whose code or covering tests changed since the last run of this module.
  incremental: true,
  incrementalFile: `reports/mutation/${name}/incremental.json`,
  tempDirName: `.stryker-tmp-${name}`,
  ignorePatterns: ['**/dist/**', '**/dist-mobile/**', 'reports', 'bench/results', 'docs/screenshots', '.stryker-tmp*'],
  thresholds: { high: 90, low: 80, break: null },
};
