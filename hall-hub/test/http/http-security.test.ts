import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, scryptPasswordHasher } from '../../src/adapters/crypto/passwords.js';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createSqliteAccountStore } from '../../src/adapters/sqlite/sqlite-account-store.js';
import { createAuthService } from '../../src/app/auth-service.js';
import type { PasswordHasher } from '../../src/ports/password-hasher.js';
import type { HallConfig } from '../../src/config/hall-config-schema.js';
import { streamClient, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub | undefined;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await hub?.close();
  hub = undefined;
});

/** The small hall with the hub's real default limits (the fixture raises the ticket rates for other tests). */
function hallWithDefaultLimits(overrides: Record<string, unknown> = {}): HallConfig {
  return smallHall({ server: { ...smallHall().server, limits: {} }, ...overrides });
}

const issue = (h: TestHub, headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/tickets', headers, remoteAddress, payload: { lineId: 'general' } });

describe('who may take a ticket, and how many', () => {
  it('refuses a request that names no kiosk and no staff member, in Chinese and English, and issues nothing', async () => {
    hub = await testHub(hallWithDefaultLimits());
    const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', payload: { lineId: 'general' } });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ code: 'issuer_required', message: expect.stringContaining('自助取号机'), messageEn: expect.stringContaining('kiosk') });
    expect(hub.engine.state.tickets.size).toBe(0);
    // A staff member signed in at the hall, and a kiosk with its credential, may.
    expect((await issue(hub, hub.as('staff-S1'))).statusCode).toBe(201);
    expect((await issue(hub, hub.kiosk())).statusCode).toBe(201);
    // A guessed kiosk token is refused like no token.
    expect((await issue(hub, { authorization: 'Device kiosk-1:guessed' })).statusCode).toBe(401);
  });

  it('a kiosk flooding the hub is held to its rate (429, Retry-After) while another kiosk still takes tickets', async () => {
    const base = smallHall();
    hub = await testHub(hallWithDefaultLimits({ devices: [...base.devices, { id: 'kiosk-2', type: 'kiosk' }] }));
    const perKiosk = 12; // server.limits.ticketsPerKioskPerMinute's default
    const answers: number[] = [];
    for (let i = 0; i < perKiosk + 5; i++) answers.push((await issue(hub, hub.kiosk('kiosk-1'), '10.0.0.21')).statusCode);
    expect(answers.slice(0, perKiosk)).toEqual(Array(perKiosk).fill(201));
    expect(answers.slice(perKiosk)).toEqual(Array(5).fill(429));
    const refused = await issue(hub, hub.kiosk('kiosk-1'), '10.0.0.21');
    expect(refused.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('取号过于频繁'), messageEn: expect.stringContaining('Too many') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The next visitor, at the next kiosk, is served.
    expect((await issue(hub, hub.kiosk('kiosk-2'), '10.0.0.22')).statusCode).toBe(201);
    expect(hub.engine.state.tickets.size).toBe(perKiosk + 1);
  });

  it('one address is held to its rate whichever credentials it sends', async () => {
    hub = await testHub(hallWithDefaultLimits());
    const answers: number[] = [];
    // 30 a minute per address by default; a kiosk's 12 and a staff member's 30 are counted apart.
    for (let i = 0; i < 12; i++) answers.push((await issue(hub, hub.kiosk(), '10.0.0.30')).statusCode);
    for (let i = 0; i < 20; i++) answers.push((await issue(hub, hub.as('staff-S1'), '10.0.0.30')).statusCode);
    expect(answers.filter((s) => s === 201)).toHaveLength(30);
    expect(answers.slice(30)).toEqual([429, 429]);
  });

  it('appointment check-ins (the code is the credential) are rate-limited per address', async () => {
    hub = await testHub(hallWithDefaultLimits());
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) {
      answers.push((await hub.app.inject({ method: 'POST', url: '/api/appointments/check-in', remoteAddress: '10.0.0.40', payload: { code: `guess-${i}` } })).statusCode);
    }
    expect(answers.slice(0, 20).every((s) => s === 404 || s === 409 || s === 422)).toBe(true);
    expect(answers[20]).toBe(429);
  });
});

/** Sends the headers and the first chunk of a large body, and resolves with the answer (if it comes before the body). */
function startUpload(base: string, headers: Record<string, string>, totalBytes: number): { req: ClientRequest; response: Promise<IncomingMessage>; sent: () => number } {
  const url = new URL('/api/admin/catalog/import', base);
  let sent = 0;
  const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(totalBytes), ...headers } });
  req.on('error', () => undefined); // the hub closes the connection after answering; later writes fail
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  req.write(chunk);
  sent += chunk.length;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    const timer = setTimeout(() => reject(new Error(`no answer while the body was still coming (${sent} of ${totalBytes} bytes sent)`)), 10_000);
    req.once('response', () => clearTimeout(timer));
  });
  return { req, response, sent: () => sent };
}

