// The modules mutation testing covers (issue #21), each with the tests that are meant to kill its mutants.
export const MODULES = {
  queue: {
    what: 'hall-hub/src/domain/queue (the queue engine: decide, evolve, selection, warnings)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/queue/**/*.ts'],
    // every test that drives the domain directly (the engine through engineFor, the invariant properties, the
    // soak's independent oracle); none through HTTP or a process. The oracle and the invariants are the slow ones
    // (10–30 s a run): a full queue run takes hours on a shared 2-core machine.
    tests: [
      'hall-hub/test/domain/queue-tickets-and-calling.test.ts',
      'hall-hub/test/domain/queue-windows-and-visitors.test.ts',
      'hall-hub/test/domain/queue-invariants.test.ts',
      'hall-hub/test/domain/device-requests.test.ts',
      'hall-hub/test/domain/hall-clock.test.ts',
      'hall-hub/test/reports/report-domain.test.ts',
      'test/soak/oracle.test.ts',
    ],
  },
  catalog: {
    what: 'hall-hub/src/domain/catalog (catalog import, guides, merge rules, index)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/catalog/**/*.ts'],
    // the pure tests only: catalog-import.test.ts goes through SQLite and the app layer (each of its runs opens
    // databases), and every static mutant (the code tables, the column lists) runs every test it is given
    tests: ['hall-hub/test/catalog/catalog-domain.test.ts', 'hall-hub/test/domain/catalog-characters.test.ts'],
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
