import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const NAME = '欧阳明月';
const CODE = 'YY-20261123-0001';

let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

/** Every byte of every file under the data folder (database, WAL, SHM, backups, lock …): what a stolen disk shows. */
function everyDataFile(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? everyDataFile(path) : [{ file: path, bytes: readFileSync(path) }];
  });
}

function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return everyDataFile(dir)
    .filter((f) => f.bytes.includes(needle))
    .map((f) => f.file);
}

const iso = (ms: number) => new Date(ms).toISOString();

async function bookAndSnapshot(h: TestHub): Promise<void> {
  // Tomorrow's appointment: it is still held after the day changes, so the snapshot lists it.
  const tomorrow = MONDAY_0900 + 24 * 3600_000;
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/admin/appointments',
    headers: h.as('boss'),
    payload: { appointments: [{ code: CODE, lineId: 'general', slotStart: iso(tomorrow + 3600_000), slotEnd: iso(tomorrow + 5400_000), name: NAME }] },
  });
  expect(r.statusCode).toBe(200);
  // A new day makes the engine write a snapshot (which lists the appointments) right after the commit.
  h.clock.advance(24 * 3600_000);
  expect((await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).statusCode).toBe(201);
  await new Promise<void>((resolve) => setImmediate(resolve));
  await h.ops.backups.tick();
}

describe('appointment names at rest', () => {
  it('are sealed in the event log, the snapshots and the backups, and come back on a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-names-'));
    hub = await testHub(smallHall(), fakeClock(), { dataDir });
    await bookAndSnapshot(hub);
    expect((hub.db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n).toBeGreaterThan(0);
    expect(hub.engine.state.appointments.get(CODE)?.name).toBe(NAME);
    expect(readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    await hub.close();
    hub = null;

    expect(filesHolding(dataDir, NAME)).toEqual([]);
    hub = await testHub(smallHall(), fakeClock(MONDAY_0900 + 24 * 3600_000), { dataDir });
    expect(hub.engine.state.appointments.get(CODE)?.name).toBe(NAME);
  });

  it('a data folder written before names were sealed has them sealed at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-names-old-'));
    hub = await testHub(smallHall(), fakeClock(), { dataDir });
    await hub.app.inject({
      method: 'POST',
      url: '/api/admin/appointments',
      headers: hub.as('boss'),
      payload: { appointments: [{ code: CODE, lineId: 'general', slotStart: iso(MONDAY_0900 + 3600_000), slotEnd: iso(MONDAY_0900 + 5400_000), name: NAME }] },
    });
    await hub.close();
    hub = null;
    // What an older hub left: the name in the clear in the event, a snapshot and the kept appointments feed.
    const old = new Database(join(dataDir, 'hall.db'));
    const row = old.prepare("SELECT seq, data FROM events WHERE type = 'AppointmentBooked'").get() as { seq: number; data: string };
    const { nameSealed: _sealed, ...event } = JSON.parse(row.data) as Record<string, unknown>;
    old.prepare('UPDATE events SET data = ? WHERE seq = ?').run(JSON.stringify({ ...event, name: NAME }), row.seq);
    old.prepare('INSERT INTO snapshots (seq, version, data) VALUES (?, 1, ?)').run(row.seq, JSON.stringify({ appointments: [[CODE, { name: NAME }]] }));
    old.prepare('INSERT INTO downlink_feeds (feed, etag, version, body, fetched_at) VALUES (?, ?, ?, ?, ?)').run('appointments', '"e1"', null, JSON.stringify({ day: '2026-11-23', appointments: [{ code: CODE, name: NAME }] }), MONDAY_0900);
    old.exec('DROP TABLE IF EXISTS personal_data_sealed');
    old.close();
    expect(filesHolding(dataDir, NAME)).toEqual([join(dataDir, 'hall.db')]);

    hub = await testHub(smallHall(), fakeClock(), { dataDir });
    expect(hub.engine.state.appointments.get(CODE)?.name).toBe(NAME);
    expect(filesHolding(dataDir, NAME)).toEqual([]);
  });
});