const bodyOf = (res: IncomingMessage) =>
  new Promise<{ code: string }>((resolve) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (text += d));
    res.on('end', () => resolve(JSON.parse(text) as { code: string }));
  });

describe('large bodies are refused before they are read', () => {
  it('an upload from outside the staff network, or without a session, is answered after its first chunk and the connection closed', async () => {
    const base = smallHall();
    hub = await testHub({ ...base, server: { ...base.server, staffNetworks: ['10.0.0.0/8'] } }, fakeClock(), { listen: true });
    const total = 52 * 1024 * 1024;
    const outside = startUpload(hub.base, {}, total);
    closers.push(() => outside.req.destroy());
    const res = await outside.response;
    expect(res.statusCode).toBe(403);
    expect(res.headers.connection).toBe('close');
    expect((await bodyOf(res)).code).toBe('address_not_allowed');
    expect(outside.sent()).toBe(64 * 1024);
    // The hub hangs up rather than read (and hold) the other 52 MB.
    const socket = outside.req.socket!;
    if (!socket.destroyed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(socket.destroyed).toBe(true);
  });

  it('inside the hall network, no session is a 401 before the body; a second concurrent upload is a 503 before its body', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const total = 52 * 1024 * 1024;
    const anonymous = startUpload(hub.base, {}, total);
    closers.push(() => anonymous.req.destroy());
    const res = await anonymous.response;
    expect(res.statusCode).toBe(401);
    expect(anonymous.sent()).toBe(64 * 1024);

    // A manager's upload takes the only upload slot (server.limits.concurrentUploads = 1) while it streams in …
    const arrived = new Promise<ServerResponse>((resolve) => hub!.app.server.once('request', (_req: unknown, res: ServerResponse) => resolve(res)));
    const first = startUpload(hub.base, hub.as('boss'), total);
    closers.push(() => first.req.destroy());
    first.response.catch(() => undefined);
    const atHub = await arrived;
    await new Promise<void>((resolve) => setImmediate(resolve)); // its arrival hooks have run
    // … so a second one is turned away before its body.
    const second = startUpload(hub.base, hub.as('boss'), total);
    closers.push(() => second.req.destroy());
    const busy = await second.response;
    expect(busy.statusCode).toBe(503);
    expect((await bodyOf(busy)).code).toBe('upload_busy');
    expect(second.sent()).toBe(64 * 1024);
    // The first gives up: the slot is free again, and a small upload goes through to the parser.
    const closed = new Promise<void>((resolve) => atHub.once('close', () => resolve()));
    first.req.destroy();
    await closed;
    await new Promise<void>((resolve) => setImmediate(resolve));
    const small = await hub.app.inject({ method: 'POST', url: '/api/admin/catalog/import', headers: { ...hub.as('boss'), 'content-type': 'application/json' }, payload: '{"format":' });
    expect(small.statusCode).toBe(400);
    expect(small.json().code).toBe('catalog_malformed');
  });
});

