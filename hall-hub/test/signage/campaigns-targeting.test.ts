import type { Campaign } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { connectScreen, sceneWhere, uploadImage, type Screen } from './signage-screens.js';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

/** The small hall with a second zone (税务区, window 4), a zone wall in each zone and a window screen at window 4. */
const twoZones = () =>
  smallHall({
    zones: [{ id: 'general', name: '综合受理区' }, { id: 'tax', name: '税务区' }],
    windows: [
      { no: '1', name: '综合窗口1', zone: 'general', lines: [{ line: 'general' }] },
      { no: '2', name: '综合窗口2', zone: 'general', lines: [{ line: 'general' }] },
      { no: '3', name: '综合窗口3', zone: 'general', lines: [{ line: 'general' }, { line: 'tax', order: 2 }] },
      { no: '4', name: '税务窗口', zone: 'tax', lines: [{ line: 'tax' }] },
    ],
    devices: [
      { id: 'screen-1', type: 'window-screen', window: '1' },
      { id: 'screen-4', type: 'window-screen', window: '4' },
      { id: 'led-4', type: 'led-strip', window: '4' },
      { id: 'wall-1', type: 'hall-wall' },
      { id: 'wall-2', type: 'hall-wall' },
      { id: 'zwall-g', type: 'zone-wall', zone: 'general' },
      { id: 'zwall-t', type: 'zone-wall', zone: 'tax' },
      { id: 'kiosk-1', type: 'kiosk' },
    ],
    printers: [],
  });
const SCREENS = ['screen-1', 'screen-4', 'wall-1', 'wall-2', 'zwall-g', 'zwall-t'];

const campaignBody = (mediaId: string, over: Record<string, unknown> = {}) => ({
  name: '政策宣传',
  items: [{ mediaId, seconds: 8 }],
  startsAt: new Date(MONDAY_0900).toISOString(),
  endsAt: null,
  dayparts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '10:05' }],
  targets: { all: false, displays: [], groups: [], zones: [] },
  ...over,
});

