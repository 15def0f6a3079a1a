import { defineConfig } from 'vitest/config';
import { MODULES } from './scripts/mutation-modules.mjs';

// The tests Stryker runs for one module (STRYKER_MODULE): its unit tests only, one worker.
const m = MODULES[(process.env.STRYKER_MODULE ?? 'uplink') as keyof typeof MODULES];

export default defineConfig({
  test: {
    include: m.tests,
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
