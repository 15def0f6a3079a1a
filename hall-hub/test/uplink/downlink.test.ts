import { afterEach, describe, expect, it } from 'vitest';
import type { ProvinceSimulator } from '@hall/province-sim';
import { basic, doc } from '@hall/testkit/exchange-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { UPLINK_KEY, hallWithProvince } from '@hall/testkit/uplink-fixture';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = sim = null;
});

const NOTICES = {
  version: 'n-7',
  notices: [
    { id: 'n1', text: '全省政务服务“一网通办”平台今晚22:00至24:00维护。', textEn: 'Maintenance tonight 22:00–24:00.', level: 'important' },
    { id: 'n2', text: '已过期的通知', until: '2026-11-01T00:00:00Z' },
  ],
};
const APPOINTMENTS = {
  day: '2026-11-23',
  appointments: [{ code: 'YY-0001', lineId: 'general', slotStart: '2026-11-23T00:45:00Z', slotEnd: '2026-11-23T01:30:00Z', name: '王**' }],
};

const refresh = (h: TestHub) => h.app.inject({ method: 'POST', url: '/api/uplink/downlink/refresh', headers: h.as('boss') }).then((r) => r.json());

describe('downlink from the provincial platform', () => {
  it('catalog updates, province-wide notices and today’s appointments, with ETags; the last good copy while the province is away', async () => {
    let config;
    ({ hub, sim, config } = await hallWithProvince({ downlink: { enabled: true, pollSeconds: 3600 } }));
    const h = hub;
    const s = sim;
    s.setFeed('catalog', doc({ task_general_basic: [basic('g1', '11210000EX0000003C4000117001000', '11210000EX0000003C400011700100001', '药品零售企业许可')] }), 'cat-2026-11');
    s.setFeed('notices', NOTICES);
    s.setFeed('appointments', APPOINTMENTS);
    const before = h.catalog.index.size;
    const feeds = await refresh(h);
    expect(feeds.map((f: { feed: string; lastError: string | null }) => [f.feed, f.lastError])).toEqual([
      ['catalog', null],
      ['notices', null],
      ['appointments', null],
    ]);
    expect(feeds[0]).toMatchObject({ version: 'cat-2026-11', etag: expect.stringMatching(/^"/) });
    expect(h.catalog.index.size).toBe(before + 1);
    const notices = (await h.app.inject({ url: '/api/province/notices' })).json();
    expect(notices.notices.map((n: { id: string }) => n.id)).toEqual(['n1']); // n2 has ended
    expect(h.engine.state.appointments.get('YY-0001')).toMatchObject({ lineId: 'general' });
    const checkIn = await h.app.inject({ method: 'POST', url: '/api/appointments/check-in', payload: { code: 'YY-0001' } });
    expect(checkIn.statusCode).toBe(201);

    // Nothing changed at the province: 304s, nothing imported again.
    const notModified = s.stats().notModified;
    const again = await refresh(h);
    expect(again.map((f: { lastError: string | null }) => f.lastError)).toEqual([null, null, null]);
    expect(s.stats().notModified).toBe(notModified + 3);
    expect(h.catalog.index.size).toBe(before + 1);
    // A new notice version replaces the old one.
    s.setFeed('notices', { version: 'n-8', notices: [{ id: 'n3', text: '新通知' }] });
    await refresh(h);
    expect((await h.app.inject({ url: '/api/province/notices' })).json()).toMatchObject({ notices: [{ id: 'n3' }] });

    // The province goes away; then a broken document arrives: the hall keeps working on its last good copy.
    await s.goAway();
    const away = await refresh(h);
    expect(away.every((f: { lastError: string | null }) => f.lastError !== null)).toBe(true);
    expect((await h.app.inject({ url: '/api/province/notices' })).json().notices[0].id).toBe('n3');
    await s.comeBack();
    s.setFeed('notices', { version: 'n-9', notices: [{ id: 'bad', text: '' }] });
    const broken = await refresh(h);
    expect(broken.find((f: { feed: string }) => f.feed === 'notices').lastError).toContain('not a notices document');
    expect((await h.app.inject({ url: '/api/province/notices' })).json().notices[0].id).toBe('n3');

    // A restart while the province is away: the copy is on disk.
    await s.goAway();
    const dataDir = h.dataDir;
    await h.close();
    hub = await testHub(config, fakeClock(), { dataDir, env: { HALL_UPLINK_KEY: UPLINK_KEY } });
    expect((await hub.app.inject({ url: '/api/province/notices' })).json()).toMatchObject({ version: 'n-8', notices: [{ id: 'n3' }] });
  }, 90_000);

  it('an answer not signed with the shared key is refused', async () => {
    ({ hub, sim } = await hallWithProvince({ downlink: { enabled: true, pollSeconds: 3600 } }, { simKey: 'not-the-hall-key-0000000000000000' }));
    sim.setFeed('notices', NOTICES);
    const feeds = await refresh(hub);
    expect(feeds.find((f: { feed: string }) => f.feed === 'notices').lastError).toContain('signature');
    expect((await hub.app.inject({ url: '/api/province/notices' })).json().notices).toEqual([]);
  }, 90_000);
});
