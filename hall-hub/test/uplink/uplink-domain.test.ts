import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/domain/uplink/backoff.js';
import { encodeBatch } from '../../src/domain/uplink/batch.js';
import { diskVerdict } from '../../src/domain/uplink/disk-policy.js';
import { signatureHeader, verifySignature } from '../../src/adapters/uplink/sign.js';
import { testHub } from '@hall/testkit/hub-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import Database from 'better-sqlite3';
import { join } from 'node:path';

const MB = 1024 * 1024;

describe('uplink building blocks', () => {
  it('backoff doubles up to the cap, with jitter, and is never immediate', () => {
    const o = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, o, 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, o, 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(0, o, 0.5)).toBe(0);
  });

  it('a batch body is valid JSON carrying the rows in order; the signature covers every byte', () => {
    const body = encodeBatch('h', 'queue', '2026-11-23T01:00:00.000Z', [
      { id: 7, key: 'h:queue:7', type: 'issued', at: 1, payload: '{"ticketNumber":"A001"}' },
      { id: 9, key: 'h:queue:9', type: 'called', at: 2, payload: '{"windowNo":"3"}' },
    ]);
    expect(JSON.parse(body)).toEqual({
      hallId: 'h',
      stream: 'queue',
      sentAt: '2026-11-23T01:00:00.000Z',
      events: [
        { key: 'h:queue:7', seq: 7, type: 'issued', at: 1, data: { ticketNumber: 'A001' } },
        { key: 'h:queue:9', seq: 9, type: 'called', at: 2, data: { windowNo: '3' } },
      ],
    });
    const key = Buffer.from('k'.repeat(20));
    const sig = signatureHeader(key, body);
    expect(verifySignature(key, body, sig)).toBe(true);
    expect(verifySignature(key, body.replace('A001', 'A002'), sig)).toBe(false);
    expect(verifySignature(Buffer.from('x'.repeat(20)), body, sig)).toBe(false);
    expect(verifySignature(key, body, undefined)).toBe(false);
  });

  it('the disk policy warns long before the disk is full', () => {
    const limits = { warnFreeMb: 2048, criticalFreeMb: 512, warnOutboxMb: 256, warnDaysOfRoom: 14 };
    expect(diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 10 * MB, outboxGrowthPerDay: 0 }, limits).level).toBe('ok');
    // 50 GB free, the backlog growing 5 GB a day: full in 10 days — warn now.
    const growing = diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 100 * MB, outboxGrowthPerDay: 5_000 * MB }, limits);
    expect(growing).toMatchObject({ level: 'warn', daysOfRoom: 10 });
    expect(growing.zh).toContain('天后磁盘将满');
    expect(diskVerdict({ freeBytes: 50_000 * MB, outboxBytes: 300 * MB, outboxGrowthPerDay: 0 }, limits).level).toBe('warn');
    expect(diskVerdict({ freeBytes: 1_000 * MB, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits).level).toBe('warn');
    expect(diskVerdict({ freeBytes: 100 * MB, outboxBytes: 0, outboxGrowthPerDay: 0 }, limits).level).toBe('critical');
  });

  it('an event and its outbox row commit together: when the outbox cannot be written, the event is not either', async () => {
    const hub = await testHub(smallHall({ uplink: { enabled: true, url: 'http://127.0.0.1:9', downlink: { enabled: false } } }), undefined, {
      env: { HALL_UPLINK_KEY: 'k'.repeat(20) },
    });
    try {
      const ok = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
      expect(ok.statusCode).toBe(201);
      // The outbox refuses writes from now on (a trigger stands in for a full disk or a corrupt table).
      hub.db.exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END");
      const refused = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
      expect(refused.statusCode).toBe(500);
      const db = new Database(join(hub.dataDir, 'hall.db'), { readonly: true });
      const issued = db.prepare("SELECT count(*) AS n FROM events WHERE type = 'TicketIssued'").get() as { n: number };
      const rows = db.prepare("SELECT count(*) AS n FROM outbox WHERE stream = 'queue'").get() as { n: number };
      db.close();
      expect([issued.n, rows.n]).toEqual([1, 1]);
      expect(hub.engine.state.tickets.size).toBe(1);
      hub.db.exec('DROP TRIGGER outbox_full');
      const again = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
      expect(again.json().number).toBe('A002');
    } finally {
      await hub.close();
    }
  }, 90_000);
});

describe('OpenAPI', () => {
  it('documents the evaluation and uplink routes with their schemas', async () => {
    const hub = await testHub();
    try {
      const doc = (await hub.app.inject({ url: '/docs/json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/evaluations/figures', '/api/evaluations/follow-ups/{id}/verify', '/api/tickets/{id}/evaluation', '/api/windows/{no}/evaluation', '/api/uplink/status', '/api/province/notices']),
      );
      const figures = doc.paths['/api/evaluations/figures'].get.responses['200'].content['application/json'].schema;
      expect(Object.keys(figures.properties)).toEqual(expect.arrayContaining(['rows', 'total', 'definitions']));
    } finally {
      await hub.close();
    }
  }, 90_000);
});
