import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { MODULES } from './scripts/mutation-modules.mjs';

// The tests Stryker runs for one module (STRYKER_MODULE): its unit tests only, one worker.
const m = MODULES[(process.env.STRYKER_MODULE ?? 'uplink') as keyof typeof MODULES];

const order = (spec: TestSpecification) => m.tests.findIndex((t) => spec.moduleId.endsWith(t));

/** The files in the order the module lists them (cheapest first), not vitest's slowest-first. */
class ListedOrder extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => order(a) - order(b)));
  }
}

// This file's folder: Stryker's sandbox, the copy of the repo whose code carries the mutants.
const sandbox = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The sandbox links the repo's node_modules, whose workspace links (`@hall/hub` -> ../../hall-hub) lead back to
  // the unmutated repo: every test reaching the hub through a package name (the engine fixture, the soak's oracle)
  // ran the original code, not the mutant. The hub's source resolves to the sandbox's copy instead.
  resolve: { alias: [{ find: /^@hall\/hub\/(?!demo\/)(.*)$/, replacement: `${sandbox}hall-hub/src/$1` }] },
  test: {
    include: m.tests,
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
    isolate: 'isolate' in m ? m.isolate : true,
    sequence: { sequencer: ListedOrder },
    // The property suites try fewer, seeded cases under mutation (@hall/testkit/property-runs; docs/mutation.md).
    env: { MUTATION_RUN: '1' },
  },
});
