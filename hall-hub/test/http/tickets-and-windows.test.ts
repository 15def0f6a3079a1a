import { afterEach, describe, expect, it } from 'vitest';
import { dataFileNames, dataFilesText } from '../support/data-files.js';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { MINUTE } from '@hall/testkit/hall-fixture';

let hub: TestHub;
afterEach(async () => hub?.close());

describe('tickets over HTTP', () => {
  it('a kiosk takes a ticket and learns its number, line, people ahead and estimated wait', async () => {
    hub = await testHub();
    const first = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    expect(first.statusCode).toBe(201);
    const second = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    expect(second.json()).toMatchObject({
      number: 'A002',
      lineName: '综合业务',
      status: 'waiting',
      peopleAhead: 1,
      channel: 'kiosk',
      servingWindows: ['1', '2', '3'],
    });
    expect(second.json().estimatedWaitMinutes).toBeTypeOf('number');
    const byId = await hub.app.inject({ url: `/api/tickets/${second.json().id}` });
    expect(byId.json().number).toBe('A002');
    const byNumber = await hub.app.inject({ url: '/api/tickets/by-number/A001' });
    expect(byNumber.json().id).toBe(first.json().id);
  });

  it('validation names the field and the reason, and nothing is issued', async () => {
    hub = await testHub();
    const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: '123' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'invalid_request', details: [expect.objectContaining({ field: 'body/idNumber' })] });
    expect(r.json().message).toContain('body/idNumber');
    const extra = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', colour: 'red' } });
    expect(extra.json().details[0]).toEqual({ field: 'body/colour', problem: 'is not a known field' });
    const notJson = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...hub.kiosk(), 'content-type': 'application/json' }, payload: '{oops' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBeTypeOf('string');
    expect(hub.engine.state.tickets.size).toBe(0);
    const health = await hub.app.inject({ url: '/api/health' });
    expect(health.json().rejected.invalid_request).toBe(2);
  });

  it('a queue-rule refusal is a 409 with a message in Chinese and English', async () => {
    hub = await testHub();
    const id = '110105199001011234';
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: id } });
    const again = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: id } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_waiting', message: expect.stringContaining('已经有'), messageEn: expect.stringContaining('already') });
    hub.clock.advance(8 * 60 * MINUTE); // 17:00
    const closed = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('ticketing_closed');
  });

  it('an ID number is masked in responses and encrypted at rest', async () => {
    hub = await testHub();
    const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: '11010519900101123X' } });
    expect(r.json().idMasked).toBe('110105********123X');
    // Nowhere in the data folder — any table, the WAL, any other file — in the clear.
    expect(dataFileNames(hub.dataDir)).toEqual(expect.arrayContaining(['hall.db', 'hall.db-wal']));
    const atRest = dataFilesText(hub.dataDir);
    expect(atRest).toContain('110105********123X');
    expect(atRest).not.toContain('19900101');
    // Anonymous look-ups by number never see whose ticket it is.
    const anon = await hub.app.inject({ url: '/api/tickets/by-number/A001' });
    expect(anon.json().idMasked).toBeNull();
    const staff = await hub.app.inject({ url: '/api/tickets/by-number/A001', headers: hub.as('staff-S1') });
    expect(staff.json().idMasked).toBe('110105********123X');
  });

  it('a retry with the same request id returns the same ticket', async () => {
    hub = await testHub();
    const payload = { lineId: 'general', requestId: 'kiosk-3-000017' };
    const a = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload });
    const b = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
  });

  it('takes a ticket by business type, routed to its queue line', async () => {
    hub = await testHub();
    hub.catalog.import(
      {
        format: 'task-exchange/1',
        task_general_basic: [
          { row_guid: 'r1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T-TAX-1', task_name: '发票领用', task_type: '20', task_state: '1', task_version: 1, dept_code: 'D2', dept_name: '税务局' },
        ],
      },
      'test',
    );
    const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { serviceId: 'T-TAX-1' } });
    expect(r.json()).toMatchObject({ number: 'B001', lineId: 'tax' });
  });
});

