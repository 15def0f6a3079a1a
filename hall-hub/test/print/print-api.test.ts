import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';

let hub: TestHub;
let fp: FakePrinter | null = null;
afterEach(async () => {
  await hub?.close();
  await fp?.stop();
  fp = null;
});

const kiosk = () => ({ authorization: `Device kiosk-1:${hub.credentials.passwordFor('kiosk-1')}` });
const post = (url: string, payload: unknown, headers: Record<string, string>, remoteAddress?: string) =>
  hub.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, ...(remoteAddress ? { remoteAddress } : {}) });
const get = (url: string, headers: Record<string, string>) => hub.app.inject({ url, headers });

async function takeTicket(): Promise<{ id: string; number: string }> {
  const r = await post('/api/tickets', { lineId: 'general' }, hub.kiosk());
  expect(r.statusCode).toBe(201);
  return r.json();
}

const printed = (jobId: string) =>
  until((check) => hub.print.onJobChange(check), () => (hub.print.job(jobId)?.status === 'done' ? hub.print.job(jobId)! : undefined), 15_000, `job ${jobId} printed`);

describe('printing over HTTP', () => {
  it('a kiosk prints a ticket on its own printer (device credentials), reads the job back and sees the picture', async () => {
    hub = await testHub();
    const t = await takeTicket();
    const r = await post('/api/print/ticket', { ticketId: t.id }, kiosk());
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({ jobId: expect.any(String), printerId: 'printer-kiosk-1', status: 'queued' });
    const jobId: string = r.json().jobId;
    await printed(jobId);
    const job = await get(`/api/print/jobs/${jobId}`, kiosk());
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ jobId, printerId: 'printer-kiosk-1', kind: 'ticket', status: 'done', attempts: 0, lastError: null });
    const png = await get(`/api/print/jobs/${jobId}/preview.png`, kiosk());
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((await sharp(png.rawPayload).metadata()).width).toBe(624);
    // the device's request is in the audit log, under its own name
    const audit = (await get('/api/audit', hub.as('boss'))).json() as Array<{ actor: string; action: string }>;
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'device:kiosk-1', action: 'POST /api/print/ticket' }));
  });

  it('refuses a wrong token, an unknown device, a device that is not a kiosk, and an address outside the device ranges', async () => {
    hub = await testHub();
    const t = await takeTicket();
    const token = hub.credentials.passwordFor('kiosk-1')!;
    expect((await post('/api/print/ticket', { ticketId: t.id }, { authorization: `Device kiosk-1:${token}x` })).statusCode).toBe(401);
    expect((await post('/api/print/ticket', { ticketId: t.id }, { authorization: `Device kiosk-9:${token}` })).statusCode).toBe(401);
    const wall = hub.credentials.passwordFor('wall-1')!;
    expect((await post('/api/print/ticket', { ticketId: t.id }, { authorization: `Device wall-1:${wall}` })).statusCode).toBe(401);
    expect((await post('/api/print/ticket', { ticketId: t.id }, {})).statusCode).toBe(401);
    const outside = await post('/api/print/ticket', { ticketId: t.id }, kiosk(), '203.0.113.7');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('address_not_allowed');
  });

  it('a kiosk prints only on its own printer, and only tickets still waiting', async () => {
    hub = await testHub();
    const t = await takeTicket();
    expect((await post('/api/print/ticket', { ticketId: t.id, printerId: 'other' }, kiosk())).statusCode).toBe(403);
    expect((await post('/api/print/ticket', { ticketId: 'no-such-ticket' }, kiosk())).statusCode).toBe(404);
    await post('/api/windows/1/open', {}, hub.as('staff-S1'));
    await post('/api/windows/1/call-next', {}, hub.as('staff-S1'));
    const called = await post('/api/print/ticket', { ticketId: t.id }, kiosk());
    expect(called.statusCode).toBe(409);
    expect(called.json().code).toBe('ticket_not_printable');
  });

  it('a kiosk without a printer is told so', async () => {
    const base = smallHall();
    hub = await testHub(smallHall({ devices: base.devices.map((d) => (d.id === 'kiosk-1' ? { id: 'kiosk-1', type: 'kiosk' } : d)) }));
    const t = await takeTicket();
    const r = await post('/api/print/ticket', { ticketId: t.id }, kiosk());
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('no_printer');
  });

  it('staff and managers name the printer: without printerId 422, an unknown one 404', async () => {
    hub = await testHub();
    const t = await takeTicket();
    const none = await post('/api/print/ticket', { ticketId: t.id }, hub.as('staff-S1'));
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'printer_required', details: [{ field: 'body/printerId' }] });
    expect((await post('/api/print/ticket', { ticketId: t.id, printerId: 'nope' }, hub.as('staff-S1'))).statusCode).toBe(404);
    const ok = await post('/api/print/ticket', { ticketId: t.id, printerId: 'printer-kiosk-1' }, hub.as('staff-S1'));
    expect(ok.statusCode).toBe(202);
    expect((await post('/api/print/ticket', { ticketId: t.id, printerId: 'printer-kiosk-1' }, hub.as('audit'))).statusCode).toBe(403);
  });

  it('prints a guide as a one-time notice sheet; an unknown service is 404', async () => {
    hub = await testHub(smallHall({ lines: [{ id: 'general', prefix: 'A', name: '综合业务', serves: { deptCodes: ['11210000EX0000003C'] } }, { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] } }] }));
    const imported = await post(
      '/api/admin/catalog/import',
      doc({
        task_general_basic: [basic('b1', 'T1', '', '药品零售企业许可', { is_fee: '1' })],
        task_general_material: [material('m1', 'T1', '', '申请表'), material('m2', 'T1', '', '营业执照', { order_num: 2, material_type: '2' })],
        task_general_fee_project: [{ row_guid: 'f1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T1', order_num: 1, fee_name: '证书工本费', fee_stand: '¥10/本', is_desc: '0' }],
      }),
      hub.as('boss'),
    );
    expect(imported.statusCode).toBe(200);
    const r = await post('/api/print/guide', { serviceId: 'T1' }, kiosk());
    expect(r.statusCode).toBe(202);
    const job = await printed(r.json().jobId);
    const text = job.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('\n');
    expect(text).toContain('□ 1. 申请表');
    expect(text).toContain('□ 2. 营业执照');
    expect(text).toContain('10元/本');
    expect((await post('/api/print/guide', { serviceId: 'NOPE' }, kiosk())).statusCode).toBe(404);
  });

  it('a retried request with the same requestId is one job', async () => {
    hub = await testHub();
    const t = await takeTicket();
    const first = await post('/api/print/ticket', { ticketId: t.id, requestId: 'kiosk-req-0001' }, kiosk());
    const again = await post('/api/print/ticket', { ticketId: t.id, requestId: 'kiosk-req-0001' }, kiosk());
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    expect(again.json().jobId).toBe(first.json().jobId);
  });

  it('a job is read back by the kiosk that asked for it and by managers; others do not find it', async () => {
    hub = await testHub();
    const t = await takeTicket();
    const jobId: string = (await post('/api/print/ticket', { ticketId: t.id, printerId: 'printer-kiosk-1' }, hub.as('staff-S1'))).json().jobId;
    expect((await get(`/api/print/jobs/${jobId}`, hub.as('staff-S1'))).statusCode).toBe(200);
    expect((await get(`/api/print/jobs/${jobId}`, hub.as('boss'))).statusCode).toBe(200);
    expect((await get(`/api/print/jobs/${jobId}`, hub.as('staff-S2'))).statusCode).toBe(404);
    expect((await get(`/api/print/jobs/${jobId}`, kiosk())).statusCode).toBe(404);
    expect((await get(`/api/print/jobs/${jobId}/preview.png`, hub.as('boss'))).statusCode).toBe(200);
  });

  it('managers and auditors see every printer’s state; staff do not', async () => {
    hub = await testHub();
    await printed((await post('/api/print/ticket', { ticketId: (await takeTicket()).id }, kiosk())).json().jobId);
    const r = await get('/api/printers', hub.as('audit'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([
      expect.objectContaining({ id: 'printer-kiosk-1', name: '1号自助机打印机', kind: 'virtual', online: true, paperOut: false, queued: 0, lastError: null, lastPrintedAt: expect.any(String) }),
    ]);
    expect((await get('/api/printers', hub.as('staff-S1'))).statusCode).toBe(403);
  });

  it('a kiosk’s ticket reaches its network printer as ESC/POS bytes', async () => {
    fp = await fakePrinter();
    const base = smallHall();
    hub = await testHub(
      smallHall({
        printers: [{ id: 'counter', kind: 'escpos-tcp', host: '127.0.0.1', port: fp.port }],
        devices: base.devices.map((d) => (d.id === 'kiosk-1' ? { ...d, printer: 'counter' } : d)),
      }),
    );
    const t = await takeTicket();
    const r = await post('/api/print/ticket', { ticketId: t.id }, kiosk());
    expect(r.json()).toMatchObject({ printerId: 'counter', status: 'queued' });
    await printed(r.json().jobId);
    const read = readEscpos(fp.jobs()[0]!.bytes);
    expect(read.text).toContain('综合业务');
    expect(read.text).toContain('测试政务服务中心');
    // The QR opens the visitor's phone page for this ticket; the token rides in the fragment.
    expect(read.qr).toEqual([{ data: expect.stringMatching(new RegExp(`^https?://[^/]+/m/#${t.id}$`)), printed: true }]);
    expect(read.rasters.length).toBeGreaterThan(0);
  });
});

