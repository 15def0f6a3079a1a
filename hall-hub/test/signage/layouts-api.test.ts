import type { ScreenLayout } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { connectScreen, sceneWhere } from './signage-screens.js';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  name: '大厅主屏',
  size: '1920x1080',
  columns: 4,
  rows: 3,
  regions: [
    { id: 'calls', kind: 'latest-call', x: 0, y: 0, w: 2, h: 3 },
    { id: 'ads', kind: 'media', x: 2, y: 0, w: 2, h: 3 },
  ],
  ...over,
});

describe('screen layouts (HTTP, real SQLite, real socket.io screens)', () => {
  it('managers add, read, replace and delete layouts; built-in ones per size are there to start from; auditors only read', async () => {
    hub = await testHub(smallHall(), fakeClock());
    const list = () => hub.app.inject({ url: '/api/signage/layouts', headers: hub.as('audit') }).then((r) => r.json() as ScreenLayout[]);
    const seeded = await list();
    expect(seeded.map((l) => l.size).sort()).toEqual(['1080x1920', '1152x576', '1280x720', '1366x768', '1920x1080', '3840x1080']);
    expect(seeded.find((l) => l.id === 'default-1920x1080')?.regions.map((r) => r.kind)).toEqual(['info', 'latest-call', 'windows', 'waiting', 'media', 'ticker']);

    const created = await hub.app.inject({ method: 'POST', url: '/api/signage/layouts', headers: hub.as('boss'), payload: body() });
    expect(created.statusCode).toBe(201);
    const l = created.json() as ScreenLayout;
    expect(l).toMatchObject({ name: '大厅主屏', size: '1920x1080', regions: [{ id: 'calls' }, { id: 'ads' }] });
    expect((await list()).map((x) => x.id)).toContain(l.id);
    const put = await hub.app.inject({ method: 'PUT', url: `/api/signage/layouts/${l.id}`, headers: hub.as('boss'), payload: body({ name: '大厅主屏（改）' }) });
    expect(put.statusCode).toBe(200);
    expect((await list()).find((x) => x.id === l.id)?.name).toBe('大厅主屏（改）');
    expect((await hub.app.inject({ method: 'POST', url: '/api/signage/layouts', headers: hub.as('audit'), payload: body() })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/layouts/${l.id}`, headers: hub.as('audit') })).statusCode).toBe(403);
    // Built-in layouts are ordinary ones: a manager may delete them, and a restart does not bring them back.
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/signage/layouts/${l.id}`, headers: hub.as('boss') })).statusCode).toBe(204);
    expect((await hub.app.inject({ method: 'DELETE', url: '/api/signage/layouts/default-1152x576', headers: hub.as('boss') })).statusCode).toBe(204);
    const dataDir = hub.dataDir;
    await hub.close();
    hub = await testHub(smallHall(), fakeClock(), { dataDir });
    const after = await list();
    expect(after.map((x) => x.id)).not.toContain(l.id);
    expect(after.map((x) => x.id)).not.toContain('default-1152x576');
    expect(after).toHaveLength(5);
  }, 90_000);

  it('every refusal: a broken layout (with the contract’s messages), an unknown one, one in use deleted or resized, a display given an unknown or wrong-size layout', async () => {
    hub = await testHub(smallHall(), fakeClock());
    const post = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/signage/layouts', headers: hub.as('boss'), payload });
    const overlap = await post(body({ regions: [{ id: 'a', kind: 'media', x: 0, y: 0, w: 3, h: 2 }, { id: 'b', kind: 'ticker', x: 2, y: 1, w: 2, h: 1 }] }));
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json()).toMatchObject({ code: 'invalid_layout', message: '布局有误：区域 a 与 b 重叠', messageEn: 'The layout cannot be used: regions a and b overlap' });
    const outside = await post(body({ regions: [{ id: 'a', kind: 'media', x: 3, y: 0, w: 2, h: 1 }] }));
    expect(outside.json()).toMatchObject({ code: 'invalid_layout', message: '布局有误：区域 a 超出 4×3 网格' });
    const twice = await post(body({ regions: [{ id: 'a', kind: 'media', x: 0, y: 0, w: 1, h: 1 }, { id: 'a', kind: 'ticker', x: 1, y: 0, w: 1, h: 1 }] }));
    expect(twice.json()).toMatchObject({ code: 'invalid_layout', message: '布局有误：区域编号 a 重复' });
    expect((await post(body({ size: '999x1' }))).statusCode).toBe(400);
    expect((await post(body({ regions: [] }))).statusCode).toBe(400);
    expect((await hub.app.inject({ method: 'PUT', url: '/api/signage/layouts/nope', headers: hub.as('boss'), payload: body() })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'DELETE', url: '/api/signage/layouts/nope', headers: hub.as('boss') })).statusCode).toBe(404);
    // Nothing refused was kept.
    expect((await hub.app.inject({ url: '/api/signage/layouts', headers: hub.as('boss') })).json()).toHaveLength(6);

    const patch = (id: string, payload: Record<string, unknown>) => hub.app.inject({ method: 'PATCH', url: `/api/displays/${id}`, headers: hub.as('boss'), payload });
    const unknown = await patch('wall-1', { layoutId: 'nope' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'unknown_layout', message: '没有这个布局：nope' });
    const wrongSize = await patch('wall-1', { layoutId: 'default-1080x1920' });
    expect(wrongSize.json()).toMatchObject({ code: 'layout_size_mismatch', message: '布局尺寸 1080x1920 与显示屏尺寸 1920x1080 不一致。' });
    expect((await patch('led-1', { layoutId: 'default-1920x1080' })).json()).toMatchObject({ message: 'LED 条屏不使用布局。' });
    expect((await patch('wall-1', { layoutId: 'default-1920x1080' })).json()).toMatchObject({ id: 'wall-1', layoutId: 'default-1920x1080' });
    expect((await patch('wall-1', { layout: '3840x1080' })).json()).toMatchObject({ code: 'layout_size_mismatch' });

    const inUse = await hub.app.inject({ method: 'DELETE', url: '/api/signage/layouts/default-1920x1080', headers: hub.as('boss') });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'layout_in_use', details: { displays: ['wall-1'] } });
    const resized = await hub.app.inject({ method: 'PUT', url: '/api/signage/layouts/default-1920x1080', headers: hub.as('boss'), payload: body({ size: '3840x1080' }) });
    expect(resized.statusCode).toBe(409);
    // Free again once the wall draws its built-in arrangement.
    expect((await patch('wall-1', { layoutId: null })).statusCode).toBe(200);
    expect((await hub.app.inject({ method: 'DELETE', url: '/api/signage/layouts/default-1920x1080', headers: hub.as('boss') })).statusCode).toBe(204);
  }, 90_000);

  it('a screen gets its layout in its scene when given one, and again at once when the layout changes; other screens are left alone', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const wall = connectScreen(hub, 'wall-1', closers);
    const other = connectScreen(hub, 'wall-2', closers);
    const first = await sceneWhere(wall, () => true, 'first scene');
    expect(first.signage).toEqual({ layout: null, campaigns: [] });
    await sceneWhere(other, () => true, 'first scene of wall-2');

    const l = (await hub.app.inject({ method: 'POST', url: '/api/signage/layouts', headers: hub.as('boss'), payload: body() })).json() as ScreenLayout;
    expect((await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { layoutId: l.id } })).statusCode).toBe(200);
    const given = await sceneWhere(wall, (s) => s.signage?.layout?.id === l.id, 'the layout in the scene');
    expect(given.settings.layoutId).toBe(l.id);
    expect(given.signage?.layout?.regions.map((r) => r.kind)).toEqual(['latest-call', 'media']);

    const seen = wall.scenes.length;
    const otherSeen = other.scenes.length;
    const changed = await hub.app.inject({
      method: 'PUT', url: `/api/signage/layouts/${l.id}`, headers: hub.as('boss'),
      payload: body({ regions: [{ id: 'calls', kind: 'latest-call', x: 0, y: 0, w: 4, h: 2 }, { id: 'news', kind: 'ticker', x: 0, y: 2, w: 4, h: 1 }] }),
    });
    expect(changed.statusCode).toBe(200);
    const pushed = await sceneWhere(wall, (s) => s.signage?.layout?.regions.some((r) => r.id === 'news') === true, 'the changed layout pushed', seen);
    expect(pushed.signage?.layout?.regions.map((r) => r.kind)).toEqual(['latest-call', 'ticker']);
    expect((await hub.app.inject({ url: '/api/displays/wall-2/scene', headers: hub.as('boss') })).json()).toMatchObject({ signage: { layout: null } });
    expect(other.scenes.length).toBe(otherSeen);
  }, 90_000);
});
