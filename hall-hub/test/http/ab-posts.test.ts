import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationView, Report, WindowActionResult } from '@hall/shared';
import { attendanceRecord } from '../../src/domain/uplink/streams.js';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { reportHall } from '@hall/testkit/seeded-day';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('AB岗: the B post takes over the A post’s open window', () => {
  it('the B post becomes the person on duty — window, ratings, reports — with the A post’s absence reason; one action hands back', async () => {
    hub = await testHub(reportHall(), fakeClock());
    const h = hub;
    const post = (url: string, who: string, payload: object = {}) => h.app.inject({ method: 'POST', url, headers: h.as(who), payload });
    const rate = (level: string) => h.app.inject({ method: 'POST', url: '/api/windows/1/evaluation', headers: h.kiosk('screen-1'), payload: { level } });
    expect((await post('/api/windows/1/open', 'staff-S1')).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
    await post('/api/windows/1/call-next', 'staff-S1');
    await post('/api/windows/1/finish', 'staff-S1');
    expect((await rate('very-satisfied')).statusCode).toBe(201);
    h.clock.advance(10 * MINUTE);

    // His B post cannot serve at his window under his name: she takes it over first.
    expect((await post('/api/windows/1/call-next', 'staff-S5')).json()).toMatchObject({ code: 'take_over_first' });
    // 陈静 (S5), 张伟's B post, signs in at his open window: she is on duty there now; his reason is kept.
    const took = await post('/api/windows/1/open', 'staff-S5', { absenceReason: '外出开会' });
    expect(took.statusCode).toBe(200);
    expect(took.json<WindowActionResult>().window).toMatchObject({ status: 'idle', staffNo: 'S5', staffName: '陈静', coveringFor: 'S1', absenceReason: '外出开会' });
    // A colleague who is not his B post cannot take it.
    expect((await post('/api/windows/1/open', 'boss', { staffNo: 'S3' })).json()).toMatchObject({ code: 'window_taken' });

    await post('/api/windows/1/call-next', 'staff-S5');
    await post('/api/windows/1/finish', 'staff-S5');
    expect((await rate('satisfied')).statusCode).toBe(201);
    const evaluations = (await h.app.inject({ url: '/api/evaluations', headers: h.as('boss') })).json<EvaluationView[]>();
    expect(evaluations.map((e) => [e.level, e.staffNo])).toEqual(expect.arrayContaining([['very-satisfied', 'S1'], ['satisfied', 'S5']]));

    h.clock.advance(10 * MINUTE);
    // Hand-back is one action; the A post is on duty again and serves the next visitor.
    const back = await post('/api/windows/1/hand-back', 'staff-S5');
    expect(back.json<WindowActionResult>().window).toMatchObject({ staffNo: 'S1', coveringFor: null, absenceReason: null });
    expect((await post('/api/windows/1/hand-back', 'staff-S1')).json()).toMatchObject({ code: 'not_covering' });
    await post('/api/windows/1/call-next', 'staff-S1');
    await post('/api/windows/1/finish', 'staff-S1');

    // The report has both people, each with what they served.
    const report = (await h.app.inject({ url: '/api/reports/daily', headers: h.as('boss') })).json<Report>();
    const served = Object.fromEntries(report.staff.map((r) => [r.key, r.figures.served]));
    expect(served).toMatchObject({ S1: 2, S5: 1 });
  });

  it('the A post signing in again at the window their B post covers hands it back; a ticket in hand stays with the window', async () => {
    hub = await testHub(reportHall(), fakeClock());
    const h = hub;
    const post = (url: string, who: string, payload: object = {}) => h.app.inject({ method: 'POST', url, headers: h.as(who), payload });
    await post('/api/windows/1/open', 'staff-S1');
    await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
    await post('/api/windows/1/call-next', 'staff-S1');
    const took = await post('/api/windows/1/open', 'staff-S5', { absenceReason: '病假' });
    expect(took.json<WindowActionResult>().window).toMatchObject({ status: 'calling', currentTicket: 'A001', staffNo: 'S5' });
    const again = await post('/api/windows/1/open', 'staff-S1');
    expect(again.json<WindowActionResult>().window).toMatchObject({ status: 'calling', currentTicket: 'A001', staffNo: 'S1', coveringFor: null });
  });

  it('the uplink’s attendance record of a takeover carries who covers for whom and why', () => {
    const rec = attendanceRecord(7, { type: 'WindowOpened', at: 0, windowNo: '1', staffNo: 'S5', coveringFor: 'S1', absenceReason: '外出开会' }, 'S1', 'h1');
    expect(rec?.data).toMatchObject({ staffNo: 'S5', coveringFor: 'S1', absenceReason: '外出开会' });
  });
});
