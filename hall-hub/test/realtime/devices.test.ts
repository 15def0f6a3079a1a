import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectMqtt } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { deviceBecomes, testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

const becomes = (id: string, want: boolean) => deviceBecomes(hub, id, want);

describe('device availability and the evaluator', () => {
  it("a device behind a bridge is online only while the bridge is; the bridge's last will takes them all offline", async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const bridge = await connectMqtt(hub.mqttUrl, 'bridge-1', hub.credentials.passwordFor('bridge-1')!, {
      reconnectPeriod: 0,
      will: { topic: 'hall/test-hall/bridge/bridge-1/state', payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    closers.push(() => bridge.end(true));
    await bridge.publishAsync('hall/test-hall/dev/keypad-1/availability', 'online', { qos: 1, retain: true });
    expect(hub.devices.view('keypad-1')?.online).toBe(false); // the bridge has not said it is online yet
    await bridge.publishAsync('hall/test-hall/bridge/bridge-1/state', 'online', { qos: 1, retain: true });
    await becomes('keypad-1', true);
    // The bridge process dies: the broker publishes its will.
    bridge.stream.destroy();
    await becomes('keypad-1', false);
    const history = (await hub.app.inject({ url: '/api/devices/keypad-1/history', headers: hub.as('boss') })).json();
    expect(history.map((h: { online: boolean; via: string }) => [h.online, h.via])).toEqual([
      [false, 'bridge bridge-1'],
      [true, 'bridge bridge-1'],
    ]);
    // A bad availability payload is refused and changes nothing.
    const led = await connectMqtt(hub.mqttUrl, 'led-2', hub.credentials.passwordFor('led-2')!);
    closers.push(() => led.end(true));
    await led.publishAsync('hall/test-hall/dev/led-2/availability', 'online', { qos: 1 });
    await becomes('led-2', true);
    const ledInbox = collect(led);
    await led.subscribeAsync('hall/test-hall/dev/led-2/response/+', { qos: 1 });
    await led.publishAsync('hall/test-hall/dev/led-2/availability', 'maybe', { qos: 1 });
    // A round trip after it: the hub handles one client's messages in order, so the bad one was handled first.
    await led.publishAsync('hall/test-hall/dev/led-2/request/ping', '{}', { qos: 1 });
    await ledInbox.next('hall/test-hall/dev/led-2/response/ping');
    expect(hub.devices.view('led-2')?.online).toBe(true);
    expect((await hub.app.inject({ url: '/api/health' })).json().rejected.mqtt_bad_payload).toBe(1);
  });

  it('after service the evaluator is prompted, and its rating is recorded once (一次一评)', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: hub.as('staff-S1'), payload: {} });
    const bridge = await connectMqtt(hub.mqttUrl, 'bridge-1', hub.credentials.passwordFor('bridge-1')!);
    closers.push(() => bridge.end(true));
    const inbox = collect(bridge);
    await bridge.subscribeAsync(['hall/test-hall/dev/evaluator-1/set', 'hall/test-hall/dev/evaluator-1/response/+'], { qos: 1 });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: hub.as('staff-S1'), payload: {} });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/set')).payload)).toEqual({ command: 'prompt-rating', ticket: 'A001', windowNo: '1' });
    const rate = (transaction: string, level: string) =>
      bridge.publishAsync('hall/test-hall/dev/evaluator-1/request/rate', JSON.stringify({ transaction, level, dimensions: { attitude: 5, efficiency: 4 } }), { qos: 1 });
    await rate('r1', 'very-satisfied');
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload)).toEqual({ status: 'ok', transaction: 'r1', data: { rated: true, ticket: 'A001' } });
    await rate('r2', 'very-dissatisfied');
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload)).toMatchObject({ status: 'error', transaction: 'r2', error: { code: 'already_rated' } });
    expect(hub.engine.ticketByNumber('A001')?.rating).toBe('very-satisfied');
    await bridge.publishAsync('hall/test-hall/dev/evaluator-1/request/rate', JSON.stringify({ transaction: 'r3', level: 5 }), { qos: 1 });
    expect(JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload)).toMatchObject({ status: 'error', error: { code: 'invalid_payload' } });
  });

  it('a rating that names its ticket (the one the evaluator was prompted for) goes to that ticket, not the latest', async () => {
    const clock = fakeClock();
    hub = await testHub(smallHall(), clock, { listen: true });
    const staff = hub.as('staff-S1');
    for (let i = 0; i < 2; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: staff, payload: {} });
    for (let i = 0; i < 2; i++) {
      await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: staff, payload: {} });
      await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: staff, payload: {} });
      clock.advance(2 * 60_000);
    }
    const bridge = await connectMqtt(hub.mqttUrl, 'bridge-1', hub.credentials.passwordFor('bridge-1')!);
    closers.push(() => bridge.end(true));
    const inbox = collect(bridge);
    await bridge.subscribeAsync('hall/test-hall/dev/evaluator-1/response/+', { qos: 1 });
    const rate = async (body: Record<string, unknown>) => {
      await bridge.publishAsync('hall/test-hall/dev/evaluator-1/request/rate', JSON.stringify(body), { qos: 1 });
      return JSON.parse((await inbox.next('hall/test-hall/dev/evaluator-1/response/rate')).payload) as unknown;
    };
    // A001's visitor, prompted before A002 was served, rates late: A001 gets it, A002 stays unrated.
    expect(await rate({ transaction: 't1', ticket: 'A001', level: 'satisfied' })).toMatchObject({ status: 'ok' });
    expect(hub.engine.ticketByNumber('A001')?.rating).toBe('satisfied');
    expect(hub.engine.ticketByNumber('A002')?.rating).toBeNull();
    expect(await rate({ transaction: 't2', ticket: 'A001', level: 'basic' })).toMatchObject({ status: 'error', error: { code: 'already_rated' } });
    expect(await rate({ transaction: 't3', ticket: 'Z999', level: 'basic' })).toMatchObject({ status: 'error', error: { code: 'unknown_ticket' } });
    expect(await rate({ transaction: 't4', ticket: 'not a ticket', level: 'basic' })).toMatchObject({ status: 'error', error: { code: 'invalid_payload' } });
    expect(await rate({ transaction: 't5', level: 'very-satisfied' })).toMatchObject({ status: 'ok' });
    expect(hub.engine.ticketByNumber('A002')?.rating).toBe('very-satisfied');
  });

  it('a bridge asks the hub which devices it serves', async () => {
    hub = await testHub();
    const bridge = await connectMqtt(hub.mqttUrl, 'bridge-1', hub.credentials.passwordFor('bridge-1')!);
    closers.push(() => bridge.end(true));
    const inbox = collect(bridge);
    await bridge.subscribeAsync('hall/test-hall/bridge/bridge-1/response/+', { qos: 1 });
    await bridge.publishAsync('hall/test-hall/bridge/bridge-1/request/devices', JSON.stringify({ transaction: 'd1' }), { qos: 1 });
    const r = JSON.parse((await inbox.next('hall/test-hall/bridge/bridge-1/response/devices')).payload);
    expect(r).toEqual({
      status: 'ok',
      transaction: 'd1',
      data: [
        { id: 'keypad-1', type: 'keypad', window: '1' },
        { id: 'evaluator-1', type: 'evaluator', window: '1' },
        { id: 'led-1', type: 'led-strip', window: '1' },
      ],
    });
    // A bridge that names what it is configured with: the devices the hall does not put behind it as that type
    // are listed for the console, each with its reason in Chinese first.
    const configured = [
      { id: 'keypad-1', type: 'keypad' },
      { id: 'led-1', type: 'keypad' },
      { id: 'idreader-1', type: 'id-reader' },
    ];
    await bridge.publishAsync('hall/test-hall/bridge/bridge-1/request/devices', JSON.stringify({ transaction: 'd2', configured }), { qos: 1 });
    await inbox.next('hall/test-hall/bridge/bridge-1/response/devices');
    const refused = await hub.app.inject({ method: 'GET', url: '/api/devices/refused', headers: hub.as('boss') });
    expect(refused.json()).toEqual([
      { bridgeId: 'bridge-1', id: 'led-1', reason: '类型不符：网关配置为 keypad，大厅配置为 led-strip (configured as keypad, the hall says led-strip)' },
      { bridgeId: 'bridge-1', id: 'idreader-1', reason: '大厅配置未将其置于此网关下 (not behind this bridge in the hall configuration)' },
    ]);
  });
});

