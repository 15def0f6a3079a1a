import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');
let hub: TestHub;

beforeAll(async () => {
  const { config } = loadConfig({}, join(demo, 'hall.json'));
  hub = await testHub(config);
  hub.catalog.import(JSON.parse(readFileSync(join(demo, 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
}, 60_000);
afterAll(async () => hub?.close());

describe('the demo hall, modelled on the seed', () => {
  it('has 41 departments, 55 windows in four zones (one for parallel approval), 143 staff', () => {
    const { config } = loadConfig({}, join(demo, 'hall.json'));
    expect(config.windows).toHaveLength(55);
    expect(config.staff).toHaveLength(143);
    expect(config.zones.map((z) => z.name)).toContain('投资项目并联审批区');
    expect(hub.catalog.index.departments()).toHaveLength(41);
  });

  it('imports 416 items and 1,042 business types, every one routed to a queue line', async () => {
    expect(hub.catalog.index.size).toBe(1042);
    const items = new Set<string>();
    for (const d of hub.catalog.index.departments()) {
      for (const s of hub.catalog.index.servicesOfDepartment(d.code) ?? []) {
        items.add(s.taskCode);
        expect(s.lineId).not.toBeNull();
      }
    }
    expect(items.size).toBe(416);
  });

  it('has complete hand-written guides for the common businesses', async () => {
    for (const name of ['企业设立登记', '营业执照变更登记', '食品经营许可', '药品经营许可证核发', '建设工程规划许可证核发', '饲料添加剂产品批准文号核发', '小额贷款公司设立审批', '护士执业注册', '住房公积金提取']) {
      const hits = (await hub.app.inject({ url: `/api/catalog/services?q=${encodeURIComponent(name)}` })).json() as Array<{ id: string }>;
      expect(hits.length, name).toBeGreaterThan(0);
      const g = (await hub.app.inject({ url: `/api/catalog/services/${encodeURIComponent(hits[0]!.id)}` })).json();
      expect(g.conditions, name).toBeTruthy();
      expect(g.legalBasis, name).toMatch(/《.+》/);
      expect(g.materials.length, name).toBeGreaterThanOrEqual(4);
      expect(g.processSteps.length, name).toBeGreaterThanOrEqual(2);
      expect(g.faqs.length, name).toBeGreaterThanOrEqual(2);
      expect(g.windows.length, name).toBeGreaterThan(0);
      expect(g.aliases.length, name).toBeGreaterThan(0);
    }
  });

  it('issues a ticket for a business type on its line', async () => {
    const hits = (await hub.app.inject({ url: `/api/catalog/services?q=${encodeURIComponent('企业设立登记')}` })).json() as Array<{ id: string; lineId: string }>;
    const r = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { serviceId: hits[0]!.id } });
    expect(r.statusCode).toBe(201);
    expect(r.json().lineId).toBe(hits[0]!.lineId);
  });
});
