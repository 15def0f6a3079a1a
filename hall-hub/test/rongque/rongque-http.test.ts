import type { ProvinceSimulator } from '@hall/province-sim';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';
import { until } from '@hall/testkit/clients';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFilesText, restsInClear } from '../support/data-files.js';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const DAY = 86_400_000;
const GOOD = '11010519900101123X';
const BLACK = '110105198505054321';
const PHONE = '13800000009';

const catalog = doc({
  task_general_basic: [basic('b1', 'T1', '', '食品经营许可', { dept_name: '市场监督管理局' })],
  task_general_extend: [{ row_guid: 'e1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', extend_field: '{"rongque": true}' }],
  task_general_material: [
    material('m1', 'T1', '', '食品经营许可申请书'),
    material('m2', 'T1', '', '经营场所使用证明', { is_need: '2', order_num: 2 }),
    material('m3', 'T1', '', '食品安全管理制度', { is_need: '2', order_num: 3 }),
  ],
});

/** A hall linked to the province, the guide imported, the credit lists fetched, a ticket in hand at window 1. */
async function hallAtWindow() {
  ({ hub, sim } = await hallWithProvince());
  const h = hub;
  sim.putCredit([{ number: BLACK, list: 'black', reason: '失信被执行人：拒不履行生效判决', listedAt: '2026-01-01T00:00:00+08:00' }]);
  const imported = await h.app.inject({ method: 'POST', url: '/api/admin/catalog/import', payload: catalog, headers: h.as('boss') });
  expect(imported.statusCode).toBe(200);
  await h.uplink.rongque!.refreshCredit();
  const t = await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
  expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} })).statusCode).toBe(200);
  const called = await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
  expect(called.statusCode).toBe(200);
  return { h, s: sim, ticketNo: (t.json() as { number: string }).number };
}

/** A manager signed in now (a session does not outlive the days this test winds the clock on). */
async function boss(h: TestHub): Promise<{ authorization: string }> {
  const r = await h.auth.login('boss', 'correct horse');
  if (!r.ok) throw new Error('boss cannot sign in');
  return { authorization: `Bearer ${r.session.token}` };
}

const accept = (h: TestHub, who: string, body: Record<string, unknown>, windowNo = '1') =>
  h.app.inject({ method: 'POST', url: `/api/windows/${windowNo}/rongque`, headers: h.as(who), payload: body });

describe('容缺受理 at the window over HTTP', () => {
  it('accepts the ticket in hand with a 容缺 material, keeps it sealed, sends the record upstream, prints the notice, and texts (with consent) at acceptance and on the deadline day', async () => {
    const { h, s, ticketNo } = await hallAtWindow();
    const r = await accept(h, 'staff-S1', {
      ticketNo,
      serviceId: 'T1',
      applicant: { kind: 'person', idNumber: GOOD, name: '王小华' },
      missing: ['经营场所使用证明'],
      supplyWorkingDays: 3,
      phone: PHONE,
      smsConsent: true,
      printerId: 'printer-kiosk-1',
    });
    expect(r.statusCode).toBe(201);
    const body = r.json() as { record: { applicant: string; missing: string[]; staffId: string; credit: string }; deadlineDay: string; sms: boolean };
    // Accepted Monday 23 November: Tue, Wed, Thu count.
    expect(body.deadlineDay).toBe('2026-11-26');
    expect(body.record).toMatchObject({ applicant: '王*华', missing: ['经营场所使用证明'], staffId: 'S1', credit: 'none' });
    expect(body.sms).toBe(true);
    // The 容缺受理通知书 is printed on the window's printer.
    const jobId = (r.json() as { printJobId: string }).printJobId;
    const job = await until((check) => h.print.onJobChange(check), () => (h.print.job(jobId)?.status === 'done' ? h.print.job(jobId)! : undefined), 15_000, `notice ${jobId} printed`);
    expect(job.kind).toBe('rongque-notice');
    await h.uplink.relay!.drained();
    const up = s.held('queue').filter((e) => e.type === 'rongque-accepted');
    expect(up).toHaveLength(1);
    expect(JSON.stringify(up[0]!.data)).not.toContain('王小华');
    const sms = s.sms().filter((m) => m.type === 'rongque-reminder');
    expect(sms).toEqual([expect.objectContaining({ to: PHONE, text: expect.stringContaining('请于2026年11月26日前补交：经营场所使用证明') })]);
    const text = dataFilesText(h.dataDir);
    expect(restsInClear(h.dataDir, '王小华')).toBe(false);
    expect(text).not.toContain(PHONE);

    // The console sees it open, then overdue once the deadline day has ended on the hall clock.
    const view = async () => (await h.app.inject({ url: '/api/rongque', headers: await boss(h) })).json() as { open: number; overdue: number; cases: Array<{ state: string }> };
    expect(await view()).toMatchObject({ open: 1, overdue: 0, cases: [{ state: 'open' }] });
    // On the deadline day (Thursday) the applicant is reminded once, however often the check runs.
    expect(h.uplink.rongque!.remindDue()).toBe(0);
    h.clock.advance(3 * DAY);
    expect(h.uplink.rongque!.remindDue()).toBe(1);
    h.uplink.rongque!.remindDue();
    await h.uplink.relay!.drained();
    expect(s.sms().filter((m) => m.type === 'rongque-due')).toEqual([expect.objectContaining({ to: PHONE, text: expect.stringContaining('补交期限为今天（2026年11月26日）') })]);
    h.clock.advance(DAY);
    expect(await view()).toMatchObject({ open: 1, overdue: 1, cases: [{ state: 'overdue' }] });
  }, 60_000);

  it('refuses a blacklisted applicant with the province’s reason, and a material the guide does not mark 容缺', async () => {
    const { h, ticketNo } = await hallAtWindow();
    const base = { ticketNo, serviceId: 'T1', missing: ['经营场所使用证明'], supplyWorkingDays: 5 };
    const black = await accept(h, 'staff-S1', { ...base, applicant: { kind: 'person', idNumber: BLACK, name: '李四' } });
    expect(black.statusCode).toBe(403);
    expect(black.json()).toMatchObject({ code: 'rongque_blacklisted', details: { reason: '失信被执行人：拒不履行生效判决' } });
    const required = await accept(h, 'staff-S1', { ...base, missing: ['食品经营许可申请书'], applicant: { kind: 'person', idNumber: GOOD, name: '王小华' } });
    expect(required.statusCode).toBe(409);
    expect(required.json()).toMatchObject({ code: 'rongque_material_not_allowed', details: { materials: ['食品经营许可申请书'] } });
    expect(((await h.app.inject({ url: '/api/rongque', headers: h.as('boss') })).json() as { open: number }).open).toBe(0);
  }, 60_000);

  it('lets only the staff posted at the window accept, and only for the ticket in hand', async () => {
    const { h, ticketNo } = await hallAtWindow();
    const body = { ticketNo, serviceId: 'T1', missing: ['经营场所使用证明'], supplyWorkingDays: 5, applicant: { kind: 'person', idNumber: GOOD, name: '王小华' } };
    expect((await accept(h, 'staff-S2', body)).statusCode).toBe(403);
    const other = await accept(h, 'staff-S1', { ...body, ticketNo: 'A999' });
    expect(other.json()).toMatchObject({ code: 'rongque_not_in_hand' });
    const bad = await accept(h, 'staff-S1', { ...body, missing: [] });
    expect(bad.statusCode).toBe(400);
  }, 60_000);
});
