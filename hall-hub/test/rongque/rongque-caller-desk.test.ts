import type { ProvinceSimulator } from '@hall/province-sim';
import type { RongqueDeskView } from '@hall/shared';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';
import { until } from '@hall/testkit/clients';
import { afterEach, describe, expect, it } from 'vitest';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

// Served at windows 1–3 (line general serves department D1); T2 allows no 容缺, T3 is another department's.
const catalog = doc({
  task_general_basic: [
    basic('b1', 'T1', '', '食品经营许可', { dept_code: 'D1', dept_name: '市场监督管理局' }),
    basic('b2', 'T2', '', '个体工商户注销', { dept_code: 'D1', dept_name: '市场监督管理局' }),
    basic('b3', 'T3', '', '药品经营许可', { dept_code: 'D9', dept_name: '药品监督管理局' }),
  ],
  task_general_extend: [
    { row_guid: 'e1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', extend_field: '{"rongque": true}' },
    { row_guid: 'e3', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T3', extend_field: '{"rongque": true}' },
  ],
  task_general_material: [
    material('m1', 'T1', '', '食品经营许可申请书'),
    material('m2', 'T1', '', '经营场所使用证明', { is_need: '2', order_num: 2 }),
    material('m3', 'T1', '', '食品安全管理制度', { is_need: '2', order_num: 3 }),
    material('m4', 'T2', '', '注销登记申请书'),
    material('m5', 'T3', '', '质量管理文件', { is_need: '2' }),
  ],
});

async function hall() {
  const base = smallHall();
  ({ hub, sim } = await hallWithProvince(
    { rongque: { supplyWorkingDays: 4 } },
    { overrides: { printers: [...base.printers, { id: 'printer-window-1', kind: 'virtual', window: '1' }] } },
  ));
  const h = hub;
  expect((await h.app.inject({ method: 'POST', url: '/api/admin/catalog/import', payload: catalog, headers: h.as('boss') })).statusCode).toBe(200);
  await h.uplink.rongque!.refreshCredit();
  return h;
}

const deskOf = async (h: TestHub, who: string, no = '1') => h.app.inject({ url: `/api/windows/${no}/rongque`, headers: h.as(who) });

describe('what the caller offers for 容缺受理 at a window', () => {
  it('the business types served here with only their 容缺 materials, the policy’s deadline, the window’s printer; the ticket in hand once called', async () => {
    const h = await hall();
    const before = await deskOf(h, 'staff-S1');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      windowNo: '1',
      ticketNo: null,
      services: [{ id: 'T1', name: '食品经营许可', deptName: '市场监督管理局', materials: ['经营场所使用证明', '食品安全管理制度'] }],
      supplyWorkingDays: 4,
      printerId: 'printer-window-1',
      sms: true,
      credit: true,
    } satisfies RongqueDeskView);
    await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
    expect(((await deskOf(h, 'staff-S1')).json() as RongqueDeskView).ticketNo).toBe('A001');
    // Window 2 has no printer of its own; its staff do not read window 1's desk.
    expect(((await deskOf(h, 'staff-S2', '2')).json() as RongqueDeskView).printerId).toBeNull();
    expect((await deskOf(h, 'staff-S2')).statusCode).toBe(403);
  }, 60_000);

  it('the staff member who accepted reads the 通知书’s print job back (the caller follows it to 已打印)', async () => {
    const h = await hall();
    await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/windows/1/rongque',
      headers: h.as('staff-S1'),
      payload: { ticketNo: 'A001', serviceId: 'T1', applicant: { kind: 'person', idNumber: '11010519900101123X', name: '王小华' }, missing: ['经营场所使用证明'], supplyWorkingDays: 4, printerId: 'printer-window-1' },
    });
    expect(r.statusCode).toBe(201);
    const jobId = (r.json() as { printJobId: string }).printJobId;
    await until((check) => h.print.onJobChange(check), () => (h.print.job(jobId)?.status === 'done' ? true : undefined), 15_000, `notice ${jobId} printed`);
    const job = await h.app.inject({ url: `/api/print/jobs/${jobId}`, headers: h.as('staff-S1') });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ kind: 'rongque-notice', status: 'done', printerId: 'printer-window-1' });
    // Somebody else's job stays "not found" to another staff member.
    expect((await h.app.inject({ url: `/api/print/jobs/${jobId}`, headers: h.as('staff-S2') })).statusCode).toBe(404);
  }, 60_000);
});
