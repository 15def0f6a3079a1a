import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guide, TicketView, WindowActionResult } from '@hall/shared';
import { loadConfig } from '../../src/config/load-config.js';
import type { HallConfig } from '../../src/config/hall-config-schema.js';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');
let hub: TestHub;
let config: HallConfig;

beforeAll(async () => {
  const loaded = loadConfig({}, join(demo, 'hall.json')).config;
  // The demo's own ports are fixed; a test listens on free ones.
  config = { ...loaded, server: { ...loaded.server, httpPort: 0, mqtt: { ...loaded.server.mqtt, port: 0 } } };
  hub = await testHub(config);
  hub.catalog.import(JSON.parse(readFileSync(join(demo, 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
}, 300_000);
afterAll(async () => hub?.close());

describe('一口受理: a joint item is applied for only at its lead department’s windows', () => {
  it('小额贷款公司设立审批: the guide lists only the lead department’s windows, and only they call its ticket', async () => {
    const service = hub.catalog.index.search('小额贷款公司设立审批', 5).find((s) => s.name === '小额贷款公司设立审批')!;
    const guide = (await hub.app.inject({ url: `/api/catalog/services/${encodeURIComponent(service.id)}` })).json<Guide>();
    expect(guide.jointDepartments).toContain('辽宁省公安厅');
    const lead = service.deptCode;
    const deptOf = new Map(config.windows.map((w) => [w.no, w.dept]));
    const onLine = config.windows.filter((w) => w.lines.some((l) => l.line === service.lineId));
    const others = onLine.filter((w) => w.dept !== lead);
    // The case of the issue: its line is shared with other departments' windows.
    expect(others.length).toBeGreaterThan(0);
    expect(guide.windows.length).toBeGreaterThan(0);
    expect(guide.windows.every((w) => deptOf.get(w.no) === lead)).toBe(true);

    const issued = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { serviceId: service.id } });
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json<TicketView>();
    expect(ticket.servingWindows.length).toBeGreaterThan(0);
    expect(ticket.servingWindows.every((no) => deptOf.get(no) === lead)).toBe(true);

    // Another department's window on the same line does not call it, by next or by number; the lead's does.
    const other = others[0]!;
    const otherStaff = config.staff.find((s) => s.windows.includes(other.no))!;
    expect((await hub.app.inject({ method: 'POST', url: `/api/windows/${other.no}/open`, headers: hub.as('boss'), payload: { staffNo: otherStaff.no } })).statusCode).toBe(200);
    const next = await hub.app.inject({ method: 'POST', url: `/api/windows/${other.no}/call-next`, headers: hub.as('boss'), payload: {} });
    expect(next.json<WindowActionResult>().ticket).toBeNull();
    const byNumber = await hub.app.inject({ method: 'POST', url: `/api/windows/${other.no}/call`, headers: hub.as('boss'), payload: { number: ticket.number } });
    expect(byNumber.json()).toMatchObject({ code: 'ticket_not_for_window' });

    const leadWindow = guide.windows[0]!.no;
    const leadStaff = config.staff.find((s) => s.windows.includes(leadWindow))!;
    await hub.app.inject({ method: 'POST', url: `/api/windows/${leadWindow}/open`, headers: hub.as('boss'), payload: { staffNo: leadStaff.no } });
    const called = await hub.app.inject({ method: 'POST', url: `/api/windows/${leadWindow}/call-next`, headers: hub.as('boss'), payload: {} });
    expect(called.json<WindowActionResult>().ticket?.number).toBe(ticket.number);
  });
});
