import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvinceSimulator } from '@hall/province-sim';
import { connectMqtt } from '@hall/testkit/clients';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince, serveTickets } from '@hall/testkit/uplink-fixture';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

/** Every event the hub committed that the queue stream carries, by its key, in commit order. */
function expectedQueueKeys(h: TestHub): string[] {
  const db = new Database(join(h.dataDir, 'hall.db'), { readonly: true });
  const rows = db.prepare("SELECT seq FROM events WHERE type IN ('TicketIssued', 'TicketCalled', 'ServiceFinished', 'TicketMissed') ORDER BY seq").all() as Array<{ seq: number }>;
  db.close();
  return rows.map((r) => `test-hall:queue:${r.seq}`);
}

describe('the relay to the provincial platform', () => {
  it('queue events, attendance, evaluations and device health arrive signed, each once, in order per stream', async () => {
    ({ hub, sim } = await hallWithProvince());
    const h = hub;
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    const ids = await serveTickets(h, 5);
    // A visitor who took a ticket with an ID card: the default ('none') sends no part of the number.
    const withId = await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general', idNumber: '11010519900101123X' } });
    expect(withId.statusCode).toBe(201);
    await h.app.inject({ method: 'POST', url: '/api/windows/1/pause', headers: h.as('staff-S1'), payload: { reason: '午休' } });
    const rated = await h.app.inject({ method: 'POST', url: `/api/tickets/${ids[0]}/evaluation`, payload: { level: 'dissatisfied', reasons: ['slow'], comment: '慢' } });
    expect(rated.statusCode).toBe(201);
    // A device comes online: its presence row and its device-health record commit together.
    const led = await connectMqtt(h.mqttUrl, 'led-2', h.credentials.passwordFor('led-2')!);
    await led.publishAsync('hall/test-hall/dev/led-2/availability', 'online', { qos: 1 });
    await sim.waitForHeld(1, 'device-health');
    await led.endAsync(true);
    await h.uplink.relay!.drained();

    const queue = sim.held('queue');
    expect(queue.map((e) => e.key)).toEqual(expectedQueueKeys(h));
    expect(queue.map((e) => e.type).slice(0, 3)).toEqual(['issued', 'called', 'served']);
    expect(queue.filter((e) => e.type === 'served')).toHaveLength(5);
    const served = queue.find((e) => e.type === 'served')!;
    expect(served.data).toMatchObject({ day: '2026-11-23', ticketNumber: 'A001', windowNo: '1', staffNo: 'S1', issuedAt: expect.any(String), finishedAt: expect.any(String) });
    // No personal data unless configured, and never the ticket id (the visitor's QR secret).
    expect(JSON.stringify(queue)).not.toContain(ids[0]!);
    const issuedWithId = queue.find((e) => e.type === 'issued' && e.data.ticketNumber === withId.json().number)!;
    expect(issuedWithId.data).not.toHaveProperty('idNumber');
    expect(issuedWithId.data).not.toHaveProperty('idCipher');
    expect(JSON.stringify(sim.held())).not.toContain('19900101');

    expect(sim.held('attendance').map((e) => [e.type, e.data.windowNo, e.data.staffNo])).toEqual([
      ['open', '1', 'S1'],
      ['pause', '1', 'S1'],
    ]);
    const [evaluation] = sim.held('evaluation');
    expect(evaluation!.key).toBe('test-hall:evaluation:2026-11-23:A001:1');
    expect(evaluation!.data).toMatchObject({ projectNo: 'test-hall-20261123-A001', satisfaction: '4', pf: '3', evalDetail: 'slow', writingEvaluation: '慢', assessNumber: 1 });
    expect(sim.held('device-health')[0]!.data).toMatchObject({ deviceId: 'led-2', deviceType: 'led-strip', online: true, windowNo: '2' });

    // Each event received once: nothing was resent (no request timed out here), so the province's
    // de-duplication had nothing to do.
    expect(sim.stats()).toMatchObject({ badSignatures: 0, outOfOrder: 0, duplicates: 0 });
    const status = (await h.app.inject({ url: '/api/uplink/status', headers: h.as('boss') })).json();
    expect(status.streams.find((s: { stream: string }) => s.stream === 'queue')).toMatchObject({ backlog: 0, delivered: queue.length, failures: 0, oldestAt: null });
  }, 90_000);

  it('a province that fails, then slows, then goes away: nothing is lost, the backlog shows, backoff retries, every event arrives once', async () => {
    ({ hub, sim } = await hallWithProvince({ batchSize: 7 }));
    const h = hub;
    const s = sim;
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    s.setMode({ mode: 'fail', status: 503 });
    await serveTickets(h, 10);
    h.clock.advance(5 * 60_000);
    const status = (await h.app.inject({ url: '/api/uplink/status', headers: h.as('boss') })).json();
    const queue = status.streams.find((x: { stream: string }) => x.stream === 'queue');
    expect(queue.backlog).toBe(30);
    expect(queue.oldestAgeSeconds).toBeGreaterThanOrEqual(300);
    expect(queue.lastError).toContain('503');
    expect(status.disk).toMatchObject({ level: expect.stringMatching(/ok|warn|critical/), outboxBytes: expect.any(Number) });
    expect(s.stats().failedOnPurpose).toBeGreaterThan(0);
    expect(s.held('queue')).toHaveLength(0);

    s.setMode({ mode: 'slow', delayMs: 30 });
    await s.waitForHeld(7, 'queue');
    await s.goAway();
    await serveTickets(h, 5);
    await s.comeBack();
    s.setMode({ mode: 'ok' });
    await h.uplink.relay!.drained();
    expect(s.held('queue').map((e) => e.key)).toEqual(expectedQueueKeys(h));
    // Failed (503) and refused (connection) requests held nothing. A batch the province took just as it went
    // away lost its answer with the connection, so the hall sent it again: at-least-once delivery, and the
    // province's idempotency on event keys held each event once (the keys above). Only batches in flight at that
    // moment — at most one per stream — can come twice.
    const stats = s.stats();
    expect(stats).toMatchObject({ outOfOrder: 0, badSignatures: 0 });
    expect(stats.duplicates).toBeLessThanOrEqual(7 * h.uplink.status().streams.length);
  }, 90_000);

  it('a wrong key: the province refuses every batch (401), the hall keeps them and says why', async () => {
    ({ hub, sim } = await hallWithProvince({}, { simKey: 'a-different-key-0000000000000000' }));
    const h = hub;
    const s = sim;
    await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
    await s.waitForStats((st) => st.badSignatures >= 2);
    expect(s.held()).toHaveLength(0);
    expect(s.stats()).toMatchObject({ accepted: 0, duplicates: 0 });
    const queue = h.uplink.status().streams.find((x) => x.stream === 'queue')!;
    expect(queue.backlog).toBe(1);
    expect(queue.lastError).toContain('401');
  }, 90_000);
});