describe('the ID-card reader beside a kiosk', () => {
  it('a card on the reader, then "take a ticket with my ID card": one waiting ticket per ID per line, the number never in the clear', async () => {
    hub = await testHub();
    const reader = await connectMqtt(hub.mqttUrl, 'idreader-1', hub.credentials.passwordFor('idreader-1')!);
    closers.push(() => reader.end(true));
    const inbox = collect(reader);
    await reader.subscribeAsync('hall/test-hall/dev/idreader-1/response/+', { qos: 1 });
    const readCard = async () => {
      await reader.publishAsync('hall/test-hall/dev/idreader-1/event', JSON.stringify({ type: 'id-card', name: '张三', idNumber: '110105199001011234' }), { qos: 1 });
      // A round trip after it: the hub has handled the card once it answers the ping that followed.
      await reader.publishAsync('hall/test-hall/dev/idreader-1/request/ping', '{}', { qos: 1 });
      await inbox.next('hall/test-hall/dev/idreader-1/response/ping');
    };
    const kiosk = { authorization: `Device kiosk-1:${hub.credentials.passwordFor('kiosk-1')}` };
    const take = () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: kiosk, payload: { lineId: 'general', useIdCard: true } });

    const none = await take();
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'no_id_card', message: expect.stringContaining('身份证') });
    await readCard();
    const first = await take();
    expect(first.statusCode).toBe(201);
    expect(first.json().idMasked).toBe('110105********1234');
    expect(first.json().channel).toBe('id-card');
    // The card was taken once: the same tap again finds nothing …
    expect((await take()).json().code).toBe('no_id_card');
    // … and the same card again is refused for the same line while its ticket waits.
    await readCard();
    expect((await take()).json().code).toBe('already_waiting');
    // Without kiosk credentials the reader cannot be used.
    const anonymous = await hub.app.inject({ method: 'POST', url: '/api/tickets', payload: { lineId: 'general', useIdCard: true } });
    expect(anonymous.statusCode).toBe(401);
    const stored = hub.db.prepare('SELECT data FROM events').all() as Array<{ data: string }>;
    for (const row of stored) expect(row.data).not.toContain('19900101');
  });
});