describe('campaigns reach exactly their targets (real scenes pushed to real socket.io screens)', () => {
  it('a group-targeted campaign reaches exactly that group’s displays, a zone-targeted one the zone wall and the window screens of the zone', async () => {
    hub = await testHub(twoZones(), fakeClock(MONDAY_0900), { listen: true });
    const screens = new Map<string, Screen>(SCREENS.map((id) => [id, connectScreen(hub, id, closers)]));
    for (const [id, s] of screens) await sceneWhere(s, () => true, `first scene of ${id}`);
    const img = await uploadImage(hub, '办事指南海报');
    const post = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/signage/campaigns', headers: hub.as('boss'), payload });

    expect((await hub.app.inject({ method: 'PUT', url: '/api/display-groups/lobby', headers: hub.as('boss'), payload: { name: '一楼大厅' } })).statusCode).toBe(200);
    for (const id of ['wall-2', 'zwall-g']) expect((await hub.app.inject({ method: 'PATCH', url: `/api/displays/${id}`, headers: hub.as('boss'), payload: { groups: ['lobby'] } })).statusCode).toBe(200);
    const byGroup = await post(campaignBody(img, { name: '大厅宣传', targets: { groups: ['lobby'] } }));
    expect(byGroup.statusCode).toBe(201);
    const g = byGroup.json() as Campaign;
    expect(g).toMatchObject({ enabled: true, priority: 0, interrupt: false, createdBy: 'boss', targets: { all: false, displays: [], groups: ['lobby'], zones: [] } });
    const byZone = (await post(campaignBody(img, { name: '税务区宣传', priority: 3, targets: { zones: ['tax'] } }))).json() as Campaign;

    // A campaign for every screen, renamed to mark a moment: a screen's scene that shows the new name was resolved
    // after everything before it, so what else it lists is all that reaches that screen.
    const everyone = (await post(campaignBody(img, { name: 'v1', targets: { all: true } }))).json() as Campaign;
    let round = 1;
    async function reaching(): Promise<Record<string, string[]>> {
      round += 1;
      const name = `v${round}`;
      expect((await hub.app.inject({ method: 'PUT', url: `/api/signage/campaigns/${everyone.id}`, headers: hub.as('boss'), payload: campaignBody(img, { name, targets: { all: true } }) })).statusCode).toBe(200);
      const out: Record<string, string[]> = {};
      for (const [id, s] of screens) {
        const scene = await sceneWhere(s, (x) => x.signage?.campaigns.some((c) => c.name === name) === true, `${id} at ${name}`);
        out[id] = scene.signage!.campaigns.filter((c) => c.id !== everyone.id).map((c) => c.name).sort();
      }
      return out;
    }
    expect(await reaching()).toEqual({ 'screen-1': [], 'screen-4': ['税务区宣传'], 'wall-1': [], 'wall-2': ['大厅宣传'], 'zwall-g': ['大厅宣传'], 'zwall-t': ['税务区宣传'] });
    // The whole schedule and the items as the screen fetches them; highest priority first.
    const t = screens.get('zwall-t')!.scenes.at(-1)!.signage!;
    expect(t.campaigns.map((c) => c.id)).toEqual([byZone.id, everyone.id]);
    expect(t.campaigns[0]).toMatchObject({ channel: 'main', priority: 3, dayparts: [{ from: '10:00', to: '10:05' }], items: [{ mediaId: img, kind: 'image', url: `/api/media/${img}/file`, page: null, ms: 8000 }] });
    // LED strips play no media: the strip of window 4 is in the zone, its scene carries no signage.
    expect((await hub.app.inject({ url: '/api/displays/led-4/scene', headers: hub.as('boss') })).json()).not.toHaveProperty('signage');

    // A display leaving the group loses the campaign; a disabled campaign plays nowhere; a deleted one is gone.
    expect((await hub.app.inject({ method: 'PATCH', url: '/api/displays/zwall-g', headers: hub.as('boss'), payload: { groups: [] } })).statusCode).toBe(200);
    expect((await hub.app.inject({ method: 'PUT', url: `/api/signage/campaigns/${byZone.id}`, headers: hub.as('boss'), payload: campaignBody(img, { name: '税务区宣传', enabled: false, targets: { zones: ['tax'] } }) })).statusCode).toBe(200);
    expect(await reaching()).toEqual({ 'screen-1': [], 'screen-4': [], 'wall-1': [], 'wall-2': ['大厅宣传'], 'zwall-g': [], 'zwall-t': [] });
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/campaigns/${g.id}`, headers: hub.as('boss') })).statusCode).toBe(204);
    expect(await reaching()).toEqual(Object.fromEntries(SCREENS.map((id) => [id, []])));
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/campaigns/${g.id}`, headers: hub.as('boss') })).statusCode).toBe(404);
  }, 90_000);

  it('a campaign that ends, or whose media leaves the library, leaves the scenes; the media it plays is in use until it ends', async () => {
    hub = await testHub(twoZones(), fakeClock(MONDAY_0900), { listen: true });
    const wall = connectScreen(hub, 'wall-1', closers);
    await sceneWhere(wall, () => true, 'first scene');
    const img = await uploadImage(hub, '海报');
    const c = (await hub.app.inject({ method: 'POST', url: '/api/signage/campaigns', headers: hub.as('boss'), payload: campaignBody(img, { endsAt: new Date(MONDAY_0900 + 60 * MINUTE).toISOString(), targets: { all: true } }) })).json() as Campaign;
    await sceneWhere(wall, (s) => s.signage?.campaigns.some((x) => x.id === c.id) === true, 'the campaign');
    expect(hub.app.signage.isMediaInUse(img)).toBe(true);
    // The library will not let media a campaign plays go (media_in_use); once the campaign is gone, it may.
    const img2 = await uploadImage(hub, '旧海报');
    const c2 = (await hub.app.inject({ method: 'POST', url: '/api/signage/campaigns', headers: hub.as('boss'), payload: campaignBody(img2, { name: '旧活动', targets: { all: true } }) })).json() as Campaign;
    await sceneWhere(wall, (s) => s.signage?.campaigns.some((x) => x.id === c2.id) === true, 'the second campaign');
    const inUse = await hub.app.inject({ method: 'DELETE', url: `/api/media/${img2}`, headers: hub.as('boss') });
    expect([inUse.statusCode, (inUse.json() as { code: string }).code]).toEqual([409, 'media_in_use']);
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/campaigns/${c2.id}`, headers: hub.as('boss') })).statusCode).toBe(204);
    await sceneWhere(wall, (s) => s.signage?.campaigns.map((x) => x.id).join() === c.id, 'the second campaign gone');
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/media/${img2}`, headers: hub.as('boss') })).statusCode).toBe(204);
    hub.clock.advance(61 * MINUTE);
    hub.displays.refresh();
    await sceneWhere(wall, (s) => s.signage?.campaigns.length === 0, 'the campaign gone');
    expect(hub.app.signage.isMediaInUse(img)).toBe(false);
  }, 90_000);

  it('refuses campaigns with media not in the library, an end before the start, unknown or no targets; auditors read only; nothing refused is kept', async () => {
    hub = await testHub(twoZones(), fakeClock(MONDAY_0900));
    const img = await uploadImage(hub, '海报');
    const post = (payload: Record<string, unknown>, who = 'boss') => hub.app.inject({ method: 'POST', url: '/api/signage/campaigns', headers: hub.as(who), payload });
    const missing = await post(campaignBody('no-such-file', { targets: { all: true } }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'unknown_media', message: '媒体库中没有这些文件：no-such-file' });
    expect((await post(campaignBody(img, { endsAt: new Date(MONDAY_0900 - MINUTE).toISOString(), targets: { all: true } }))).json()).toMatchObject({ code: 'invalid_campaign', message: '结束时间必须晚于开始时间。' });
    expect((await post(campaignBody(img, { targets: { zones: ['moon'] } }))).json()).toMatchObject({ message: '没有这个区域：moon' });
    expect((await post(campaignBody(img, { targets: { groups: ['attic'] } }))).json()).toMatchObject({ message: '没有这个显示屏分组：attic' });
    expect((await post(campaignBody(img, { targets: { displays: ['wall-9'] } }))).json()).toMatchObject({ message: '没有这个显示屏：wall-9' });
    expect((await post(campaignBody(img))).json()).toMatchObject({ code: 'invalid_campaign', message: '请选择投放目标：全部、显示屏、分组或区域。' });
    expect((await post(campaignBody(img, { items: [] }))).statusCode).toBe(400);
    expect((await post(campaignBody(img, { dayparts: [{ days: ['mon'], from: '25:00', to: '26:00' }] }))).statusCode).toBe(400);
    expect((await post(campaignBody(img, { targets: { all: true } }), 'audit')).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'PUT', url: '/api/signage/campaigns/nope', headers: hub.as('boss'), payload: campaignBody(img, { targets: { all: true } }) })).statusCode).toBe(404);
    expect((await hub.app.inject({ url: '/api/signage/campaigns', headers: hub.as('audit') })).json()).toEqual([]);
    // Kept across a restart, read back from SQLite.
    expect((await post(campaignBody(img, { targets: { zones: ['tax'] } }))).statusCode).toBe(201);
    const dataDir = hub.dataDir;
    await hub.close();
    hub = await testHub(twoZones(), fakeClock(MONDAY_0900), { dataDir });
    expect((await hub.app.inject({ url: '/api/signage/campaigns', headers: hub.as('audit') })).json()).toMatchObject([{ name: '政策宣传', targets: { zones: ['tax'] } }]);
  }, 90_000);
});
