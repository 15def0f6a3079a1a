// The modules mutation testing covers (issue #21), each with the tests that are meant to kill its mutants.
export const MODULES = {
  queue: {
    what: 'hall-hub/src/domain/queue (the queue engine: decide, evolve, selection, warnings)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/queue/**/*.ts'],
    tests: ['hall-hub/test/domain/queue-tickets-and-calling.test.ts', 'hall-hub/test/domain/queue-windows-and-visitors.test.ts', 'hall-hub/test/domain/queue-invariants.test.ts', 'hall-hub/test/domain/hall-clock.test.ts'],
  },
  catalog: {
    what: 'hall-hub/src/domain/catalog (catalog import, guides, merge rules, index)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/catalog/**/*.ts'],
    tests: ['hall-hub/test/catalog/catalog-import.test.ts', 'hall-hub/test/search/search.test.ts'],
  },
  uplink: {
    what: 'hall-hub/src/domain/uplink (streams, batches, backoff, disk policy, evaluation mapping, notices)',
    tsconfig: 'hall-hub/tsconfig.json',
    mutate: ['hall-hub/src/domain/uplink/**/*.ts'],
    tests: ['hall-hub/test/uplink/uplink-domain.test.ts', 'hall-hub/test/uplink/evaluation-mapping.test.ts'],
  },
  bridge: {
    what: 'firmware-bridge/src/protocol and the device codecs (frames, framer, CRC, fields; keypad, evaluator, LED strip, ID reader)',
    tsconfig: 'firmware-bridge/tsconfig.json',
    mutate: ['firmware-bridge/src/protocol/**/*.ts', 'firmware-bridge/src/drivers/*/codec.ts'],
    tests: ['firmware-bridge/test/codecs.test.ts', 'firmware-bridge/test/framer.test.ts', 'firmware-bridge/test/framer-fuzz.test.ts'],
  },
};
