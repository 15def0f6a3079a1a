import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainMinutes, PROVINCE_HALLS, PROVINCE_MIX, provinceFigures } from './lib/province-capacity.js';
import { startConsumerProcess, startRelayProcess, type ConsumerPeer, type PhaseStats, type RelayPeer } from './lib/province-fleet.js';
import { simulateHallDay } from './lib/province-hall-day.js';
import { PROVINCE_USER, startProvinceBroker, TOPIC_PREFIX, type ProvinceBroker } from './lib/province-mosquitto.js';
import { BATCH_SIZE, hallVolumes, type HallVolumes } from './lib/province-volumes.js';
import { cpuMs, memory } from './lib/proc-stats.js';
import { figure, median, percentile, type Figure } from './lib/report.js';

/** Halls whose relays run against the broker at once, in two processes (PROVINCE_HALLS to change). */
const HALLS = Number(process.env.PROVINCE_HALLS ?? 100);
const ROUNDS = Number(process.env.PROVINCE_ROUNDS ?? 2);
const LIVE_SECONDS = Number(process.env.PROVINCE_LIVE_SECONDS ?? 15);
const CONSUMERS = 2;
const KEY = 'province-scale-shared-key-0123456789';
const MB = 1024 * 1024;

const hallId = (i: number) => `hall-${String(i + 1).padStart(4, '0')}`;
const passwordOf = (user: string) => `pw-${user}-7f3a9c`;
const wallMs = () => performance.timeOrigin + performance.now();
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits });

function printDay(v: HallVolumes): void {
  const d = v.day;
  console.log(
    `  ${d.label}: ${d.visitors} visitors, ${d.windows} windows, ${d.devices} devices — issued ${d.counts.issued}, served ${d.counts.served}, ` +
      `no-show ${d.counts.noShow}, transferred ${d.counts.transferred}, rated ${d.counts.rated}; last service ends ${new Date(d.lastServiceAt).toISOString().slice(11, 16)} UTC; ${fmt(d.realMs / 1000)} s`,
  );
  for (const s of [...v.streams, v.total]) {
    console.log(
      `    ${s.stream.padEnd(13)} ${fmt(s.events).padStart(6)} events ${fmt(s.batches).padStart(6)} batches ${fmt(s.bytes / 1024).padStart(6)} KB/day; ` +
        `peak minute ${s.peakMinute.events} events at ${new Date(s.peakMinute.at).toISOString().slice(11, 16)} UTC, peak second ${s.peakSecondEvents}`,
    );
  }
  console.log(`    one-hour outage at the busiest hour: ${fmt(v.catchUp.events)} events, sent back as ${v.catchUp.messages} messages, ${fmt(v.catchUp.bytes / 1024)} KB`);
}

interface Delivery {
  stats: PhaseStats;
  seconds: number;
  lost: number;
  brokerCpuPercent: number;
  /** the two relay (or baseline) processes together, in shares of one core */
  senderCpuPercent: number;
  consumerCpuPercent: number;
}

/** Runs `go`, then waits until the consumers hold `expected` events; the clock runs from `go`. */
async function deliver(
  consumer: ConsumerPeer,
  broker: ProvinceBroker,
  senders: RelayPeer[],
  expected: () => number,
  go: () => Promise<void>,
  quietMs = 300_000,
): Promise<Delivery> {
  consumer.send({ type: 'phase' });
  const senderCpu = () => senders.reduce((n, r) => n + cpuMs(r.pid), 0);
  const cpu0 = cpuMs(broker.pid);
  const sender0 = senderCpu();
  const consumer0 = cpuMs(consumer.pid);
  const t0 = wallMs();
  await go();
  let stats: PhaseStats;
  try {
    stats = (await consumer.ask({ type: 'expect', n: expected() }, 'reached', quietMs)).stats;
  } catch {
    stats = (await consumer.ask({ type: 'stats' }, 'stats')).stats;
  }
  const t1 = stats.lastAt ?? wallMs();
  return {
    stats,
    seconds: (t1 - t0) / 1000,
    lost: expected() - stats.accepted,
    brokerCpuPercent: ((cpuMs(broker.pid) - cpu0) / (t1 - t0)) * 100,
    senderCpuPercent: ((senderCpu() - sender0) / (t1 - t0)) * 100,
    consumerCpuPercent: ((cpuMs(consumer.pid) - consumer0) / (t1 - t0)) * 100,
  };
}

async function all<R>(relays: RelayPeer[], f: (r: RelayPeer) => Promise<R>): Promise<R[]> {
  return Promise.all(relays.map(f));
}

