import type { SupervisedCase } from '@hall/shared';
import { aSupervisedCase, shanghai } from '@hall/testkit/supervised-case';
import type { ProvinceSimulator } from '@hall/province-sim';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';
import { afterEach, describe, expect, it } from 'vitest';
import { restsInClear } from '../support/data-files.js';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const DAY = 86_400_000;
const PHONE = '13800000001';
const sh = shanghai;

const aCase = aSupervisedCase;

// The hub's fake clock starts at Monday 23 November 2026, 09:00 in Shanghai.
const CASES: SupervisedCase[] = [
  aCase('CASE-RED-01', {}), // Tue 17–Thu 19 counted: past its limit since Thursday night
  aCase('CASE-YELLOW-2', { acceptedAt: sh('2026-11-19'), limitWorkingDays: 4, applicant: { kind: 'organisation', name: '杭州云帆科技有限公司' } }), // Fri 20, Mon 23 used: 2 left
  aCase('CASE-GREEN-3', { acceptedAt: sh('2026-11-23', '08:45'), limitWorkingDays: 10, departmentCode: 'dept-b', departmentName: '民政局', applicant: { kind: 'person', name: '欧阳明' } }),
  aCase('CASE-LATE-04', { limitWorkingDays: 1, state: 'decided', finishedAt: sh('2026-11-19') }),
];

async function supervisedHall() {
  ({ hub, sim } = await hallWithProvince({
    supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, departments: [{ code: 'dept-a', phones: [PHONE] }, { code: 'dept-b', phones: [PHONE] }] },
  }));
  sim.putCases(CASES);
  return { h: hub, s: sim };
}

/** A manager signed in now (a session does not outlive the weeks this test winds the clock on). */
async function boss(h: TestHub): Promise<{ authorization: string }> {
  const r = await h.auth.login('boss', 'correct horse');
  if (!r.ok) throw new Error('boss cannot sign in');
  return { authorization: `Bearer ${r.session.token}` };
}

const view = async (h: TestHub) => {
  const r = await h.app.inject({ method: 'POST', url: '/api/supervision/sync', headers: await boss(h) });
  expect(r.statusCode).toBe(200);
  return r.json() as { departments: Array<{ departmentCode: string; red: number; yellow: number; green: number; onTimeRate: number | null }>; attention: Array<{ caseNo: string; light: string; applicant: string }>; warnings: Array<{ id: number; caseNo: string; light: string; handledBy: string | null }> };
};

