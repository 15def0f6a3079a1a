import { afterEach, describe, expect, it } from 'vitest';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { startMosquitto, type MosquittoBroker } from '@hall/testkit/mosquitto';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { UPLINK_KEY, serveTickets } from '@hall/testkit/uplink-fixture';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
let broker: MosquittoBroker | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  await broker?.close();
  hub = sim = broker = null;
});

const PASSWORDS: Record<string, string> = { 'hall-test-hall': 'hall-uplink-pw-1', province: 'province-pw-2' };

/** Debian's mosquitto with the hall's uplink account (its own topics only) and the province's (all halls'). */
const provinceBroker = () =>
  startMosquitto(
    [
      { username: 'hall-test-hall', publish: ['province/test-hall/uplink/#'], subscribe: [] },
      { username: 'province', publish: [], subscribe: ['province/+/uplink/+'] },
    ],
    (u) => PASSWORDS[u] ?? null,
    { clientIdIsUsername: false },
  );

/** A hall whose uplink goes over MQTT 5 to `url`, in small batches with quick retries. */
const mqttHall = (url: string) =>
  testHub(
    smallHall({
      uplink: {
        enabled: true,
        transport: 'mqtt5',
        mqtt: { url, username: 'hall-test-hall' },
        batchSize: 4,
        backoff: { baseMs: 50, maxMs: 300 },
        requestTimeoutMs: 2000,
        downlink: { enabled: false },
      },
    }),
    fakeClock(),
    { env: { HALL_UPLINK_KEY: UPLINK_KEY, HALL_UPLINK_MQTT_PASSWORD: PASSWORDS['hall-test-hall'] } },
  );

describe('the MQTT 5 transport, against Debian’s mosquitto', () => {
  it('batches go to the upstream broker signed, the province takes them once and in order, across a broker restart', async () => {
    broker = await provinceBroker();
    sim = await startProvinceSimulator({ key: UPLINK_KEY, mqtt: { url: broker.url, username: 'province', password: PASSWORDS.province } });
    await sim.mqttReady;
    hub = await mqttHall(broker.url);
    const h = hub;
    const s = sim;
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    await serveTickets(h, 3);
    await s.waitForHeld(9, 'queue');
    expect(s.held('queue').every((e) => e.via === 'mqtt')).toBe(true);
    // Nothing in flight when the broker goes: a resend after its restart would be a duplicate.
    await h.uplink.relay!.drained();

    // The upstream broker goes down: events wait in the outbox; it comes back and they follow, in order.
    await broker.stop();
    await serveTickets(h, 3);
    const waiting = h.uplink.status().streams.find((x) => x.stream === 'queue')!;
    expect(waiting.backlog).toBeGreaterThan(0);
    await broker.restart();
    await s.waitForHeld(18, 'queue');
    await h.uplink.relay!.drained();
    const keys = s.held('queue').map((e) => e.key);
    expect(keys).toHaveLength(18);
    expect(keys.map((k) => Number(k.split(':')[2]))).toEqual([...keys.map((k) => Number(k.split(':')[2]))].sort((a, b) => a - b));
    expect(s.held('attendance').map((e) => e.type)).toEqual(['open']);
    // Received once each, not only held once: the province's de-duplication had nothing to drop.
    expect(s.stats()).toMatchObject({ badSignatures: 0, outOfOrder: 0, duplicates: 0 });
  }, 60_000);

  it('a PUBACK of “no matching subscribers” is not a delivery: the batch waits until the province listens', async () => {
    broker = await provinceBroker();
    hub = await mqttHall(broker.url);
    const h = hub;
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    await serveTickets(h, 2);
    // Nobody subscribes yet: mosquitto answers 0x10 and drops the message, so the outbox must keep it.
    const queue = () => h.uplink.status().streams.find((x) => x.stream === 'queue')!;
    await expect.poll(() => queue().lastError ?? '', { timeout: 20_000 }).toContain('0x10');
    expect(queue().backlog).toBe(6);

    sim = await startProvinceSimulator({ key: UPLINK_KEY, mqtt: { url: broker.url, username: 'province', password: PASSWORDS.province } });
    await sim.mqttReady;
    await sim.waitForHeld(6, 'queue');
    await h.uplink.relay!.drained();
    expect(sim.held('queue')).toHaveLength(6);
    expect(queue().backlog).toBe(0);
    // The messages mosquitto dropped never reached the province; the resent ones arrived once each.
    expect(sim.stats()).toMatchObject({ badSignatures: 0, outOfOrder: 0, duplicates: 0 });
  }, 60_000);
});