describe('sign-in', () => {
  it('20 sign-ins in flight do not hold up the event loop: /api/health answers before the sign-ins are done', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const base = hub.base;
    const order: string[] = [];
    const login = (i: number) =>
      fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'boss', password: 'correct horse' }) })
        .then(async (r) => {
          expect(r.status).toBe(200);
          await r.json();
          order.push(`login-${i}`);
        });
    const logins = Array.from({ length: 20 }, (_, i) => login(i));
    // Once the first sign-in is answered the others are all at the hub: now ask for its health.
    await Promise.race(logins);
    const health = fetch(`${base}/api/health`).then(async (r) => {
      await r.text();
      order.push('health');
    });
    await Promise.all([...logins, health]);
    expect(order.indexOf('health')).toBeLessThan(order.length - 1);
    expect(order.filter((o) => o.startsWith('login-'))).toHaveLength(20);
  });

  it('a username that exists and one that does not get the same answers, attempt for attempt, through the waits', async () => {
    hub = await testHub(smallHall());
    const h = hub;
    const attempts = async (username: string, remoteAddress: string) => {
      const seen: Array<{ status: number; code: string; retryAfter: string | undefined; message: string }> = [];
      for (let i = 0; i < 9; i++) {
        const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password: 'not the password' } });
        seen.push({ status: r.statusCode, code: r.json().code, retryAfter: r.headers['retry-after'] as string | undefined, message: r.json().message });
      }
      return seen;
    };
    const known = await attempts('boss', '10.0.0.1');
    const unknown = await attempts('nobody-here', '10.0.0.2');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
    expect(known[5]!.retryAfter).toBe('60');
    // Failing after the wait doubles it.
    h.clock.advance(60_000);
    const again = await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1', payload: { username: 'boss', password: 'still wrong' } });
    expect(again.statusCode).toBe(401);
    const doubled = await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1', payload: { username: 'boss', password: 'correct horse' } });
    expect(doubled.statusCode).toBe(429);
    expect(doubled.headers['retry-after']).toBe('120');
  });
});