describe('办件监督: 红黄灯 on approval time limits, from the province’s case feed', () => {
  it('lights each case on the hall calendar, tells the department once per light by SMS, and keeps the trail of warnings', async () => {
    const { h, s } = await supervisedHall();
    const v = await view(h);
    expect(v.attention.map((c) => [c.caseNo, c.light])).toEqual([
      ['CASE-RED-01', 'red'],
      ['CASE-YELLOW-2', 'yellow'],
    ]);
    expect(v.attention[0]!.applicant).toBe('王*华');
    expect(v.attention[1]!.applicant).toBe('杭州云帆科技有限公司');
    expect(v.departments.find((d) => d.departmentCode === 'dept-a')).toMatchObject({ red: 1, yellow: 1, green: 0, onTimeRate: 0 }) // CASE-LATE-04 finished late this month;
    expect(v.departments.find((d) => d.departmentCode === 'dept-b')).toMatchObject({ red: 0, yellow: 0, green: 1 });

    await h.uplink.relay!.drained();
    const sms = s.sms().filter((m) => m.type === 'case-light');
    expect(sms.map((m) => m.key).sort()).toEqual(['test-hall:notice:case-light:CASE-RED-01:red', 'test-hall:notice:case-light:CASE-YELLOW-2:yellow']);
    expect(sms.every((m) => m.to === PHONE)).toBe(true);
    expect(sms.find((m) => m.key.endsWith(':red'))!.text).toContain('已超过承诺时限');
    // The finished late case is judged, not warned about.
    expect(v.warnings.map((w) => w.caseNo).sort()).toEqual(['CASE-RED-01', 'CASE-YELLOW-2']);

    // Checked again: nobody is told twice.
    await view(h);
    await h.uplink.relay!.drained();
    expect(s.sms().filter((m) => m.type === 'case-light')).toHaveLength(2);

    // Two weeks on the hall clock: the ten-day case has used all its days (yellow), then the next day it is red.
    h.clock.advance(14 * DAY);
    expect((await view(h)).attention.find((c) => c.caseNo === 'CASE-GREEN-3')!.light).toBe('yellow');
    h.clock.advance(DAY);
    const later = await view(h);
    expect(later.attention.find((c) => c.caseNo === 'CASE-GREEN-3')!.light).toBe('red');
    await h.uplink.relay!.drained();
    expect(s.sms().filter((m) => m.key.includes('CASE-GREEN-3')).map((m) => m.key.split(':').pop())).toEqual(['yellow', 'red']);

    // A manager records what was done; the warning keeps who and what.
    const red = later.warnings.find((w) => w.caseNo === 'CASE-RED-01')!;
    const handled = await h.app.inject({ method: 'POST', url: `/api/supervision/warnings/${red.id}/handle`, headers: await boss(h), payload: { note: '已电话催办' } });
    expect(handled.statusCode).toBe(200);
    expect(handled.json()).toMatchObject({ handledBy: 'boss', note: '已电话催办' });
    expect((await h.app.inject({ method: 'POST', url: `/api/supervision/warnings/${red.id}/handle`, headers: await boss(h), payload: { note: 'again' } })).statusCode).toBe(404);
  }, 60_000);

  it('a case the province suspends (补正) stops its clock: a new record from the feed turns the light back', async () => {
    const { h, s } = await supervisedHall();
    expect((await view(h)).attention.find((c) => c.caseNo === 'CASE-YELLOW-2')!.light).toBe('yellow');
    s.putCases([{ ...CASES[1]!, state: 'suspended', suspensions: [{ kind: 'correction', from: sh('2026-11-20', '09:00'), to: null }] }]);
    const v = await view(h);
    // Friday and Monday no longer count: four days left, more than the yellow line.
    expect(v.attention.find((c) => c.caseNo === 'CASE-YELLOW-2')).toBeUndefined();
    expect(v.departments.find((d) => d.departmentCode === 'dept-a')).toMatchObject({ yellow: 0, red: 1 });
  }, 60_000);

  it('shows the walls a masked 办件公示 board, and keeps no person’s name in the clear at rest', async () => {
    const { h } = await supervisedHall();
    await view(h);
    const wall = h.credentials.passwordFor('wall-1')!;
    const board = await h.app.inject({ url: '/api/supervision/board', headers: { authorization: `Device wall-1:${wall}` } });
    expect(board.statusCode).toBe(200);
    const rows = (board.json() as { rows: Array<{ caseNo: string; applicant: string; onTime: boolean | null }> }).rows;
    expect(rows.map((r) => r.caseNo)).toContain('CASE-GREEN-3');
    expect(rows.find((r) => r.caseNo === 'CASE-GREEN-3')!.applicant).toBe('欧*明');
    expect(rows.find((r) => r.caseNo === 'CASE-LATE-04')!.onTime).toBe(false);
    expect(board.body).not.toContain('王小华');
    expect(board.body).not.toContain('欧阳明');
    // Only managers see the supervision page; a kiosk sees no board.
    expect((await h.app.inject({ url: '/api/supervision', headers: h.as('staff-S1') })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/supervision/board', headers: h.kiosk() })).statusCode).toBe(401);
    // The case numbers are there in the clear (indexed); the persons' names are not, in any file.
    expect(restsInClear(h.dataDir, 'CASE-RED-01')).toBe(true);
    expect(restsInClear(h.dataDir, '王小华')).toBe(false);
    expect(restsInClear(h.dataDir, '欧阳明')).toBe(false);
  }, 60_000);

  it('a province that fails keeps the cases the hub holds: the lights go on, the page says why the feed is stale', async () => {
    const { h, s } = await supervisedHall();
    expect((await view(h)).attention).toHaveLength(2);
    s.setMode({ mode: 'fail', status: 503 });
    s.putCases([{ ...CASES[1]!, state: 'decided', finishedAt: sh('2026-11-20') }]);
    const r = await h.app.inject({ method: 'POST', url: '/api/supervision/sync', headers: await boss(h) });
    const v = r.json() as { status: { lastError: string | null; cases: number }; attention: Array<{ caseNo: string }> };
    expect(v.status).toMatchObject({ lastError: 'HTTP 503', cases: 4 });
    expect(v.attention.map((c) => c.caseNo)).toEqual(['CASE-RED-01', 'CASE-YELLOW-2']);
    s.setMode({ mode: 'ok' });
    const back = (await h.app.inject({ method: 'POST', url: '/api/supervision/sync', headers: await boss(h) })).json() as typeof v;
    expect(back.status.lastError).toBeNull();
    expect(back.attention.map((c) => c.caseNo)).toEqual(['CASE-RED-01']);
  }, 60_000);
});
