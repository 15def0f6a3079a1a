import { afterEach, describe, expect, it } from 'vitest';
import { connectMqtt, collect } from '@hall/testkit/clients';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

const WINDOWS = [
  { no: '1', name: '综合窗口1', zone: 'general', dept: 'D1', lines: [{ line: 'general' }] },
  { no: '2', name: '综合窗口2', zone: 'general', dept: 'D1', lines: [{ line: 'general' }] },
  { no: '3', name: '综合窗口3', zone: 'general', dept: 'D1', lines: [{ line: 'general' }, { line: 'tax', order: 2 }] },
  { no: '4', name: '税务窗口', zone: 'general', dept: 'D2', lines: [{ line: 'tax' }] },
];

async function start(evaluation: Record<string, unknown> = {}): Promise<TestHub> {
  hub = await testHub(smallHall({ windows: WINDOWS, evaluation }), undefined, { listen: true });
  return hub;
}

async function issue(lineId = 'general'): Promise<{ id: string; number: string }> {
  const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId } });
  expect(r.statusCode).toBe(201);
  return r.json();
}

async function window(no: string, staff: string, action: 'open' | 'call-next' | 'finish') {
  const r = await hub.app.inject({ method: 'POST', url: `/api/windows/${no}/${action}`, headers: hub.as(`staff-${staff}`), payload: action === 'open' ? {} : {} });
  expect(r.statusCode).toBeLessThan(300);
  return r.json();
}

/** Issues a ticket and serves it at the window, start to finish. */
async function served(no: string, staff: string, lineId = 'general') {
  const t = await issue(lineId);
  await window(no, staff, 'call-next');
  await window(no, staff, 'finish');
  return t;
}

const rateByQr = (id: string, payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: `/api/tickets/${id}/evaluation`, payload });
const screenAuth = () => ({ authorization: `Device screen-1:${hub.credentials.passwordFor('screen-1')}` });

