import type { DisplayAlert, DisplayScene } from '@hall/shared';
import type { MqttClient } from 'mqtt';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectMqtt, streamClient, until, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

interface Screen extends StreamClient {
  scenes: DisplayScene[];
}
function screen(id: string): Screen {
  const c = streamClient(hub.base, 'display', { deviceId: id, token: hub.credentials.passwordFor(id)! }) as Screen;
  c.scenes = [];
  c.socket.on('scene', (s: DisplayScene) => c.scenes.push(s));
  closers.push(() => c.close());
  return c;
}
/** The first scene from index `from` on that satisfies `pred`. */
const sceneWhere = (c: Screen, pred: (s: DisplayScene) => boolean, what: string, from = 0) =>
  until(
    (check) => {
      c.socket.on('scene', check);
      return () => void c.socket.off('scene', check);
    },
    () => c.scenes.slice(from).find(pred),
    10_000,
    what,
  );
async function device(id: string): Promise<MqttClient> {
  const c = await connectMqtt(hub.mqttUrl, id, hub.credentials.passwordFor(id)!);
  closers.push(() => c.end(true));
  return c;
}
const json = (r: { json(): unknown }) => r.json() as Record<string, unknown>;

describe('display control (HTTP, socket.io, MQTT)', () => {
  it('a manager changes a display: the connected screen gets its new scene at once; others may only read', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const wall = screen('wall-1');
    const first = await sceneWhere(wall, () => true, 'the first scene');
    expect(first.settings).toMatchObject({ id: 'wall-1', surface: 'hall-wall', layout: '1920x1080', voice: true, groups: ['hall-wall'] });

    const put = await hub.app.inject({ method: 'PUT', url: '/api/display-groups/lobby', headers: hub.as('boss'), payload: { name: '一楼大厅' } });
    expect(put.statusCode).toBe(200);
    const patched = await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { layout: '3840x1080', groups: ['lobby'] } });
    expect(patched.statusCode).toBe(200);
    const pushed = await sceneWhere(wall, (s) => s.settings.layout === '3840x1080', 'the new layout');
    expect(pushed.settings.groups).toEqual(['hall-wall', 'lobby']);

    expect((await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('audit'), payload: { layout: '1152x576' } })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { layout: '999x1' } })).statusCode).toBe(400);
    const noZone = await hub.app.inject({ method: 'PATCH', url: '/api/displays/wall-1', headers: hub.as('boss'), payload: { surface: 'zone-wall' } });
    expect(noZone.statusCode).toBe(422);
    expect(json(noZone).message).toBe('区域屏需要指定区域。');
    const list = (await hub.app.inject({ url: '/api/displays', headers: hub.as('audit') })).json() as Array<{ settings: { id: string; layout: string }; online: boolean }>;
    expect(list.find((d) => d.settings.id === 'wall-1')).toMatchObject({ settings: { layout: '3840x1080' }, online: true });
    expect(list.map((d) => d.settings.id).sort()).toEqual(['led-1', 'led-2', 'screen-1', 'wall-1', 'wall-2']);
    // Every change is in the audit log.
    const audit = (await hub.app.inject({ url: '/api/audit?actor=boss', headers: hub.as('audit') })).json() as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toContain('PATCH /api/displays/:id');
  });

  it('the scene a screen gets on (re)connect carries the hub’s time now, not when the scene last changed', async () => {
    const clock = fakeClock();
    hub = await testHub(smallHall(), clock, { listen: true });
    const first = screen('wall-1');
    const s0 = await sceneWhere(first, () => true, 'first scene');
    first.close();
    // Ten minutes on, nothing about the wall changed; a screen reconnecting uses the scene's time to tell the
    // calls it missed that are still fresh (to announce) from old ones.
    clock.advance(10 * MINUTE);
    const again = screen('wall-1');
    const s1 = await sceneWhere(again, () => true, 'scene on reconnect');
    expect(Date.parse(s1.at) - Date.parse(s0.at)).toBe(10 * MINUTE);
    expect(Date.parse(s1.at)).toBe(clock.now());
  });

  it('an emergency message reaches every screen and strip at once, and clears; a notice shows only on its targets', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const screens = [screen('wall-1'), screen('wall-2'), screen('screen-1')];
    for (const s of screens) await sceneWhere(s, () => true, 'a scene');
    const led = await device('led-2');
    const inbox = collect(led);
    await led.subscribeAsync('hall/test-hall/dev/led-2/set', { qos: 1 });

    const notice = await hub.app.inject({ method: 'POST', url: '/api/display-notices', headers: hub.as('boss'), payload: { text: '今天下午三点系统维护', targets: { groups: ['hall-wall'] } } });
    expect(notice.statusCode).toBe(201);
    await sceneWhere(screens[1]!, (s) => s.notices.some((n) => n.text === '今天下午三点系统维护'), 'the notice on wall-2');
    expect(screens[2]!.scenes.at(-1)!.notices).toEqual([]);

    const t0 = performance.now();
    const raised = await hub.app.inject({ method: 'POST', url: '/api/display-emergencies', headers: hub.as('boss'), payload: { text: '请大家有序离开大厅', textEn: 'Please leave the hall calmly' } });
    expect(raised.statusCode).toBe(201);
    const id = json(raised).id as string;
    await Promise.all(screens.map((s) => sceneWhere(s, (x) => x.emergency?.id === id, 'the emergency')));
    expect(performance.now() - t0).toBeLessThan(1000);
    const frame = JSON.parse((await inbox.next('hall/test-hall/dev/led-2/set')).payload) as { command: string; width: number; height: number; bitmap: string };
    expect(frame).toMatchObject({ command: 'show-bitmap', width: 128, height: 32 });
    expect((await hub.app.inject({ url: '/api/displays/led-2/preview.png', headers: hub.as('boss') })).headers['content-type']).toBe('image/png');

    const seen = screens.map((s) => s.scenes.length);
    const cleared = await hub.app.inject({ method: 'POST', url: `/api/display-emergencies/${id}/clear`, headers: hub.as('boss'), payload: {} });
    expect(json(cleared).clearedAt).not.toBeNull();
    await Promise.all(screens.map((s, i) => sceneWhere(s, (x) => x.emergency === null, 'cleared', seen[i])));
    for (const s of screens) expect(s.scenes.at(-1)!.emergency).toBeNull();
    // An emergency for an unknown group is refused, in both languages.
    const bad = await hub.app.inject({ method: 'POST', url: '/api/display-emergencies', headers: hub.as('boss'), payload: { text: 'x', targets: { groups: ['nope'] } } });
    expect(bad.statusCode).toBe(422);
    expect(json(bad)).toMatchObject({ message: '没有这个显示屏分组：nope', messageEn: 'No such display group: nope' });
  });

  it('a schedule switches a strip and a screen off on purpose: the strip gets power commands, and going offline raises no alert', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const led = await device('led-2');
    const inbox = collect(led);
    await led.subscribeAsync('hall/test-hall/dev/led-2/set', { qos: 1 });
    const wall = screen('wall-2');
    await sceneWhere(wall, () => true, 'a scene');
    // On from 08:00 to 08:30 only: at 09:00 (the fake clock) every targeted display is off.
    const sched = await hub.app.inject({
      method: 'POST',
      url: '/api/display-schedules',
      headers: hub.as('boss'),
      payload: { name: '早班', targets: { displays: ['led-2', 'wall-2'] }, rules: [{ days: ['mon'], on: '08:00', off: '08:30', brightness: 60 }] },
    });
    expect(sched.statusCode).toBe(201);
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/led-2/set')).payload)).toEqual({ command: 'power', on: false });
    const off = await sceneWhere(wall, (s) => !s.power.on, 'power off');
    expect(off.power).toEqual({ on: false, brightness: 0, scheduled: true });
    // The screen is switched off (its PC shuts down): no alert, even long past the grace period.
    wall.close();
    await deviceBecomes(hub, 'wall-2', false);
    hub.clock.advance(10 * MINUTE);
    hub.displays.refresh();
    const open = (await hub.app.inject({ url: '/api/display-alerts?open=true', headers: hub.as('boss') })).json() as DisplayAlert[];
    // Others never connected and are down by now; the two switched off on purpose are not.
    expect(open.map((a) => a.displayId).sort()).toEqual(['led-1', 'screen-1', 'wall-1']);
    // The schedule changes to "on now at 30 %": the strip is told to switch on, at that brightness.
    await hub.app.inject({
      method: 'PUT',
      url: `/api/display-schedules/${json(sched).id as string}`,
      headers: hub.as('boss'),
      payload: { name: '早班', targets: { displays: ['led-2'] }, rules: [{ days: ['mon'], on: '08:00', off: '12:00', brightness: 30 }] },
    });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/led-2/set')).payload)).toEqual({ command: 'power', on: true });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/led-2/set')).payload)).toEqual({ command: 'brightness', level: 30 });
  });

  it('a screen that drops during opening hours raises one alert (pushed to the console and listed), cleared when it is back', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const consoleClient = streamClient(hub.base, 'console', { token: hub.as('boss').authorization.slice('Bearer '.length) });
    closers.push(() => consoleClient.close());
    const alerts: DisplayAlert[] = [];
    consoleClient.socket.on('display-alert', (a: DisplayAlert) => alerts.push(a));
    await consoleClient.waitFor(() => (consoleClient.snapshots.length ? true : undefined));
    const wall = screen('wall-1');
    await sceneWhere(wall, () => true, 'a scene');
    wall.close();
    await deviceBecomes(hub, 'wall-1', false);
    hub.clock.advance(30_000);
    hub.displays.refresh();
    expect(alerts.filter((a) => a.displayId === 'wall-1')).toEqual([]); // within the grace period
    hub.clock.advance(MINUTE);
    hub.displays.refresh();
    hub.displays.refresh();
    const raised = await until((c) => (consoleClient.socket.on('display-alert', c), () => void consoleClient.socket.off('display-alert', c)), () => alerts.find((a) => a.displayId === 'wall-1'), 5000, 'alert');
    expect(raised).toMatchObject({ kind: 'down', clearedAt: null, message: '显示屏“wall-1”在开放时间内离线。' });
    expect(alerts.filter((a) => a.displayId === 'wall-1')).toHaveLength(1);
    const listed = (await hub.app.inject({ url: '/api/display-alerts?open=true', headers: hub.as('audit') })).json() as DisplayAlert[];
    expect(listed.filter((a) => a.displayId === 'wall-1')).toHaveLength(1);
    // It comes back: the alert is cleared, and the console told.
    screen('wall-1');
    await until((c) => (consoleClient.socket.on('display-alert', c), () => void consoleClient.socket.off('display-alert', c)), () => alerts.find((a) => a.displayId === 'wall-1' && a.clearedAt !== null), 5000, 'cleared');
    expect(((await hub.app.inject({ url: '/api/display-alerts?open=true', headers: hub.as('audit') })).json() as DisplayAlert[]).filter((a) => a.displayId === 'wall-1')).toEqual([]);
  });

  it('a screenshot on demand: the display uploads it in acknowledged chunks; the manager gets it back', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const wall = screen('wall-1');
    await sceneWhere(wall, () => true, 'a scene');
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#123456' } }).png({ compressionLevel: 0 }).toBuffer();
    const b64 = png.toString('base64');
    wall.socket.on('screenshot-request', async ({ requestId }: { requestId: string }) => {
      const size = 48 * 1024;
      const count = Math.ceil(b64.length / size);
      for (let index = 0; index < count; index++) {
        const ack = await wall.socket.emitWithAck('screenshot', { requestId, mime: 'image/png', index, count, data: b64.slice(index * size, (index + 1) * size) });
        expect(ack).toEqual({ ok: true });
      }
    });
    const r = await hub.app.inject({ method: 'POST', url: '/api/displays/wall-1/screenshot', headers: hub.as('boss'), payload: {} });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ mime: 'image/png', bytes: png.length });
    const got = await hub.app.inject({ url: '/api/displays/wall-1/screenshot', headers: hub.as('boss') });
    expect(got.rawPayload.equals(png)).toBe(true);
    // A chunk nobody asked for is refused and counted.
    expect(await wall.socket.emitWithAck('screenshot', { requestId: 'nope', mime: 'image/png', index: 0, count: 1, data: 'AAAA' })).toMatchObject({ ok: false });
    const offline = await hub.app.inject({ method: 'POST', url: '/api/displays/wall-2/screenshot', headers: hub.as('boss'), payload: {} });
    expect(offline.statusCode).toBe(409);
    expect(offline.json()).toMatchObject({ code: 'display_offline', message: '这个显示屏不在线，无法截图。' });
  });

  it('idle images are resized and re-encoded by the hub, and listed in the scenes of their targets', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c8102e' } }).jpeg().toBuffer();
    const up = await hub.app.inject({ method: 'POST', url: '/api/display-media', headers: hub.as('boss'), payload: { name: '办事指南海报', image: big.toString('base64'), seconds: 8, targets: { all: true } } });
    expect(up.statusCode).toBe(201);
    expect(json(up)).toMatchObject({ width: 1620, height: 1080, seconds: 8 });
    const file = await hub.app.inject({ url: json(up).url as string });
    expect(file.headers['content-type']).toBe('image/webp');
    expect((await sharp(file.rawPayload).metadata()).width).toBe(1620);
    const wall = screen('wall-1');
    const s = await sceneWhere(wall, (x) => x.media.length === 1, 'the image in the scene');
    expect(s.media[0]).toMatchObject({ url: json(up).url, seconds: 8 });
    const junk = await hub.app.inject({ method: 'POST', url: '/api/display-media', headers: hub.as('boss'), payload: { name: 'x', image: Buffer.from('not an image at all').toString('base64'), targets: { all: true } } });
    expect(junk.statusCode).toBe(422);
  });
});
