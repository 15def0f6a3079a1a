import { describe, expect, it } from 'vitest';
import { testHub } from '@hall/testkit/hub-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import Database from 'better-sqlite3';
import { join } from 'node:path';

// The pure building blocks (backoff, batch body and signature, disk policy) are in uplink-records.test.ts.
describe('uplink building blocks', () => {
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
