import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createWalFlush } from '../../src/adapters/sqlite/wal-flush.js';
import type { QueueEngine } from '../../src/app/queue-engine.js';
import type { EventStore, StoredEvent } from '../../src/ports/event-store.js';
import { engineFor } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';

/**
 * The store between the engine and the disk flush: each durable() waits until the test lets the flushes go
 * (or fails them), then asks the real store — so what the engine does before the disk has its commit shows.
 */
function heldFlushes() {
  let release: (() => void) | null = null;
  let failWith: Error | null = null;
  const gate = new Promise<void>((r) => (release = r));
  return {
    wrap: (store: EventStore): EventStore => ({
      ...store,
      durable: () => gate.then(() => (failWith ? Promise.reject(failWith) : store.durable())),
    }),
    release: () => release!(),
    fail: (err: Error) => {
      failWith = err;
      release!();
    },
  };
}

function listen(engine: QueueEngine) {
  const log: string[] = [];
  // numbered from the engine's first event of the test (a new engine has started its day)
  const base = engine.lastSeq();
  const firsts = (events: StoredEvent[]) => events.map((e) => `${e.event.type}#${e.seq - base}`).join(',');
  engine.onWritten((events) => log.push(`written ${firsts(events)}`));
  engine.onCommit((events) => log.push(`durable ${firsts(events)}`));
  return log;
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('a command is shown when written and acknowledged when on disk', () => {
  it('the screens hear of it at once; its caller and what leaves the hall only once the flush is done', async () => {
    const flushes = heldFlushes();
    const { engine, dbFile } = engineFor(smallHall(), undefined, undefined, { wrapStore: flushes.wrap });
    const seq = engine.lastSeq() + 1;
    const log = listen(engine);
    let answered = false;
    const reply = engine.submit({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' }).then((r) => {
      answered = true;
      return r;
    });
    await turns();
    expect(log).toEqual(['written TicketIssued#1']);
    expect(answered).toBe(false);
    // Written: another connection (the relay's, a backup's) already reads it from the WAL.
    const reader = new Database(dbFile, { readonly: true });
    expect(reader.prepare('SELECT type FROM events WHERE seq = ?').get(seq)).toEqual({ type: 'TicketIssued' });
    reader.close();

    flushes.release();
    const r = await reply;
    expect(r.ok).toBe(true);
    expect(log).toEqual(['written TicketIssued#1', 'durable TicketIssued#1']);
  });

  it('commands arriving during a flush are written together when it ends; durable listeners hear in commit order', async () => {
    const flushes = heldFlushes();
    const { engine } = engineFor(smallHall(), undefined, undefined, { wrapStore: flushes.wrap });
    const log = listen(engine);
    const first = engine.submit({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    await turns();
    // While the first batch is being flushed, the next commands gather instead of racing the flush.
    const gathered = [1, 2].map(() => engine.submit({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' }));
    await turns();
    // execute() commits with its own flush at once, but is announced as durable only after the batch before it.
    const third = engine.execute({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    expect(third.ok).toBe(true);
    expect(log).toEqual(['written TicketIssued#1', 'written TicketIssued#2']);
    flushes.release();
    await Promise.all([first, ...gathered]);
    await turns();
    // The two gathered commands went to disk as one batch, after the first flush ended.
    expect(log.indexOf('written TicketIssued#3,TicketIssued#4')).toBeGreaterThan(log.indexOf('durable TicketIssued#1'));
    expect(log.filter((l) => l.startsWith('durable'))).toEqual(['durable TicketIssued#1', 'durable TicketIssued#2', 'durable TicketIssued#3,TicketIssued#4']);
  });

  it('a disk that fails to flush refuses the callers waiting on it and reports the loss', async () => {
    const flushes = heldFlushes();
    const lost: Error[] = [];
    const { engine } = engineFor(smallHall(), undefined, undefined, { wrapStore: flushes.wrap, onDurabilityLost: (e) => lost.push(e) });
    const log = listen(engine);
    const reply = engine.submit({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    await turns();
    flushes.fail(new Error('EIO: i/o error, fdatasync'));
    await expect(reply).rejects.toThrow(/EIO/);
    expect(lost.map((e) => e.message)).toEqual(['EIO: i/o error, fdatasync']);
    // Nothing was announced as durable.
    expect(log).toEqual(['written TicketIssued#1']);
  });
});

describe('the WAL flush', () => {
  it('a written commit is readable at once, the connection stays synchronous=FULL, and durable() waits for a real flush', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hall-wal-')), 'hall.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x INTEGER)');
    const wal = createWalFlush(db);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    for (let i = 1; i <= 3; i++) wal.written(() => insert.run(i));
    // Every other writer on the connection still gets a flush inside its commit.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 });
    other.close();

    let done = false;
    const flushed = wal.durable().then(() => (done = true));
    // fdatasync runs on the thread pool: not done within this turn of the event loop.
    await Promise.resolve();
    expect(done).toBe(false);
    await flushed;
    expect(done).toBe(true);
    // Nothing new since: resolves without another flush.
    await wal.durable();
    // A transaction that fails rolls back and leaves the connection as it was.
    expect(() => wal.written(() => db.prepare('INSERT INTO nowhere VALUES (1)').run())).toThrow(/no such table/);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});

describe('the queue snapshot', () => {
  it('is written without a flush inside its commit (its fdatasync of megabytes would block the event loop), and a restart starts from it', async () => {
    const synchronousAtSave: unknown[] = [];
    let db: Database.Database | null = null;
    const spy = (store: EventStore): EventStore => ({
      ...store,
      saveSnapshot: (seq, data) => {
        synchronousAtSave.push(db?.pragma('synchronous', { simple: true }));
        store.saveSnapshot(seq, data);
      },
    });
    const first = engineFor(smallHall(), undefined, undefined, { wrapStore: spy });
    db = first.db;
    const r = await first.engine.submit({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk' });
    expect(r.ok).toBe(true);
    await turns();
    // A day start makes a snapshot due: it was taken, inside a synchronous=NORMAL transaction (1), not FULL (2).
    expect(synchronousAtSave.length).toBeGreaterThan(0);
    expect(new Set(synchronousAtSave)).toEqual(new Set([1]));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // In the WAL without a flush, as after a kill -9: another connection reads it and a new engine starts from it.
    const again = engineFor(smallHall(), first.clock, first.dbFile);
    // (the snapshot of the day start, seq 1; the ticket after it is replayed)
    expect(again.db.prepare('SELECT max(seq) AS seq FROM snapshots').get()).toEqual({ seq: 1 });
    expect([...again.engine.state.tickets.values()]).toEqual([...first.engine.state.tickets.values()]);
    again.db.close();
    db.close();
  });
});