describe('windows over HTTP', () => {
  it('staff log in, call, recall, start and finish at their own window', async () => {
    hub = await testHub();
    const s1 = hub.as('staff-S1');
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const open = await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} });
    expect(open.json().window).toMatchObject({ status: 'idle', staffNo: 'S1', staffName: '张伟' });
    const call = await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: { requestId: 'press-000001' } });
    expect(call.json()).toMatchObject({ window: { status: 'calling', currentTicket: 'A001' }, ticket: { number: 'A001', status: 'called', windowNo: '1' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/recall', headers: s1, payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/start', headers: s1, payload: {} });
    const done = await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: s1, payload: {} });
    expect(done.json()).toMatchObject({ window: { status: 'idle' }, ticket: { status: 'done', recallCount: 1 } });
  });

  it('unauthenticated → 401; wrong window → 403; wrong role → 403; after logout → 401', async () => {
    hub = await testHub();
    const anon = await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', payload: {} });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('unauthorized');
    const other = await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S1'), payload: {} });
    expect(other.statusCode).toBe(403);
    const auditor = await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: hub.as('audit'), payload: {} });
    expect(auditor.statusCode).toBe(403);
    const importAsStaff = await hub.app.inject({ method: 'POST', url: '/api/admin/catalog/import', headers: hub.as('staff-S1'), payload: { format: 'task-exchange/1' } });
    expect(importAsStaff.statusCode).toBe(403);
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff-S2', password: 'correct horse' } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await hub.app.inject({ url: '/api/auth/me', headers })).json()).toMatchObject({ username: 'staff-S2', role: 'staff', staffNo: 'S2' });
    await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect((await hub.app.inject({ url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('makes an address wait after repeated wrong passwords for a name, without locking the account', async () => {
    hub = await testHub();
    for (let i = 0; i < 5; i++) {
      const r = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'boss', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
    }
    const waiting = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'boss', password: 'correct horse' } });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().code).toBe('too_many_attempts');
    expect(waiting.headers['retry-after']).toBe('60');
    // The manager at another PC is not locked out by whoever guessed.
    const elsewhere = await hub.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.7', payload: { username: 'boss', password: 'correct horse' } });
    expect(elsewhere.statusCode).toBe(200);
    hub.clock.advance(MINUTE);
    const later = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'boss', password: 'correct horse' } });
    expect(later.statusCode).toBe(200);
  });

  it('the B post logs in at the A post’s window; staff cannot log in as someone else', async () => {
    hub = await testHub();
    const b = await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S5'), payload: {} });
    expect(b.json().window).toMatchObject({ staffNo: 'S5', coveringFor: 'S1' });
    const imposter = await hub.app.inject({ method: 'POST', url: '/api/windows/2/open', headers: hub.as('staff-S2'), payload: { staffNo: 'S1' } });
    expect(imposter.statusCode).toBe(403);
  });

  it('managers see warnings; the queue overview is public and says the phase', async () => {
    hub = await testHub();
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    hub.clock.advance(45 * MINUTE);
    const w = await hub.app.inject({ url: '/api/warnings', headers: hub.as('boss') });
    expect(w.json()).toEqual([expect.objectContaining({ kind: 'long-wait', level: 'red', ticketNumber: 'A001' })]);
    expect((await hub.app.inject({ url: '/api/warnings' })).statusCode).toBe(401);
    const q = await hub.app.inject({ url: '/api/queue' });
    expect(q.json()).toMatchObject({ phase: 'open', lines: expect.arrayContaining([expect.objectContaining({ id: 'general', waiting: 1 })]) });
  });

  it('serves OpenAPI generated from the shared schemas', async () => {
    hub = await testHub();
    const doc = (await hub.app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/windows/{no}/call-next', '/api/catalog/services/{id}']));
    const issue = doc.paths['/api/tickets'].post.requestBody.content['application/json'].schema;
    expect(issue.properties.idNumber.pattern).toBe('^[0-9]{17}[0-9Xx]$');
  });
});