describe('好差评: one rating per served ticket, across every channel', () => {
  it('a ticket not yet served is refused; the QR rates once; the window screen and the evaluator are then refused', async () => {
    await start();
    await window('1', 'S1', 'open');
    const t = await issue();
    const early = await rateByQr(t.id, { level: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'not_served', message: expect.stringContaining('办结'), messageEn: expect.stringContaining('not been served') });
    expect((await hub.app.inject({ url: `/api/tickets/${t.id}/evaluation` })).json().state).toBe('not-served');

    await window('1', 'S1', 'call-next');
    await window('1', 'S1', 'finish');
    const status = (await hub.app.inject({ url: `/api/tickets/${t.id}/evaluation` })).json();
    expect(status).toMatchObject({ ticketNumber: 'A001', state: 'open', evaluation: null });
    expect(status.reasons.map((r: { code: string }) => r.code)).toContain('attitude');

    const first = await rateByQr(t.id, { level: 'very-satisfied', comment: '办事很快', requestId: 'qr-req-0001' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ ticketNumber: 'A001', windowNo: '1', staffNo: 'S1', dept: 'D1', level: 'very-satisfied', channel: 'qr', active: true, bad: false, comment: '办事很快' });
    // The same request again (a phone retrying): the same answer, nothing new.
    const retry = await rateByQr(t.id, { level: 'very-satisfied', comment: '办事很快', requestId: 'qr-req-0001' });
    expect(retry.statusCode).toBe(200);
    const again = await rateByQr(t.id, { level: 'very-dissatisfied', reasons: ['attitude'] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_rated', message: expect.stringContaining('已经评价') });

    const screen = await hub.app.inject({ method: 'POST', url: '/api/windows/1/evaluation', headers: screenAuth(), payload: { level: 'dissatisfied', ticketId: t.id } });
    expect(screen.statusCode).toBe(409);
    expect(screen.json().code).toBe('already_rated');

    // The window's evaluator over MQTT rates the ticket just finished there: already rated by its QR.
    const bridge = await connectMqtt(hub.mqttUrl, 'bridge-1', hub.credentials.passwordFor('bridge-1')!);
    closers.push(() => bridge.end(true));
    const inbox = collect(bridge);
    await bridge.subscribeAsync('hall/test-hall/dev/evaluator-1/response/+', { qos: 1 });
    await bridge.publishAsync('hall/test-hall/dev/evaluator-1/request/rate', JSON.stringify({ transaction: 'e1', level: 'dissatisfied' }), { qos: 1 });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload)).toMatchObject({ status: 'error', error: { code: 'already_rated' } });

    // The other way round: the evaluator first, then the QR is refused.
    hub.clock.advance(MINUTE);
    const t2 = await served('1', 'S1');
    await bridge.publishAsync('hall/test-hall/dev/evaluator-1/request/rate', JSON.stringify({ transaction: 'e2', level: 'basic' }), { qos: 1 });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload)).toMatchObject({ status: 'ok' });
    expect((await rateByQr(t2.id, { level: 'satisfied' })).json().code).toBe('already_rated');

    const list = (await hub.app.inject({ url: '/api/evaluations', headers: hub.as('boss') })).json();
    expect(list.map((e: { ticketNumber: string; channel: string; level: string }) => [e.ticketNumber, e.channel, e.level]).sort()).toEqual([
      ['A001', 'qr', 'very-satisfied'],
      ['A002', 'evaluator', 'basic'],
    ]);
    // The ticket id is the visitor's QR secret: never in an evaluation view.
    expect(JSON.stringify(list)).not.toContain(t.id);
  }, 90_000);

  it('the window screen rates the ticket just served at its window, and only its own window', async () => {
    await start();
    await window('1', 'S1', 'open');
    await window('2', 'S2', 'open');
    await served('1', 'S1');
    const wrong = await hub.app.inject({ method: 'POST', url: '/api/windows/2/evaluation', headers: screenAuth(), payload: { level: 'satisfied' } });
    expect(wrong.statusCode).toBe(403);
    const unsigned = await hub.app.inject({ method: 'POST', url: '/api/windows/1/evaluation', payload: { level: 'satisfied' } });
    expect(unsigned.statusCode).toBe(401);
    const r = await hub.app.inject({
      method: 'POST',
      url: '/api/windows/1/evaluation',
      headers: screenAuth(),
      payload: { level: 'dissatisfied', reasons: ['long-wait', 'slow'], comment: '等了很久', via: 'tablet' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ ticketNumber: 'A001', channel: 'tablet', bad: true, reasons: ['long-wait', 'slow'] });
    expect(hub.engine.ticketByNumber('A001')?.rating).toBe('dissatisfied');
  }, 90_000);

  it('reasons only with a 差评, and only the hall’s own reasons', async () => {
    await start();
    await window('1', 'S1', 'open');
    const t = await served('1', 'S1');
    const goodWithReasons = await rateByQr(t.id, { level: 'satisfied', reasons: ['slow'] });
    expect(goodWithReasons.statusCode).toBe(422);
    expect(goodWithReasons.json().code).toBe('reasons_only_for_bad');
    const unknown = await rateByQr(t.id, { level: 'dissatisfied', reasons: ['rude-weather'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('unknown_reason');
    const badShape = await rateByQr(t.id, { level: 4 });
    expect(badShape.statusCode).toBe(400);
    expect((await rateByQr(t.id, { level: 'dissatisfied', reasons: ['slow'] })).statusCode).toBe(201);
  }, 90_000);
});

describe('未评价 and the figures', () => {
  it('no rating within the configured time is 未评价: counted apart, never a good rating; rates per window, staff, department, day, month', async () => {
    await start({ unratedAfterMinutes: 30 });
    await window('1', 'S1', 'open');
    await window('4', 'S4', 'open');
    const a1 = await served('1', 'S1');
    const a2 = await served('1', 'S1');
    const a3 = await served('1', 'S1');
    const b1 = await served('4', 'S4', 'tax');
    expect((await rateByQr(a1.id, { level: 'very-satisfied' })).statusCode).toBe(201);
    expect((await rateByQr(a2.id, { level: 'very-dissatisfied', reasons: ['attitude'] })).statusCode).toBe(201);
    hub.clock.advance(31 * MINUTE);
    // a3 and b1 were never rated: the time has passed.
    const late = await rateByQr(a3.id, { level: 'very-satisfied' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'rating_closed', message: expect.stringContaining('未评价') });
    expect((await hub.app.inject({ url: `/api/tickets/${b1.id}/evaluation` })).json().state).toBe('unrated');
    const c1 = await served('4', 'S4', 'tax'); // still within its time: pending

    const figures = (by: string) => hub.app.inject({ url: `/api/evaluations/figures?by=${by}`, headers: hub.as('boss') }).then((r) => r.json());
    const byWindow = await figures('window');
    const w1 = byWindow.rows.find((r: { key: string }) => r.key === '1');
    expect(w1).toMatchObject({ served: 3, rated: 2, active: 2, good: 1, bad: 1, unrated: 1, pending: 0, goodRate: 0.5, activeGoodRate: 0.5, unratedRate: 0.3333 });
    expect(w1.levels).toMatchObject({ 'very-satisfied': 1, 'very-dissatisfied': 1, satisfied: 0 });
    const w4 = byWindow.rows.find((r: { key: string }) => r.key === '4');
    expect(w4).toMatchObject({ served: 2, rated: 0, unrated: 1, pending: 1, goodRate: null, activeGoodRate: null, unratedRate: 0.5 });
    expect(byWindow.total).toMatchObject({ served: 5, rated: 2, good: 1, unrated: 2, pending: 1 });
    expect(byWindow.definitions.unratedRate).toContain('未评价率');

    expect((await figures('staff')).rows.map((r: { key: string; served: number }) => [r.key, r.served])).toEqual([['S1', 3], ['S4', 2]]);
    expect((await figures('dept')).rows.map((r: { key: string; served: number }) => [r.key, r.served])).toEqual([['D1', 3], ['D2', 2]]);
    expect((await figures('day')).rows).toEqual([expect.objectContaining({ key: '2026-11-23', served: 5, unrated: 2 })]);
    expect((await figures('month')).rows).toEqual([expect.objectContaining({ key: '2026-11', served: 5 })]);
    void c1;
    const forbidden = await hub.app.inject({ url: '/api/evaluations/figures', headers: hub.as('staff-S1') });
    expect(forbidden.statusCode).toBe(403);
  }, 90_000);

  it('the QR rates yesterday’s ticket the next morning (within its time), once', async () => {
    await start({ unratedAfterMinutes: 24 * 60 });
    await window('1', 'S1', 'open');
    const t = await served('1', 'S1');
    hub.clock.advance(20 * 60 * MINUTE); // the next morning, 05:00
    hub.engine.ensureDay();
    expect(hub.engine.state.tickets.has(t.id)).toBe(false);
    const r = await rateByQr(t.id, { level: 'satisfied' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ day: '2026-11-23', ticketNumber: 'A001', staffNo: 'S1' });
    expect((await rateByQr(t.id, { level: 'basic' })).json().code).toBe('already_rated');
    expect(hub.engine.ticket(t.id)?.rating).toBe('satisfied');
  }, 90_000);
});

describe('差评 follow-up', () => {
  it('verify, rectify, reply with working-day deadlines; a wrong step is refused; overdue warnings', async () => {
    await start();
    await window('1', 'S1', 'open');
    const t = await served('1', 'S1');
    await rateByQr(t.id, { level: 'dissatisfied', reasons: ['not-once'], comment: '材料没有一次说清楚' });
    const list = (await hub.app.inject({ url: '/api/evaluations/follow-ups', headers: hub.as('boss') })).json();
    expect(list).toHaveLength(1);
    const f = list[0];
    expect(f).toMatchObject({ id: '2026-11-23-A001', status: 'open', ticketNumber: 'A001', reasons: ['not-once'], overdue: false });
    // Rated on Monday: verify by the end of Tuesday (1 working day), rectify and reply within 15 working days.
    expect(f.verifyDue).toBe('2026-11-24T15:59:59.999Z');
    expect(f.due).toBe(f.verifyDue);
    expect(f.replyDue).toBe('2026-12-14T15:59:59.999Z');

    let boss = hub.as('boss');
    const post = (step: string, payload: Record<string, unknown>, who = 'boss') =>
      hub.app.inject({ method: 'POST', url: `/api/evaluations/follow-ups/${f.id}/${step}`, headers: who === 'boss' ? boss : hub.as(who), payload });
    const early = await post('reply', { note: '已回复' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'follow_up_wrong_step', message: expect.stringContaining('待核实') });
    expect((await post('verify', { finding: 'confirmed', note: 'x' }, 'staff-S1')).statusCode).toBe(403);

    hub.clock.advance(2 * 24 * 60 * MINUTE); // Wednesday: the verification deadline has passed
    // Sessions end after hours idle: the manager signs in again.
    const login = await hub.auth.login('boss', 'correct horse');
    if (!login.ok) throw new Error('login failed');
    boss = { authorization: `Bearer ${login.session.token}` };
    const summary = (await hub.app.inject({ url: '/api/evaluations/follow-ups/summary', headers: boss })).json();
    expect(summary).toEqual({ open: 1, overdue: 1, dueSoon: 0 });
    const attention = (await hub.app.inject({ url: '/api/evaluations/follow-ups?attention=true', headers: boss })).json();
    expect(attention.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue])).toEqual([['2026-11-23-A001', true]]);

    expect((await post('verify', { finding: 'confirmed', note: '回访属实' })).json()).toMatchObject({ status: 'verified', finding: 'confirmed', overdue: false, due: f.rectifyDue });
    expect((await post('rectify', { note: '窗口人员培训一次性告知' })).json().status).toBe('rectified');
    const closed = (await post('reply', { note: '已电话回复群众' })).json();
    expect(closed).toMatchObject({ status: 'closed', due: null, overdue: false });
    expect(closed.history.map((h: { step: string; by: string }) => [h.step, h.by])).toEqual([
      ['opened', 'system'],
      ['verify', 'boss'],
      ['rectify', 'boss'],
      ['reply', 'boss'],
    ]);
    const audit = (await hub.app.inject({ url: '/api/audit?actor=boss', headers: boss })).json();
    expect(audit.map((a: { action: string }) => a.action)).toContain('POST /api/evaluations/follow-ups/:id/rectify');
  }, 90_000);
});