describe('a kiosk’s network printer, as the visitor and the managers see it', () => {
  const hallWith = (port: number, hallExtra: Record<string, unknown> = {}) => {
    const base = smallHall();
    return smallHall({
      hall: { id: 'test-hall', name: '测试政务服务中心', ...hallExtra },
      lines: [{ id: 'general', prefix: 'A', name: '药监', nameEn: 'Department: 药监', serves: { deptCodes: ['11210000EX0000003C'] } }, { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] } }],
      printers: [{ id: 'counter', kind: 'escpos-tcp', host: '127.0.0.1', port, alertAfterMinutes: 5 }],
      devices: base.devices.map((d) => (d.id === 'kiosk-1' ? { ...d, printer: 'counter' } : d)),
    });
  };
  const printerWarnings = async () => ((await get('/api/warnings', hub.as('boss'))).json() as Array<Record<string, unknown>>).filter((w) => w.kind === 'printer');

  it('cover open: the job waits and says why, managers get a yellow warning at once and a red one after 5 minutes; closed, the ticket prints with the department’s full name and a QR to hall.visitorUrl', async () => {
    fp = await fakePrinter();
    fp.state.coverOpen = true;
    const clock = fakeClock();
    hub = await testHub(hallWith(fp.port, { visitorUrl: 'https://q.hall.example.cn' }), clock);
    await post('/api/admin/catalog/import', doc({ task_general_basic: [basic('b1', 'T1', '', '药品零售企业许可')] }), hub.as('boss'));
    const t = await takeTicket();
    const jobId: string = (await post('/api/print/ticket', { ticketId: t.id }, kiosk())).json().jobId;
    await until((check) => hub.print.onJobChange(check), () => ((hub.print.job(jobId)?.attempts ?? 0) > 0 ? true : undefined), 15_000, 'a refused attempt');
    expect((await get(`/api/print/jobs/${jobId}`, kiosk())).json()).toMatchObject({ status: 'queued', lastError: expect.stringContaining('cover open') });
    expect(await printerWarnings()).toEqual([expect.objectContaining({ level: 'yellow', printerId: 'counter', problem: expect.stringContaining('cover open'), thresholdMinutes: 5 })]);
    clock.advance(6 * MINUTE);
    expect(await printerWarnings()).toEqual([expect.objectContaining({ level: 'red', printerId: 'counter', minutes: 6 })]);
    expect(fp.jobs()).toHaveLength(0);

    fp.state.coverOpen = false;
    await printed(jobId);
    const read = readEscpos(fp.complete()[0]!.bytes);
    expect(read.qr).toEqual([{ data: `https://q.hall.example.cn/m/#${t.id}`, printed: true }]);
    expect(read.text).toContain('辽宁省药品监督管理局');
    expect(read.text).toMatch(/Ticket A001: 0 ahead\./);
    expect(read.text).not.toContain('Department');
    expect(await printerWarnings()).toEqual([]);
  });

  it('a hall with a real printer and no hall.visitorUrl is warned about in the console, all day', async () => {
    fp = await fakePrinter();
    hub = await testHub(hallWith(fp.port));
    expect(await printerWarnings()).toEqual([expect.objectContaining({ level: 'yellow', problem: expect.stringContaining('hall.visitorUrl') })]);
  });
});
