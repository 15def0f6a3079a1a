import { afterEach, describe, expect, it } from 'vitest';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub;
afterEach(async () => hub?.close());

const config = () =>
  smallHall({
    lines: [
      { id: 'general', prefix: 'A', name: '综合业务', serves: { deptCodes: ['11210000EX0000003C'] } },
      { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] } },
    ],
    topics: [{ id: 'drug-shop', name: '开药店', kind: 'life-event', audience: 'enterprise', taskCodes: ['T1'] }],
  });

const upload = (payload: unknown, headers: Record<string, string>) =>
  hub.app.inject({ method: 'POST', url: '/api/admin/catalog/import', payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });

describe('catalog over HTTP', () => {
  it('a manager uploads an exchange file; guides are listed by department and topic and read in full', async () => {
    hub = await testHub(config());
    const r = await upload(
      doc({
        task_general_basic: [basic('b1', 'T1', '', '药品零售企业许可', { alias: '开药店,药店许可', is_fee: '1', fee_basis: '《收费目录》' })],
        task_general_extend: [{ row_guid: 'e1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', is_online: '1', online_handle_url: 'https://zwfw.example/T1', is_express: '1', is_schedule: '1', extend_field: '{"rongque": true}', result_name: '药品经营许可证' }],
        task_general_material: [material('m1', 'T1', '', '申请表', { fill_explain: '用黑色签字笔填写' })],
        task_general_fee_project: [{ row_guid: 'f1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', order_num: 1, fee_name: '证书工本费', fee_stand: '10元/本', is_desc: '0' }],
      }),
      hub.as('boss'),
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ applied: 4, rejected: 0, services: 1 });
    expect((await hub.app.inject({ url: '/api/catalog/departments' })).json()).toEqual([
      { code: '11210000EX0000003C', name: '辽宁省药品监督管理局', services: 1 },
    ]);
    expect((await hub.app.inject({ url: '/api/catalog/topics' })).json()).toEqual([
      { id: 'drug-shop', name: '开药店', kind: 'life-event', audience: 'enterprise', services: 1 },
    ]);
    expect((await hub.app.inject({ url: '/api/catalog/topics/drug-shop/services' })).json()[0].name).toBe('药品零售企业许可');
    expect((await hub.app.inject({ url: `/api/catalog/services?q=${encodeURIComponent('开药店')}` })).json()[0].id).toBe('T1');
    const guide = (await hub.app.inject({ url: '/api/catalog/services/T1' })).json();
    expect(guide).toMatchObject({
      name: '药品零售企业许可',
      taskTypeName: '行政许可',
      conditions: expect.stringContaining('药学'),
      processSteps: ['受理', '审查', '决定'],
      legalTimeLimit: { days: 30, unit: 'working-day' },
      promisedTimeLimit: { days: 15, unit: 'working-day' },
      charged: true,
      fees: [{ name: '证书工本费', standard: '10元/本', reducible: false }],
      visitsNeeded: 1,
      onlineUrl: 'https://zwfw.example/T1',
      resultsByPost: true,
      appointmentSupported: true,
      rongqueAllowed: true,
      address: '二楼 药品监管窗口',
      lineId: 'general',
      windows: [
        { no: '1', name: '综合窗口1', zone: 'general' },
        { no: '2', name: '综合窗口2', zone: 'general' },
        { no: '3', name: '综合窗口3', zone: 'general' },
      ],
      materials: [expect.objectContaining({ name: '申请表', form: 'original', medium: 'paper', required: 'required', fillExplain: '用黑色签字笔填写' })],
      aliases: ['开药店', '药店许可'],
    });
    expect((await hub.app.inject({ url: '/api/catalog/services/NOPE' })).statusCode).toBe(404);
    // Every guide in one document, for kiosks to keep; unchanged catalog → 304.
    const all = await hub.app.inject({ url: '/api/catalog/guides' });
    expect(all.json()).toEqual([guide]);
    const again = await hub.app.inject({ url: '/api/catalog/guides', headers: { 'if-none-match': all.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('refuses a malformed upload whole, says why, and keeps the catalog in use', async () => {
    hub = await testHub(config());
    await upload(doc({ task_general_basic: [basic('b1', 'T1', '', '药品零售企业许可')] }), hub.as('boss'));
    const notJson = await upload('{"format": "task-exchange/1", "task_general_basic": [', hub.as('boss'));
    expect(notJson.statusCode).toBe(400);
    const wrongShape = await upload({ format: 'task-exchange/1', task_general_basic: { not: 'an array' } }, hub.as('boss'));
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json()).toMatchObject({ code: 'catalog_malformed', message: expect.stringContaining('目录保持不变') });
    expect(wrongShape.json().details[0]).toContain('/task_general_basic');
    expect((await hub.app.inject({ url: '/api/catalog/services/T1' })).statusCode).toBe(200);
    expect((await hub.app.inject({ url: '/api/health' })).json().catalogServices).toBe(1);
  });

  it('catalog uploads may be as large as server.limits.importMaxMb (beyond the 1 MiB of other bodies); larger is a 413 that changes nothing', async () => {
    const base = config();
    hub = await testHub({ ...base, server: { ...base.server, limits: { ...base.server.limits, importMaxMb: 2 } } });
    const padded = (row: ReturnType<typeof basic>, mib: number) => `${JSON.stringify(doc({ task_general_basic: [row] }))}${' '.repeat(mib * 1024 * 1024)}`;
    expect((await upload(padded(basic('b2', 'T2', '', '药品零售企业许可'), 1.5), hub.as('boss'))).statusCode).toBe(200);
    expect((await hub.app.inject({ url: '/api/catalog/services/T2' })).statusCode).toBe(200);
    const r = await upload(padded(basic('b3', 'T3', '', '另一个事项'), 2.5), hub.as('boss'));
    expect(r.statusCode).toBe(413);
    expect((await hub.app.inject({ url: '/api/catalog/services/T3' })).statusCode).toBe(404);
  });
});
