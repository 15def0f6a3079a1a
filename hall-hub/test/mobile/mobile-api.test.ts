import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});

async function hall(): Promise<TestHub> {
  const h = await testHub();
  hubs.push(h);
  return h;
}

const take = async (h: TestHub) => (await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).json() as { id: string; number: string };
/** a real token with its last character changed */
const nearMiss = (id: string) => `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
const mine = (h: TestHub, token: string, etag?: string) =>
  h.app.inject({ url: '/api/m/ticket', headers: { 'x-ticket-token': token, ...(etag ? { 'if-none-match': etag } : {}) } });

describe("the visitor's phone page API", () => {
  it('shows the ticket by its token — position and wait — and nothing else about the visitor', async () => {
    const h = await hall();
    await take(h);
    await take(h);
    const t = await take(h);
    const r = await mine(h, t.id);
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toMatchObject({ number: t.number, status: 'waiting', peopleAhead: 2, lineName: '综合业务', hallName: '测试政务服务中心' });
    // Never its id (the token itself), the visitor's ID number, or anybody else's ticket.
    expect(Object.keys(r.json()).sort()).toEqual(
      ['calledAt', 'day', 'estimatedWaitMinutes', 'hallName', 'lineName', 'lineNameEn', 'noShow', 'number', 'peopleAhead', 'recallCount', 'servingWindows', 'status', 'stepOutsLeft', 'steppedOut', 'windowName', 'windowNo'].sort(),
    );
  });

  it('a held request answers as soon as the ticket is called, with the window to go to', async () => {
    const h = await hall();
    const t = await take(h);
    const first = await mine(h, t.id);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const held = mine(h, t.id, etag);
    const s1 = h.as('staff-S1');
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} })).statusCode).toBe(200);
    const r = await held;
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'called', windowNo: '1', windowName: '综合窗口1' });
    expect(r.headers.etag).not.toBe(etag);
  });

  it('a held request ends as 304 Not Modified when its ticket did not change, whatever else happened', async () => {
    const h = await testHub(undefined, undefined, { env: { HALL_MOBILE_HOLD_MS: '300' } });
    hubs.push(h);
    const t = await take(h);
    const etag = (await mine(h, t.id)).headers.etag as string;
    const held = mine(h, t.id, etag);
    await take(h); // a ticket behind it: a commit, but this ticket's view is the same
    const r = await held;
    expect(r.statusCode).toBe(304);
    expect(r.body).toBe('');
  });

  it('a held request wakes when a ticket ahead of it on its line is called, and not for another line', async () => {
    const h = await hall();
    const s1 = h.as('staff-S1');
    const s4 = h.as('staff-S4');
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} });
    await h.app.inject({ method: 'POST', url: '/api/windows/4/open', headers: s4, payload: {} });
    await take(h);
    const t = await take(h);
    const first = await mine(h, t.id);
    expect(first.json()).toMatchObject({ peopleAhead: 1 });
    let answered = false;
    const held = mine(h, t.id, first.headers.etag as string).then((r) => {
      answered = true;
      return r;
    });
    // A ticket on the tax line is issued and called: nothing about this ticket changed, so the poll stays held.
    await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'tax' } });
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/4/call-next', headers: s4, payload: {} })).statusCode).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    // The ticket ahead of it is called at window 1: the poll answers with nobody ahead.
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} })).statusCode).toBe(200);
    const r = await held;
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'waiting', peopleAhead: 0 });
  });

  it('a stopping hub lets held requests go at once (503, connection closed) instead of holding its shutdown', async () => {
    const h = await testHub();
    const t = await take(h);
    const etag = (await mine(h, t.id)).headers.etag as string;
    // Held for the default 25 s — longer than this test may take.
    const held = mine(h, t.id, etag);
    await h.close();
    const r = await held;
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ code: 'hub_stopping' });
    expect(r.headers.connection).toBe('close');
  }, 20_000);

  it('a listening hub stops with a phone holding a poll over a real connection: the poll is let go, not waited out', async () => {
    // The hold is short so that the old fault (the server's close waiting for the held poll) ends in a 304 after the
    // hold rather than a hung test; a hub that lets go answers 503 at once.
    const h = await testHub(undefined, undefined, { listen: true, env: { HALL_MOBILE_HOLD_MS: '3000' } });
    const t = await take(h);
    const url = `${h.base}/api/m/ticket`;
    const etag = (await fetch(url, { headers: { 'x-ticket-token': t.id } })).headers.get('etag') as string;
    const arrived = once(h.app.server, 'request') as Promise<[IncomingMessage]>;
    const held = fetch(url, { headers: { 'x-ticket-token': t.id, 'if-none-match': etag } });
    // Held once the route listens for the request's close (fastify's own listeners are there by now).
    const [req] = await arrived;
    const before = req.listenerCount('close');
    while (req.listenerCount('close') === before) await new Promise((r) => setImmediate(r));
    await h.close();
    const r = await held;
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ code: 'hub_stopping' });
    expect(h.app.server.listening).toBe(false);
  }, 20_000);

  it("a token stops working at the end of its day", async () => {
    const h = await hall();
    const t = await take(h);
    expect((await mine(h, t.id)).statusCode).toBe(200);
    h.clock.advance(24 * 60 * 60_000);
    h.engine.ensureDay();
    const r = await mine(h, t.id);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'no_ticket' });
  });

  it('1,000 random tokens get no ticket data, and guessing is slowed to a crawl', async () => {
    const h = await hall();
    for (let i = 0; i < 20; i++) await take(h);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      // Well-formed UUIDs, other random strings, and near misses of a real token.
      const token = i % 3 === 0 ? randomUUID() : i % 3 === 1 ? randomBytes(18).toString('base64url') : nearMiss((await take(h)).id);
      const r = await h.app.inject({ url: '/api/m/ticket', headers: { 'x-ticket-token': token }, remoteAddress: `10.9.${i % 4}.7` });
      statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
      expect(r.body).not.toMatch(/"number"/);
    }
    expect(statuses.get(200)).toBeUndefined();
    // 4 addresses × 60 a minute: the rest are refused before any lookup.
    expect(statuses.get(429)).toBeGreaterThan(700);
  });

  it('stepping out moves the ticket back behind the next 3 waiting, once; the queue calls in the new order', async () => {
    const h = await hall();
    const first = await take(h);
    const others = [await take(h), await take(h), await take(h), await take(h)];
    expect((await mine(h, first.id)).json()).toMatchObject({ peopleAhead: 0, stepOutsLeft: 1, steppedOut: 0 });
    const out = await h.app.inject({ method: 'POST', url: '/api/m/step-out', headers: { 'x-ticket-token': first.id }, payload: {} });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ peopleAhead: 3, stepOutsLeft: 0, steppedOut: 1, status: 'waiting' });
    const again = await h.app.inject({ method: 'POST', url: '/api/m/step-out', headers: { 'x-ticket-token': first.id }, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('step_out_limit');

    const s1 = h.as('staff-S1');
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} });
    const called: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} });
      called.push(r.json().ticket.number);
      await h.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: s1, payload: {} });
    }
    expect(called).toEqual([others[0]!.number, others[1]!.number, others[2]!.number, first.number, others[3]!.number]);
  });

  it('a step-out resent with its request key (the phone got no answer the first time) moves the ticket back once', async () => {
    const h = await hall();
    const first = await take(h);
    for (let i = 0; i < 4; i++) await take(h);
    const stepOut = (requestId: string) => h.app.inject({ method: 'POST', url: '/api/m/step-out', headers: { 'x-ticket-token': first.id }, payload: { requestId } });
    const sent = await stepOut('m-out-resend-1');
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ peopleAhead: 3, steppedOut: 1 });
    const resent = await stepOut('m-out-resend-1');
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ peopleAhead: 3, steppedOut: 1 });
    // A new request (another key) is a second step-out: refused by the limit, not applied.
    const another = await stepOut('m-out-another-2');
    expect(another.statusCode).toBe(409);
    expect(another.json().code).toBe('step_out_limit');
    expect((await mine(h, first.id)).json()).toMatchObject({ peopleAhead: 3, steppedOut: 1 });
  });

  it('stepping out is refused once the ticket has been called, and for an unknown token', async () => {
    const h = await hall();
    const t = await take(h);
    const s1 = h.as('staff-S1');
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} });
    const r = await h.app.inject({ method: 'POST', url: '/api/m/step-out', headers: { 'x-ticket-token': t.id }, payload: {} });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('ticket_not_waiting');
    const unknown = await h.app.inject({ method: 'POST', url: '/api/m/step-out', headers: { 'x-ticket-token': randomUUID() }, payload: {} });
    expect(unknown.statusCode).toBe(404);
  });

  it('a missing or malformed token header is refused with a clear message', async () => {
    const h = await hall();
    const none = await h.app.inject({ url: '/api/m/ticket' });
    expect(none.statusCode).toBe(400);
    expect(none.json().messageEn).toMatch(/x-ticket-token/);
    const bad = await mine(h, '../../etc/passwd');
    expect(bad.statusCode).toBe(404);
  });
});
