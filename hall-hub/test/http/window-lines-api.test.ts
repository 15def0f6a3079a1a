import { afterEach, describe, expect, it } from 'vitest';
import type { LineMove, WindowActionResult } from '@hall/shared';
import { streamClient, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { reportHall } from '@hall/testkit/seeded-day';

let hub: TestHub | undefined;
const clients: StreamClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.close();
  hub = undefined;
});

/** 市场监管 windows 1–3, 税务 window 4; 王芳 (S2) has learnt the tax line; 李娜 (S3) may re-assign her own window. */
function flexHall() {
  const base = reportHall();
  return {
    ...base,
    staff: base.staff.map((s) => ({ ...s, ...(s.no === 'S2' ? { skills: ['tax'] } : {}), ...(s.no === 'S3' ? { mayAssignLines: true } : {}) })),
  };
}

describe('弹性窗口 over HTTP and the socket', () => {
  it('a manager moves an idle window onto a red line: proposed, applied, audited, shown on the walls, called next', async () => {
    hub = await testHub(flexHall(), fakeClock(), { listen: true });
    const h = hub;
    const post = (url: string, who: string, payload: object) => h.app.inject({ method: 'POST', url, headers: h.as(who), payload });
    expect((await post('/api/windows/2/open', 'staff-S2', {})).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'tax' } });
    h.clock.advance(41 * MINUTE);

    const moves = (await h.app.inject({ method: 'GET', url: '/api/line-moves', headers: h.as('boss') })).json<LineMove[]>();
    expect(moves).toEqual([expect.objectContaining({ lineId: 'tax', lineName: '税务业务', windowNo: '2', staffName: '王芳', because: 'skill' })]);

    const wall = streamClient(h.base, 'display', { deviceId: 'wall-1', token: h.credentials.passwordFor('wall-1')! });
    clients.push(wall);
    await wall.waitFor(() => wall.snapshots[0], 10_000, 'snapshot');

    const r = await post('/api/windows/2/lines', 'boss', { lines: moves[0]!.lines });
    expect(r.statusCode).toBe(200);
    expect(r.json<WindowActionResult>().window.lines).toEqual(['general', 'tax']);
    // The walls and window screens get the window's new service as an event, and the tax line's new capacity.
    const seen = await wall.waitFor(() => wall.events.find((e) => e.type === 'WindowLinesAssigned'), 10_000, 'the assignment');
    expect(seen.window).toMatchObject({ no: '2', lines: ['general', 'tax'] });
    expect(seen.lines?.find((l) => l.id === 'tax')?.openWindows).toBe(1);
    // Audited as who did what.
    const audited = () => h.audit.query({ limit: 20 }).find((e) => e.action === 'POST /api/windows/:no/lines');
    await expect.poll(audited).toMatchObject({ actor: 'boss', role: 'manager', target: '{"no":"2"}', outcome: 'ok' });

    const call = await post('/api/windows/2/call-next', 'staff-S2', {});
    expect(call.json<WindowActionResult>().ticket?.number).toBe('B001');
    expect((await h.app.inject({ method: 'GET', url: '/api/line-moves', headers: h.as('boss') })).json()).toEqual([]);
  });

  it('staff need the right and a post at the window; bad lines are refused in both languages', async () => {
    hub = await testHub(flexHall(), fakeClock());
    const h = hub;
    const post = (no: string, who: string, payload: object) => h.app.inject({ method: 'POST', url: `/api/windows/${no}/lines`, headers: h.as(who), payload });
    const tax = { lines: [{ line: 'tax', order: 1 }] };
    expect((await post('1', 'staff-S1', tax)).json()).toMatchObject({ code: 'may_not_assign_lines' });
    expect((await post('1', 'staff-S3', tax)).statusCode).toBe(403);
    expect((await post('3', 'staff-S3', tax)).statusCode).toBe(200);
    expect((await post('3', 'audit', tax)).statusCode).toBe(403);
    const dup = await post('3', 'boss', { lines: [{ line: 'tax', order: 1 }, { line: 'tax', order: 2 }] });
    expect(dup.statusCode).toBe(422);
    expect(dup.json()).toMatchObject({ code: 'window_lines_invalid', message: expect.stringContaining('至少') });
    expect((await post('3', 'boss', { lines: [{ line: 'nope', order: 1 }] })).json()).toMatchObject({ code: 'unknown_line' });
    expect((await post('3', 'boss', { lines: [] })).statusCode).toBe(400);
    expect((await post('99', 'boss', tax)).statusCode).toBe(404);
    expect(h.engine.state.assignedLines.get('3')).toEqual([{ line: 'tax', order: 1 }]);
  });
});