describe('password checks', () => {
  it('an unknown name costs the same check as a known one; checks run a few at a time and sign-ins past the queue are turned away at once', async () => {
    const store = createSqliteAccountStore(openDatabase(join(mkdtempSync(join(tmpdir(), 'hall-kdf-')), 'hall.db')));
    // The hub's own scrypt hasher, watched: which hashes it is asked to check, and how many checks overlap.
    const checked: string[] = [];
    let running = 0;
    let most = 0;
    const watched: PasswordHasher = {
      hash: scryptPasswordHasher.hash,
      async verify(password, stored) {
        checked.push(stored);
        most = Math.max(most, ++running);
        try {
          return await scryptPasswordHasher.verify(password, stored);
        } finally {
          running--;
        }
      },
    };
    const auth = createAuthService(store, watched, fakeClock(), 60, { loginFailuresPerAddress: 100, loginFailuresPerName: 100, concurrentLogins: 2, queuedLogins: 3 });
    auth.createAccount({ username: 'boss', password: 'correct horse', role: 'manager' });
    expect(await auth.login('boss', 'wrong', '10.0.0.1')).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await auth.login('nobody-here', 'wrong', '10.0.0.2')).toEqual({ ok: false, code: 'invalid_credentials' });
    // Both ran scrypt once, at the same cost: no early answer for a name that does not exist.
    const cost = (h: string) => h.split('$').slice(0, 4).join('$');
    expect(checked.map(cost)).toEqual([cost(store.get('boss')!.passwordHash), cost(store.get('boss')!.passwordHash)]);

    // Ten at once: two checked, three waiting their turn, five told to come back without a check.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => auth.login('boss', 'correct horse', `10.0.1.${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'login_busy')).toHaveLength(5);
    expect(most).toBe(2);
    expect(checked).toHaveLength(2 + 5);
  });

  it('over HTTP, a sign-in turned away for load is a 429 with Retry-After, not a wrong password', async () => {
    hub = await testHub(hallWithDefaultLimits({ server: { ...smallHall().server, limits: { concurrentLogins: 1, queuedLogins: 0 } } }));
    const h = hub;
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.0.2.${i}`, payload: { username: 'boss', password: 'correct horse' } }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 429, 429, 429]);
    const busy = answers.find((a) => a.statusCode === 429)!;
    expect(busy.json()).toMatchObject({ code: 'login_busy', message: expect.stringContaining('稍后'), messageEn: expect.stringContaining('try again') });
    expect(busy.headers['retry-after']).toBe('1');
  });
});

/** A console connection with a session token, as the console makes it. */
async function consoleSocket(base: string, token: string): Promise<StreamClient> {
  const c = streamClient(base, 'console', { token }, { reconnection: false });
  closers.push(() => c.close());
  await c.waitFor(() => (c.snapshots.length > 0 ? true : undefined), 10_000, 'the console snapshot');
  return c;
}
const disconnected = (c: StreamClient) => new Promise<string>((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)));

async function signIn(h: TestHub, username: string, password = 'correct horse'): Promise<string> {
  const r = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(r.statusCode).toBe(200);
  return r.json().token as string;
}
const me = (h: TestHub, token: string) => h.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

describe('sessions end when they should, and take their live connections with them', () => {
  it('logout closes the console’s socket at once', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const token = await signIn(hub, 'staff-S1');
    const live = await consoleSocket(hub.base, token);
    const gone = disconnected(live);
    expect((await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await me(hub, token)).statusCode).toBe(401);
  });

  it('a password reset ends every session of the account and closes its sockets; other accounts are untouched', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const token = await signIn(hub, 'staff-S1');
    const other = await signIn(hub, 'staff-S2');
    const live = await consoleSocket(hub.base, token);
    const otherLive = await consoleSocket(hub.base, other);
    const gone = disconnected(live);
    const reset = await hub.app.inject({ method: 'POST', url: '/api/admin/accounts', headers: hub.as('boss'), payload: { username: 'staff-S1', password: 'a new password', role: 'staff', staffNo: 'S1' } });
    expect(reset.statusCode).toBe(201);
    expect(await gone).toBe('io server disconnect');
    expect((await me(hub, token)).statusCode).toBe(401);
    expect((await me(hub, other)).statusCode).toBe(200);
    expect(otherLive.socket.connected).toBe(true);
    expect(await signIn(hub, 'staff-S1', 'a new password')).toBeTypeOf('string');
  });

  it('a demotion and a removal end the sessions too', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/admin/accounts', headers: hub.as('boss'), payload: { username: 'deputy', password: 'deputy password', role: 'manager' } });
    const deputy = await signIn(hub, 'deputy', 'deputy password');
    const live = await consoleSocket(hub.base, deputy);
    const gone = disconnected(live);
    await hub.app.inject({ method: 'POST', url: '/api/admin/accounts', headers: hub.as('boss'), payload: { username: 'deputy', password: 'deputy password', role: 'auditor' } });
    expect(await gone).toBe('io server disconnect');
    expect((await me(hub, deputy)).statusCode).toBe(401);

    const auditor = await signIn(hub, 'deputy', 'deputy password');
    const removed = await hub.app.inject({ method: 'DELETE', url: '/api/admin/accounts/deputy', headers: hub.as('boss') });
    expect(removed.statusCode).toBe(204);
    expect((await me(hub, auditor)).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'deputy', password: 'deputy password' } })).statusCode).toBe(401);
  });
});

describe('accounts in the configuration file', () => {
  it('a password changed there ends, at the next start, the sessions signed in with the old one; unchanged accounts keep theirs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-accounts-'));
    const kept = hashPassword('kept password');
    const accounts = (changedHash: string) => [
      { username: 'cfg-changed', role: 'manager', passwordHash: changedHash },
      { username: 'cfg-kept', role: 'manager', passwordHash: kept },
    ];
    const first = await testHub(smallHall({ accounts: accounts(hashPassword('first password')) }), fakeClock(), { dataDir });
    const changed = await first.auth.login('cfg-changed', 'first password');
    const same = await first.auth.login('cfg-kept', 'kept password');
    await first.close();
    if (!changed.ok || !same.ok) throw new Error('sign-in failed');
    hub = await testHub(smallHall({ accounts: accounts(hashPassword('second password')) }), fakeClock(), { dataDir });
    expect(hub.auth.authenticate(changed.session.token)).toBeNull();
    expect(hub.auth.authenticate(same.session.token)).toMatchObject({ username: 'cfg-kept' });
  });
});

describe('staff act on tickets only at windows they work', () => {
  it('cancel and reinstate: the staff of a window serving the ticket may, staff elsewhere may not, managers may', async () => {
    hub = await testHub();
    const t = (await issue(hub, hub.kiosk())).json() as { id: string };
    // S4 works window 4 (tax only); the ticket waits on the general line.
    const elsewhere = await hub.app.inject({ method: 'POST', url: `/api/tickets/${t.id}/cancel`, headers: hub.as('staff-S4'), payload: { reason: '重复取号' } });
    expect(elsewhere.statusCode).toBe(403);
    expect(hub.engine.ticket(t.id)!.status).toBe('waiting');
    const own = await hub.app.inject({ method: 'POST', url: `/api/tickets/${t.id}/cancel`, headers: hub.as('staff-S1'), payload: { reason: '重复取号' } });
    expect(own.statusCode).toBe(200);

    const missed = (await issue(hub, hub.kiosk())).json() as { id: string };
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/2/call-next', headers: hub.as('staff-S2'), payload: {} });
    expect((await hub.app.inject({ method: 'POST', url: '/api/windows/2/no-show', headers: hub.as('staff-S2'), payload: {} })).statusCode).toBe(200);
    // Missed at window 2: window 1's staff did not call it, window 2's did.
    expect((await hub.app.inject({ method: 'POST', url: `/api/tickets/${missed.id}/reinstate`, headers: hub.as('staff-S4') })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'POST', url: `/api/tickets/${missed.id}/reinstate`, headers: hub.as('staff-S1') })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'POST', url: `/api/tickets/${missed.id}/reinstate`, headers: hub.as('staff-S2') })).statusCode).toBe(200);
    const again = await hub.app.inject({ method: 'POST', url: `/api/tickets/${missed.id}/cancel`, headers: hub.as('boss'), payload: { reason: '离开' } });
    expect(again.statusCode).toBe(200);
  });
});

describe('input is refused, not converted', () => {
  it('an array where a string belongs is a 400; so is a day that is not on the calendar', async () => {
    hub = await testHub();
    const line = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: ['general'] } });
    expect(line.statusCode).toBe(400);
    expect(line.json().details[0].field).toBe('body/lineId');
    const group = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', priorityGroup: ['elderly'] } });
    expect(group.statusCode).toBe(400);
    expect(group.json().details[0].field).toBe('body/priorityGroup');
    const count = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', useIdCard: 'true' } });
    expect(count.statusCode).toBe(400);
    expect(hub.engine.state.tickets.size).toBe(0);

    const feb30 = await hub.app.inject({ url: '/api/tickets/by-number/A001?day=2026-02-30' });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().details[0].field).toBe('querystring/day');
    expect((await hub.app.inject({ url: '/api/reports/daily?day=2026-02-30', headers: hub.as('boss') })).statusCode).toBe(400);
    expect((await hub.app.inject({ url: '/api/reports/daily?day=2024-02-29', headers: hub.as('boss') })).statusCode).toBe(200);
    // Query strings are text: a number there is still read as one.
    expect((await hub.app.inject({ url: '/api/catalog/services?q=zz&limit=5' })).statusCode).toBe(200);
    expect((await hub.app.inject({ url: '/api/catalog/services?q=zz&limit=five' })).statusCode).toBe(400);
  });
});
