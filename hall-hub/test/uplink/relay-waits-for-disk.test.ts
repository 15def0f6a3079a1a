import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { hmacHex } from '../../src/adapters/uplink/sign.js';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createSqliteOutbox } from '../../src/adapters/sqlite/sqlite-outbox.js';
import { createHttpsTransport } from '../../src/adapters/uplink/https-transport.js';
import { startUplinkRelay, type UplinkRelay } from '../../src/app/uplink-relay.js';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';

let sim: ProvinceSimulator | null = null;
let relay: UplinkRelay | null = null;
afterEach(async () => {
  await relay?.stop();
  await sim?.close();
  relay = null;
  sim = null;
});

describe('nothing leaves the hall before it is on disk', () => {
  it('outbox rows the relay has read wait for the disk flush before they go to the province', async () => {
    sim = await startProvinceSimulator({ key: UPLINK_KEY });
    const file = join(mkdtempSync(join(tmpdir(), 'hall-relay-disk-')), 'hall.db');
    const db = openDatabase(file);
    const outbox = createSqliteOutbox(db, openDatabase(file));
    let flushed: () => void = () => {};
    let waiting: () => void = () => {};
    const disk = new Promise<void>((r) => (flushed = r));
    const relayWaits = new Promise<void>((r) => (waiting = r));
    relay = startUplinkRelay({
      outbox,
      transport: createHttpsTransport({ url: sim.url, hallId: 'test-hall', timeoutMs: 5000 }),
      hallId: 'test-hall',
      streams: ['queue'],
      sign: (body) => hmacHex(Buffer.from(UPLINK_KEY), body),
      batchSize: 50,
      backoff: { baseMs: 20, maxMs: 200 },
      clock: { now: () => Date.now() },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      durable: () => {
        waiting();
        return disk;
      },
    });
    outbox.transaction(() => outbox.append({ stream: 'queue', key: 'test-hall:queue:1', type: 'issued', at: Date.now(), data: { ticketNumber: 'A001' } }));
    relay.kick();
    // The relay has read the row and waits for the disk. Proving that nothing went out takes a while to pass
    // for a request to have arrived if one had been sent.
    await relayWaits;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.held('queue')).toHaveLength(0);
    flushed();
    await sim.waitForHeld(1, 'queue', 10_000);
    expect(sim.held('queue').map((e) => e.key)).toEqual(['test-hall:queue:1']);
  });
});
