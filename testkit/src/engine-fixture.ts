import { createQueueEngine, type QueueEngine } from '@hall/hub/app/queue-engine';
import { createTextSealer } from '@hall/hub/adapters/crypto/text-sealer';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteEventStore, createSqliteTicketRecords } from '@hall/hub/adapters/sqlite/sqlite-event-store';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import type { EventStore } from '@hall/hub/ports/event-store';
import { queueRulesFrom } from '@hall/hub/domain/queue/rules';
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
