import { afterEach, describe, expect, it } from 'vitest';
import type { ProvinceSimulator } from '@hall/province-sim';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const kiosk = (h: TestHub) => ({ authorization: `Device kiosk-1:${h.credentials.passwordFor('kiosk-1')!}` });
const ask = (h: TestHub, path: string, headers: Record<string, string> = kiosk(h)) => h.app.inject({ url: `/api/cases/${path}`, headers });

describe('办件查询: case progress from the provincial platform, through the hub', () => {
  it('found: the stages in order with their dates, the current one named; the ID check; cached for a minute', async () => {
    ({ hub, sim } = await hallWithProvince({ cases: { cacheSeconds: 60 } }));
    const h = hub;
    const r = await ask(h, '330106202611100003');
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c).toMatchObject({ caseNo: '330106202611100003', serviceName: '不动产登记（转移登记）', applicantMasked: '王*华', current: 'decided', cached: false });
    expect(c.stages.map((s: { stage: string }) => s.stage)).toEqual(['accepted', 'under-review', 'decided', 'result-mailed']);
    expect(c.stages[3].at).toBeNull();
    expect(c.stages[2]).toMatchObject({ at: '2026-11-16T08:30:00Z', note: expect.stringContaining('3号窗口') });
    expect(JSON.stringify(c)).not.toContain('567X');
    expect(sim.caseQueries()).toBe(1);

    // Asked again within the minute: from the hub's cache, the province not asked.
    const again = await ask(h, '330106202611100003');
    expect(again.json()).toMatchObject({ current: 'decided', cached: true });
    expect(sim.caseQueries()).toBe(1);
    h.clock.advance(61_000);
    expect((await ask(h, '330106202611100003')).json().cached).toBe(false);
    expect(sim.caseQueries()).toBe(2);

    // The privacy check: the right last four, or nothing (a wrong one looks like a missing case).
    expect((await ask(h, '330106202611100003?idLast4=567x')).statusCode).toBe(200);
    expect((await ask(h, '330106202611100003?idLast4=0000')).json()).toMatchObject({ code: 'case_not_found' });
    // Staff may ask too; anonymous callers may not; malformed numbers never reach the province.
    expect((await ask(h, '330106202611020004', h.as('staff-S1'))).json()).toMatchObject({ current: 'result-mailed' });
    expect((await ask(h, '330106202611020004', {})).statusCode).toBe(401);
    expect((await ask(h, 'a%2F..%2Fb')).statusCode).toBe(400);
    expect((await ask(h, '330106202611020004?idLast4=12')).statusCode).toBe(400);
  }, 60_000);

  it('not found: a 404 with a message that says what to check', async () => {
    ({ hub, sim } = await hallWithProvince());
    const r = await ask(hub, '330106209999990000');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'case_not_found', message: expect.stringContaining('办件编号'), messageEn: expect.stringContaining('case number') });
  }, 60_000);

  it('province down or too slow: a 503 with a clear bilingual message; failures are not cached', async () => {
    ({ hub, sim } = await hallWithProvince({ cases: { timeoutMs: 300 } }));
    const h = hub;
    const s = sim;
    await s.goAway();
    const down = await ask(h, '330106202611200001');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'province_unavailable', message: expect.stringContaining('省政务服务平台'), messageEn: expect.stringContaining('provincial platform') });
    await s.comeBack();
    s.setMode({ mode: 'slow', delayMs: 2000 });
    const started = Date.now();
    expect((await ask(h, '330106202611200001')).statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(1900);
    s.setMode({ mode: 'fail', status: 500 });
    expect((await ask(h, '330106202611200001')).statusCode).toBe(503);
    s.setMode({ mode: 'ok' });
    expect((await ask(h, '330106202611200001')).json()).toMatchObject({ current: 'accepted', cached: false });
  }, 60_000);

  it('a hall without the uplink answers 503, not an error page', async () => {
    ({ hub, sim } = await hallWithProvince({ enabled: false }));
    expect((await ask(hub, '330106202611200001')).json()).toMatchObject({ code: 'province_unavailable' });
  }, 60_000);
});
