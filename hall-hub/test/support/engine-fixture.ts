import { createQueueEngine, type QueueEngine } from '../../src/app/queue-engine.js';
import { createTextSealer } from '../../src/adapters/crypto/text-sealer.js';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createSqliteEventStore, createSqliteTicketRecords } from '../../src/adapters/sqlite/sqlite-event-store.js';
import type { HallConfig } from '../../src/config/hall-config-schema.js';
import type { EventStore } from '../../src/ports/event-store.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';
import { MONDAY_0900 } from './hall-fixture.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = MONDAY_0900): FakeClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

/**
 * An engine over a real SQLite file in a fresh temporary folder. `wrapStore` lets a test stand between the engine
 * and the real store (to hold a disk flush back, or fail it).
 */
export function engineFor(
  config: HallConfig,
  clock: FakeClock = fakeClock(),
  file?: string,
  opts: { wrapStore?: (s: EventStore) => EventStore; onDurabilityLost?: (err: Error) => void } = {},
) {
  const dbFile = file ?? join(mkdtempSync(join(tmpdir(), 'hall-engine-')), 'hall.db');
  const db = openDatabase(dbFile);
  let n = 0;
  const store = createSqliteEventStore(db, createTextSealer(Buffer.alloc(32, 7)));
  const engine: QueueEngine = createQueueEngine({
    store: opts.wrapStore ? opts.wrapStore(store) : store,
    ...(opts.onDurabilityLost ? { onDurabilityLost: opts.onDurabilityLost } : {}),
    records: createSqliteTicketRecords(db),
    rules: queueRulesFrom(config),
    clock,
    newId: () => `t${(++n).toString().padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`,
  });
  return { engine, db, dbFile, clock };
}
