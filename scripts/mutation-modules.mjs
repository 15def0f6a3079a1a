// The modules mutation testing covers (issue #21), each with the tests that are meant to kill its mutants.
export const MODULES = {
  queue: {
    what: 'hall-hub/src/domain/queue (the queue engine: decide, evolve, selection, warnings)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/queue/**/*.ts'],
    // Too many mutants for one sitting on a shared machine: Stryker runs each part on its own (a report each, kept
    // if time runs out; `--only queue:decide,queue:views` picks parts) and the module's score sums the parts'.
    parts: {
      decide: ['decide.ts', 'decide-issue.ts', 'decision.ts', 'commands.ts'],
      evolve: ['evolve.ts', 'events.ts', 'state.ts', 'snapshot.ts', 'line-moves.ts', 'waiting-since.ts'],
      selection: ['selection.ts', 'warnings.ts', 'warning-groups.ts', 'estimate.ts', 'window-lines.ts', 'rules.ts'],
      views: ['views.ts', 'mobile-view.ts', 'wire.ts', 'refusals.ts'],
    },
    // every test that drives the domain directly (the engine through engineFor, the invariant properties, the
    // soak's independent oracle); none through HTTP or a process. Under MUTATION_RUN the whole list runs in 5–7 s
    // (the property suites try fewer cases); the four parts took 31 min at concurrency 2 (docs/mutation.md).
    // Listed cheapest first: Stryker stops a mutant's run at the first failing test, and the files run in this order.
    // The engine fixture and the oracle reach the hub by package name (`@hall/hub/...`): stryker.vitest.config.ts
    // points that name at the sandbox's copy, or they would test the unmutated repo.
    tests: [
      'hall-hub/test/domain/queue-decide-edges.test.ts',
      'hall-hub/test/domain/queue-decide-corners.test.ts',
      'hall-hub/test/domain/queue-warnings-whole.test.ts',
      'hall-hub/test/domain/queue-views-whole.test.ts',
      'hall-hub/test/domain/queue-evolve-edges.test.ts',
      'hall-hub/test/domain/queue-evolve-corners.test.ts',
      'hall-hub/test/domain/queue-line-moves-edges.test.ts',
      'hall-hub/test/domain/queue-selection-edges.test.ts',
      // the incremental longest wait, the people-ahead shortcuts and the red-only warnings pass, each checked
      // against the plain walk it replaced (property runs scaled down under MUTATION_RUN)
      'hall-hub/test/domain/queue-red-warnings.test.ts',
      'hall-hub/test/domain/queue-people-ahead-walk.test.ts',
      'hall-hub/test/domain/queue-longest-wait.test.ts',
      'hall-hub/test/domain/queue-waiting-heap.test.ts',
      'hall-hub/test/reports/report-domain.test.ts',
      'hall-hub/test/domain/warning-groups.test.ts',
      'hall-hub/test/domain/window-lines.test.ts',
      'hall-hub/test/domain/device-requests.test.ts',
      'hall-hub/test/domain/queue-tickets-and-calling.test.ts',
      'hall-hub/test/domain/queue-windows-and-visitors.test.ts',
      'hall-hub/test/domain/hall-clock.test.ts',
      'hall-hub/test/domain/queue-invariants.test.ts',
      'test/soak/oracle.test.ts',
    ],
    // Seven test files, each importing the engine and SQLite: loading them afresh for every mutant cost more than
    // running them. They share one module cache (vitest `isolate: false`), so a mutant of code that runs only
    // while a module loads (a static mutant) could not be switched on: those are set aside (Stryker's
    // ignoreStatic, counted as Ignored, outside the score) and named in docs/mutation.md. The shared cache does
    // not hide coverage: Stryker's per-test coverage sees every file's tests (checked: hubsTransferChoice is
    // covered by device-requests.test.ts, the 7th file).
    isolate: false,
    ignoreStatic: true,
    // No TypeScript checker: on the shared machine it checked 3 mutants a minute and the test runners waited on
    // it. A mutant that would not compile is run as the JavaScript it transpiles to; one that survives is
    // reasoned as such (docs/mutation.md) — the checker would only have taken it out of the count.
    typeCheck: false,
  },
  // The catalog in three groups, each run on its own so each finishes and keeps its report: a Stryker run writes
  // nothing until it ends, and every mutant run re-imports its test files — the index's tests load the search
  // index (pinyin), so the rows' and the guides' mutants run lighter test files of their own. Pure tests only:
  // catalog-import.test.ts goes through SQLite and the app layer. The checker's tsconfig holds the catalog
  // domain alone (hall-hub/tsconfig.mutation-catalog.json): with the whole hub's, the runners waited on it.
  'catalog-rows': {
    what: 'hall-hub/src/domain/catalog exchange rows and merge rules (row checks, column kinds, versions)',
    tsconfig: 'hall-hub/tsconfig.mutation-catalog.json',
    mutate: ['hall-hub/src/domain/catalog/exchange-rows.ts', 'hall-hub/src/domain/catalog/merge-rules.ts'],
    tests: ['hall-hub/test/catalog/catalog-rows.test.ts'],
  },
  'catalog-guide': {
    what: 'hall-hub/src/domain/catalog guides (the guide and summary of a business type, the code tables)',
    tsconfig: 'hall-hub/tsconfig.mutation-catalog.json',
    mutate: ['hall-hub/src/domain/catalog/guide.ts'],
    tests: ['hall-hub/test/catalog/catalog-guides.test.ts'],
  },
  'catalog-index': {
    what: 'hall-hub/src/domain/catalog index (grouping, routing, 一口受理, search) and the handwriting characters',
    tsconfig: 'hall-hub/tsconfig.mutation-catalog.json',
    mutate: ['hall-hub/src/domain/catalog/catalog-index.ts', 'hall-hub/src/domain/catalog/catalog-characters.ts'],
    tests: ['hall-hub/test/catalog/catalog-index.test.ts', 'hall-hub/test/domain/catalog-characters.test.ts'],
  },
  uplink: {
    what: 'hall-hub/src/domain/uplink (streams, batches, backoff, disk policy, evaluation mapping, notices)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/uplink/**/*.ts'],
    tests: ['hall-hub/test/uplink/uplink-records.test.ts', 'hall-hub/test/uplink/evaluation-mapping.test.ts'],
  },
  bridge: {
    what: 'firmware-bridge/src/protocol and the device codecs (frames, framer, CRC, fields; keypad, evaluator, LED strip, ID reader)',
    tsconfig: 'firmware-bridge/tsconfig.json',
    mutate: ['firmware-bridge/src/protocol/**/*.ts', 'firmware-bridge/src/drivers/*/codec.ts'],
    tests: ['firmware-bridge/test/codecs.test.ts', 'firmware-bridge/test/codec-limits.test.ts', 'firmware-bridge/test/framer.test.ts', 'firmware-bridge/test/framer-edges.test.ts', 'firmware-bridge/test/framer-fuzz.test.ts'],
  },
};