export async function provinceScale(): Promise<Figure[]> {
  // 1. What one hall sends: a simulated day of each size through the hub's own projector and relay.
  console.log('  simulating one day of each hall size through the real hub (queue engine, outbox, relay)…');
  const vols = new Map<string, HallVolumes>();
  for (const s of PROVINCE_MIX) {
    const v = hallVolumes(await simulateHallDay({ label: s.label, visitors: s.visitors, windows: s.windows }));
    vols.set(s.label, v);
    printDay(v);
  }
  const large = vols.get('large')!;
  const province = provinceFigures(vols);
  console.log(
    `  province (${PROVINCE_HALLS} halls): ${fmt(province.perDay.events)} events, ${fmt(province.perDay.batches)} batches, ${fmt(province.perDay.bytes / MB)} MB a day; ` +
      `peak ${fmt(province.peak.eventsPerSecond)} events/s (${fmt(province.peak.batchesPerSecond)} messages/s, ${fmt(province.peak.bytesPerSecond / 1024)} KB/s); ` +
      `ceiling of summed peak seconds ${fmt(province.peakSecondCeiling)} events/s; one-hour outage: ${fmt(province.outage.events)} events, ${fmt(province.outage.messages)} messages, ${fmt(province.outage.bytes / MB)} MB`,
  );

  // 2. The relay against Debian's mosquitto: HALLS halls in two processes, a shared subscription on the province side.
  const ids = Array.from({ length: PROVINCE_HALLS }, (_, i) => hallId(i));
  const broker = await startProvinceBroker(ids, passwordOf);
  const consumer = startConsumerProcess();
  const relays = [startRelayProcess('relays-1'), startRelayProcess('relays-2')];
  const dir = mkdtempSync(join(tmpdir(), 'hall-province-scale-'));
  try {
    await consumer.ask(
      { type: 'start', url: broker.url, username: PROVINCE_USER, password: passwordOf(PROVINCE_USER), consumers: CONSUMERS, filter: `$share/province/${TOPIC_PREFIX}/+/uplink/+`, key: KEY },
      'started',
    );
    const mine = (k: number) => ids.slice(0, HALLS).filter((_, i) => i % relays.length === k);
    await all(relays, (r) => {
      const halls = mine(relays.indexOf(r));
      return r.ask({ type: 'open', url: broker.url, prefix: TOPIC_PREFIX, hallIds: halls, passwords: halls.map(passwordOf), dir, batchSize: BATCH_SIZE, key: KEY, template: large.peakHour }, 'opened');
    });
    // Every other hall of the province connected and idle, as it would be: what 1,500 sessions cost the broker.
    const alone = memory(broker.pid).rss;
    const rest = ids.slice(HALLS);
    await all(relays, (r) => {
      const k = relays.indexOf(r);
      const users = rest.filter((_, i) => i % relays.length === k);
      return r.ask({ type: 'idle', usernames: users, passwords: users.map(passwordOf) }, 'idled');
    });
    const connected = memory(broker.pid).rss;
    const perConnection = (connected - alone) / rest.length;
    console.log(`  broker RSS ${fmt(alone / MB, 1)} MB with the consumers alone, ${fmt(connected / MB, 1)} MB with ${rest.length} more halls connected (${fmt(perConnection / 1024, 1)} KB each)`);

    const perHall = large.catchUp.events;
    const backlog = perHall * HALLS;
    console.log(`  ${HALLS} halls, each with the large hall's busiest hour in its outbox (${fmt(perHall)} events): ${fmt(backlog)} events`);

    // Warm-up: one event per hall, so that every hall's MQTT connection is up before anything is timed (a relay
    // that tries before its connection is up backs off: 0.5 s, doubling, jittered — a start-up cost, not a rate).
    await all(relays, (r) => r.ask({ type: 'fill', perHall: 1 }, 'filled'));
    const warm = await deliver(consumer, broker, relays, () => HALLS, async () => void relays.forEach((r) => r.send({ type: 'start' })));
    await all(relays, (r) => r.ask({ type: 'stop' }, 'stopped'));
    console.log(`  warm-up: every hall's first event at the province ${fmt(warm.seconds, 1)} s after the relays started`);

    const relayDrains: Delivery[] = [];
    const bareDrains: Delivery[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await all(relays, (r) => r.ask({ type: 'fill', perHall }, 'filled'));
      const relay = await deliver(consumer, broker, relays, () => backlog, async () => void relays.forEach((r) => r.send({ type: 'start' })));
      await all(relays, (r) => r.ask({ type: 'stop' }, 'stopped'));
      relayDrains.push(relay);
      await all(relays, (r) => r.ask({ type: 'bare-open', perHall }, 'bare-opened'));
      const bare = await deliver(consumer, broker, relays, () => backlog, async () => void relays.forEach((r) => r.send({ type: 'bare-drain' })));
      bareDrains.push(bare);
      console.log(
        `  round ${round + 1}: relay drained ${fmt(backlog)} events in ${fmt(relay.seconds, 1)} s (${fmt(backlog / relay.seconds)} events/s, broker ${fmt(relay.brokerCpuPercent)}% CPU, relay processes ${fmt(relay.senderCpuPercent)}%, consumers ${fmt(relay.consumerCpuPercent)}%, lost ${relay.lost}, ` +
          `duplicates ${relay.stats.duplicates}, out of order ${relay.stats.outOfOrder}, per consumer ${relay.stats.perConsumer.join('/')}); ` +
          `bare publishers ${fmt(bare.seconds, 1)} s (${fmt(backlog / bare.seconds)} events/s, broker ${fmt(bare.brokerCpuPercent)}% CPU, their processes ${fmt(bare.senderCpuPercent)}%, consumers ${fmt(bare.consumerCpuPercent)}%, lost ${bare.lost})`,
      );
    }

    // Live: the halls write events as they happen, at the large hall's peak rate and at five times it.
    await all(relays, (r) => r.ask({ type: 'start' }, 'started'));
    const peakRate = large.total.peakMinute.events / 60;
    const live: Array<{ mult: number; relay: Delivery; bare: Delivery; sent: number }> = [];
    for (const mult of [1, 5]) {
      let sent = 0;
      const relay = await deliver(consumer, broker, relays, () => sent, async () => {
        sent = (await all(relays, (r) => r.ask({ type: 'live', ratePerHall: peakRate * mult, seconds: LIVE_SECONDS }, 'lived'))).reduce((n, x) => n + x.events, 0);
      });
      let bareSent = 0;
      const bare = await deliver(consumer, broker, relays, () => bareSent, async () => {
        bareSent = (await all(relays, (r) => r.ask({ type: 'bare-live', ratePerHall: peakRate * mult, seconds: LIVE_SECONDS }, 'bare-lived'))).reduce((n, x) => n + x.events, 0);
      });
      live.push({ mult, relay, bare, sent });
      const l = relay.stats.latencies;
      const b = bare.stats.latencies;
      console.log(
        `  live ×${mult} (${fmt(peakRate * mult, 2)} events/s per hall, ${fmt((sent / LIVE_SECONDS), 0)} events/s in all): relay p50 ${fmt(percentile(l, 50), 1)} ms p99 ${fmt(percentile(l, 99), 1)} ms (${l.length} samples, lost ${relay.lost}, out of order in the shared group ${relay.stats.outOfOrder}); ` +
          `bare p50 ${fmt(percentile(b, 50), 1)} ms p99 ${fmt(percentile(b, 99), 1)} ms (${b.length} samples); broker ${fmt(relay.brokerCpuPercent, 1)}% CPU vs ${fmt(bare.brokerCpuPercent, 1)}%`,
      );
    }
    const status = await all(relays, (r) => r.ask({ type: 'status' }, 'status'));
    const mem = memory(broker.pid);
    console.log(`  broker at the end, all ${PROVINCE_HALLS} halls connected: RSS ${fmt(mem.rss / MB, 1)} MB, peak ${fmt(mem.peak / MB, 1)} MB`);

    const relayRate = median(relayDrains.map((d) => backlog / d.seconds));
    const bareRate = median(bareDrains.map((d) => backlog / d.seconds));
    const lost = [...relayDrains, ...live.map((x) => x.relay)].reduce((n, d) => n + Math.max(0, d.lost), 0);
    const outOfOrder = [...relayDrains, ...live.map((x) => x.relay)].reduce((n, d) => n + d.stats.outOfOrder, 0);
    const at1 = live[0]!;
    const at5 = live[1]!;
    const provinceDrain = drainMinutes(province.outage.events, relayRate, province.peak.eventsPerSecond);
    const failures = status.reduce((n, s) => n + s.failures, 0);
    if (failures > 0) console.log(`  relay failures seen: ${failures} (${status.map((s) => s.lastError).filter(Boolean).join('; ')})`);

    return [
      figure({
        id: 'province-scale.hall-events-per-day',
        what: `events one large hall sends the province in a simulated day (3,000 visitors, 55 windows; ${large.streams.map((s) => `${s.stream} ${s.events}`).join(', ')})`,
        value: large.total.events,
        unit: 'events/day',
      }),
      figure({ id: 'province-scale.hall-bytes-per-day', what: `request bodies one large hall sends in a day (${fmt(large.total.batches)} batches as the live relay sends them)`, value: large.total.bytes / MB, unit: 'MB/day' }),
      figure({ id: 'province-scale.hall-peak-minute', what: 'one large hall’s busiest minute (all streams)', value: large.total.peakMinute.events, unit: 'events/min' }),
      figure({
        id: 'province-scale.province-peak',
        what: `province-wide busiest minute, ${PROVINCE_HALLS} halls (10% large, 40% medium, 50% small) with their mornings on the same clock`,
        value: province.peak.eventsPerSecond,
        unit: 'events/s',
      }),
      figure({ id: 'province-scale.province-outage-backlog', what: 'events waiting in the halls’ outboxes after a province-wide one-hour outage at the busiest hour', value: province.outage.events, unit: 'events' }),
      figure({
        id: 'province-scale.drain-rate',
        what: `${HALLS} halls’ one-hour backlogs (${fmt(backlog)} events) drained at once through the relay (SQLite outbox, MQTT 5, QoS 1) into Debian's mosquitto and ${CONSUMERS} shared-subscription consumers (signature checked, deduplicated)`,
        value: relayRate,
        unit: 'events/s',
        baseline: { what: 'bare mqtt.js QoS 1 publishers, one per hall, sending the same batches (prebuilt and signed) to the same broker and consumers', value: bareRate, unit: 'events/s' },
      }),
      figure({
        id: 'province-scale.drain-seconds',
        what: `time to deliver ${HALLS} halls' one-hour backlogs, relays started with the broker up`,
        value: median(relayDrains.map((d) => d.seconds)),
        unit: 's',
        baseline: { what: 'bare publishers, the same batches', value: median(bareDrains.map((d) => d.seconds)), unit: 's' },
      }),
      figure({
        id: 'province-scale.latency.p50',
        what: `outbox write → province consumer, ${HALLS} halls at the large hall's peak rate (${fmt(at1.sent / LIVE_SECONDS)} events/s in all, ${at1.relay.stats.latencies.length} samples)`,
        value: percentile(at1.relay.stats.latencies, 50),
        unit: 'ms',
        baseline: { what: 'bare publisher: publish → consumer, same rate and sizes', value: percentile(at1.bare.stats.latencies, 50), unit: 'ms' },
      }),
      figure({
        id: 'province-scale.latency.p99',
        what: `outbox write → province consumer, ${HALLS} halls at the large hall's peak rate`,
        value: percentile(at1.relay.stats.latencies, 99),
        unit: 'ms',
        baseline: { what: 'bare publisher: publish → consumer, same rate and sizes', value: percentile(at1.bare.stats.latencies, 99), unit: 'ms' },
      }),
      figure({
        id: 'province-scale.latency-5x.p99',
        what: `outbox write → province consumer at five times the peak rate (${fmt(at5.sent / LIVE_SECONDS)} events/s in all, ${at5.relay.stats.latencies.length} samples)`,
        value: percentile(at5.relay.stats.latencies, 99),
        unit: 'ms',
        baseline: { what: 'bare publisher, same rate and sizes', value: percentile(at5.bare.stats.latencies, 99), unit: 'ms' },
      }),
      figure({
        id: 'province-scale.broker-cpu',
        what: `mosquitto's CPU while the ${HALLS} relays drain (share of one core)`,
        value: median(relayDrains.map((d) => d.brokerCpuPercent)),
        unit: '%',
        baseline: { what: 'while the bare publishers send the same batches', value: median(bareDrains.map((d) => d.brokerCpuPercent)), unit: '%' },
      }),
      figure({ id: 'province-scale.broker-live-cpu', what: `mosquitto's CPU at five times the peak rate, one message per event (${fmt(at5.sent / LIVE_SECONDS)} messages/s)`, value: at5.relay.brokerCpuPercent, unit: '%' }),
      figure({ id: 'province-scale.broker-rss', what: `mosquitto's resident memory with all ${PROVINCE_HALLS} halls and ${CONSUMERS} consumers connected, after the drains`, value: mem.rss / MB, unit: 'MB' }),
      figure({ id: 'province-scale.broker-rss-per-hall', what: 'mosquitto’s resident memory per idle hall connection (MQTT 5, password login, ACL)', value: perConnection / 1024, unit: 'KB' }),
      figure({
        id: 'province-scale.lost',
        what: 'events written to a hall outbox that the province did not hold exactly once after deduplication (all drain and live phases)',
        value: lost,
        unit: 'events',
        target: { text: '= 0', check: ({ value }) => value === 0 },
      }),
      figure({
        id: 'province-scale.out-of-order',
        what: `events that reached the shared-subscription group behind a later one of the same hall and stream (mosquitto hands a hall's batches to ${CONSUMERS} consumers in turn)`,
        value: outOfOrder,
        unit: 'events',
      }),
      figure({
        id: 'province-scale.province-drain-minutes',
        what: `one such mosquitto absorbing the province's one-hour backlog (${fmt(province.outage.events)} events) at the measured drain rate while ${PROVINCE_HALLS} halls keep sending their peak`,
        value: provinceDrain,
        unit: 'min',
        target: { text: '<= 60 (caught up within the hour)', check: ({ value }) => value <= 60 },
      }),
    ];
  } finally {
    await Promise.all([...relays.map((r) => r.stop()), consumer.stop()]);
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
