import { rmSync } from 'node:fs';
import { NAMESPACES, PROTOCOL_VERSION, topics } from '@hall/shared';
import { writeDeviceHall } from './lib/device-hall.js';
import { nowMs, startRemoteFleet, type RemoteFleet } from './lib/remote-fleet.js';
import { startFsyncProbe, type FsyncProbe } from './lib/fsync-probe.js';
import { startHubWithMqtt, type HubWithMqtt } from './lib/hub-with-mqtt.js';
import { mulberry32 } from '@hall/testkit/prng';
import { FanSample, until } from './lib/latency-sample.js';
import { connectDevices, type DeviceFleet } from './lib/mqtt-devices.js';
import { contentionWarning, cpuMs, cpuPressureUs, describePressure, openFileLimit, pressurePct, watchOwnLoop } from './lib/proc-stats.js';
import { connectPublishers, startRelay, type RunningRelay } from './lib/relay.js';
import { figure, percentile, type Figure } from './lib/report.js';
import { stockTickets } from './lib/ticket-stock.js';

const DISPLAYS = 200;
const WINDOWS = 55;
const LINES = 11;
/** windows 1…40 publish the measured calls; 41…55 the background */
const MEASURED_WINDOWS = 40;
const WARMUP = 150;
const SAMPLES = 1200;
/** a measured hub call every PERIOD_MS, a baseline message PERIOD_MS/2 after each */
const PERIOD_MS = 80;
const BACKGROUND_PER_S = 5;
/** after the last publish, how long stragglers may take before they count as lost */
const GRACE_MS = 10_000;
/**
 * Open loop: publishing goes on whatever the receivers do. If a sample is still incomplete this long after its
 * publish, the receivers (this process) have fallen hopelessly behind — a starved machine — and the run stops
 * early with what it has, flagged, rather than measure its own backlog for minutes.
 */
const BEHIND_MS = 5000;
const BLOCKS = 3;

function deliveries(samples: readonly FanSample[]): number[] {
  const out: number[] = [];
  for (const s of samples) for (const a of s.arrivals) if (!Number.isNaN(a)) out.push(a);
  return out;
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * Keypad publish → the call at 200 socket.io screens, against a bare MQTT → socket.io relay measured in the same
 * run. See the figures' `what` for the set-up; the console adds context (keypad reply time, first/last screen,
 * per-block spread, the disk's commit time and the machine's CPU pressure meanwhile).
 */
export async function callLatency(): Promise<Figure[]> {
  const need = 2 * DISPLAYS + 2 * WINDOWS + MEASURED_WINDOWS + 64;
  if (openFileLimit() < need) throw new Error(`call-latency needs ${need} open files; ulimit -n is ${openFileLimit()}`);
  const hall = writeDeviceHall({ windows: WINDOWS, lines: LINES, displays: DISPLAYS });
  const hallId = hall.config.hall.id;
  const measured = hall.windows.slice(0, MEASURED_WINDOWS);
  const background = hall.windows.slice(MEASURED_WINDOWS);
  const totalPairs = WARMUP + SAMPLES;
  const seconds = (totalPairs * PERIOD_MS) / 1000;

  // Enough tickets on every line for the whole run (measured + background calls, with a margin).
  const callsOnLine = new Map<string, number>();
  const add = (w: string, n: number) => callsOnLine.set(hall.lineOfWindow.get(w)!, (callsOnLine.get(hall.lineOfWindow.get(w)!) ?? 0) + n);
  for (const w of measured) add(w, Math.ceil(totalPairs / measured.length) + 2);
  for (const w of background) add(w, Math.ceil((BACKGROUND_PER_S * seconds) / background.length) + 2);
  const perLine = Math.ceil(Math.max(...callsOnLine.values()) * 1.2) + 10;

  let hub: HubWithMqtt | null = null;
  let relay: RunningRelay | null = null;
  let publishers: Awaited<ReturnType<typeof connectPublishers>> | null = null;
  let disk: FsyncProbe | null = null;
  let devices: DeviceFleet | null = null;
  const fleets: RemoteFleet[] = [];
  const t00 = performance.now();
  try {
    hub = await startHubWithMqtt(hall.env);
    await stockTickets(hub.base, hall.lines, perLine, hall.kiosk);
    devices = await connectDevices(hub.mqttUrl, hallId, hall.windows.flatMap((w) => [hall.keypadOf(w), hall.evaluatorOf(w)]), (id) => hall.credentials.passwordFor(id));
    for (const w of hall.windows) {
      const r = await devices.request(hall.keypadOf(w), 'login', { staffNo: `S${w}` });
      if (r.status !== 'ok') throw new Error(`login at window ${w} refused: ${JSON.stringify(r)}`);
    }

    // The hub's screens: a screen's n-th call for window w answers the n-th call-next published at window w
    // (calls reach every screen in the hub's commit order), so a late call is never taken for the next one.
    const samplesOf = new Map<string, FanSample[]>(measured.map((w) => [w, []]));
    const seenOf = new Map<string, Uint32Array>(measured.map((w) => [w, new Uint32Array(DISPLAYS)]));
    const relaySamples = new Map<number, FanSample>();
    let bgDelivered = 0;
    let relayBgDelivered = 0;
    /** the largest call batch the hub's screens have received so far (JSON) */
    let callBatch = '';
    fleets.push(
      await startRemoteFleet({
        url: `${hub.base}${NAMESPACES.display}`,
        auths: hall.displays.slice(0, DISPLAYS).map((d) => ({ protocol: PROTOCOL_VERSION, deviceId: d, token: hall.credentials.passwordFor(d)! })),
        kind: 'hub',
        onArrival: (windowNo, i, t) => {
          const seen = seenOf.get(String(windowNo));
          if (!seen) {
            bgDelivered += 1;
            return;
          }
          const n = seen[i]!;
          seen[i] = n + 1;
          samplesOf.get(String(windowNo))![n]?.arrive(i, t);
        },
        ready: 'snapshot',
        onBatchSample: (json) => {
          if (json.length > callBatch.length) callBatch = json;
        },
      }),
    );
    relay = await startRelay({ topic: topics.device(hallId, 'any', 'event').replace('/any/', '/+/') });
    publishers = await connectPublishers(relay.mqttUrl, hall.windows.map((w) => hall.keypadOf(w)));
    fleets.push(
      await startRemoteFleet({
        url: `${relay.base}${NAMESPACES.display}`,
        auths: Array.from({ length: DISPLAYS }, () => ({})),
        kind: 'probe',
        onArrival: (probe, i, t) => {
          const n = Number(probe);
          if (n < 0) relayBgDelivered += 1;
          else relaySamples.get(n)?.arrive(i, t);
        },
        ready: 'connect',
      }),
    );
    console.log(
      `  call-latency: hub, ${perLine * LINES} tickets, ${devices.clients.size} MQTT devices, 2 × ${DISPLAYS} display clients ` +
        `ready in ${((performance.now() - t00) / 1000).toFixed(1)} s`,
    );

    const fleet = devices;
    const probes = publishers.clients;
    let refusals = 0;
    const keypadReplyMs: number[] = [];
    /** publishes call-next at a window; for a measured window, returns the sample its screens will fill */
    const callNext = (windowNo: string, track: boolean): FanSample | null => {
      const list = samplesOf.get(windowNo);
      const t = performance.now();
      const sample = list ? new FanSample(nowMs(), DISPLAYS) : null;
      if (sample) list!.push(sample);
      fleet
        .request(hall.keypadOf(windowNo), 'call-next', {}, 30_000)
        .then((r) => {
          if (r.status === 'ok' && (r.data as { ticket: string | null }).ticket !== null) {
            if (track) keypadReplyMs.push(performance.now() - t);
            return;
          }
          refusals += 1;
          // No call will come for it: take it out of the window's order.
          if (sample) {
            list!.splice(list!.indexOf(sample), 1);
            sample.cancel();
          }
        })
        .catch(() => {
          refusals += 1;
        });
      return sample;
    };

    // Two calls at one window first: the second also ends the first one's service, the batch a call usually
    // makes. The baseline relays that very batch, so its screens parse as many bytes of the same shape.
    for (let k = 0; k < 2; k++) {
      const first = callNext(measured[0]!, false)!;
      await Promise.race([first.done, sleep(10_000)]);
      if (first.missing) throw new Error(`a first call reached ${first.got} of ${DISPLAYS} display clients within 10 s`);
    }
    const batchBytes = callBatch.length;
    const hubBatch = JSON.parse(callBatch) as unknown[];

    disk = await startFsyncProbe(hall.dir);
    const rand = mulberry32(20261123);
    let stop = false;
    let bgSent = 0;
    const t0 = performance.now() + 100;
    // The background: 5 calls/s from the other keypads at random moments (uniform within each 200 ms slot),
    // so they fall on hub and baseline samples alike. The baseline carries the same traffic: each background
    // call has a twin message through the relay PERIOD_MS/2 later (unmeasured, numbered below zero), so both
    // fan out as many messages per second and the ratio is what the hub's logic adds, not extra traffic.
    const backgroundLoop = (async () => {
      const slot = 1000 / BACKGROUND_PER_S;
      for (let j = 0; !stop; j++) {
        const at = t0 + j * slot + rand() * slot;
        await until(at);
        if (stop) break;
        const windowNo = background[j % background.length]!;
        callNext(windowNo, false);
        bgSent += 1;
        void until(at + PERIOD_MS / 2).then(() =>
          probes.get(hall.keypadOf(windowNo))!.publish(topics.device(hallId, hall.keypadOf(windowNo), 'event'), JSON.stringify({ probe: -1 - j, batch: hubBatch }), { qos: 1 }),
        );
      }
    })();
    const hubSamples: FanSample[] = [];
    const baseSamples: FanSample[] = [];
    const ends: Array<Promise<void>> = [];
    let cpu0 = { hub: 0, relay: 0, screens: [0, 0], at: 0, psi: cpuPressureUs() };
    let ownLoop = watchOwnLoop();
    const inFlight: FanSample[] = [];
    let abandoned: string | null = null;
    for (let i = 0; i < totalPairs; i++) {
      while (inFlight.length && (inFlight[0]!.missing === 0 || inFlight[0]!.cancelled)) inFlight.shift();
      if (inFlight.length && nowMs() - inFlight[0]!.t0 > BEHIND_MS) {
        abandoned = `stopped after ${Math.max(0, i - WARMUP)} samples: a call was still not on every screen ${BEHIND_MS / 1000} s after its publish`;
        break;
      }
      if (i === WARMUP) {
        cpu0 = { hub: cpuMs(hub.pid), relay: cpuMs(relay.pid), screens: fleets.map((f) => cpuMs(f.pid)), at: performance.now(), psi: cpuPressureUs() };
        ownLoop.stop();
        ownLoop = watchOwnLoop();
      }
      const windowNo = measured[i % measured.length]!;
      await until(t0 + i * PERIOD_MS);
      const hs = callNext(windowNo, i >= WARMUP)!;
      await until(t0 + i * PERIOD_MS + PERIOD_MS / 2);
      const rs = new FanSample(nowMs(), DISPLAYS);
      relaySamples.set(i, rs);
      probes.get(hall.keypadOf(windowNo))!.publish(topics.device(hallId, hall.keypadOf(windowNo), 'event'), JSON.stringify({ probe: i, batch: hubBatch }), { qos: 1 });
      if (i >= WARMUP) {
        hubSamples.push(hs);
        baseSamples.push(rs);
      }
      ends.push(hs.done, rs.done);
      inFlight.push(hs, rs);
    }
    stop = true;
    const measuredMs = performance.now() - cpu0.at;
    const busy = (pid: number, from: number) => `${((100 * (cpuMs(pid) - from)) / measuredMs).toFixed(0)}%`;
    const lag = ownLoop.stop();
    const pressure = pressurePct(cpu0.psi, measuredMs);
    const context =
      `hub ${busy(hub.pid, cpu0.hub)}, relay ${busy(relay.pid, cpu0.relay)}, hub's screens ${busy(fleets[0]!.pid, cpu0.screens[0]!)}, relay's screens ${busy(fleets[1]!.pid, cpu0.screens[1]!)} of a CPU; ${describePressure(cpu0.psi, measuredMs)}; ` +
      `benchmark event loop delay p99 ${ms(lag.p99)}, max ${ms(lag.max)}`;
    await Promise.race([Promise.all(ends), sleep(GRACE_MS)]);
    await backgroundLoop;
    await sleep(300);
    const fsync = await disk.stop();
    disk = null;

    const drops = fleets.reduce((n, f) => n + f.drops(), 0) + devices.drops();
    const hubLat = deliveries(hubSamples);
    const baseLat = deliveries(baseSamples);
    const samples = hubSamples.length;
    const expected = samples * DISPLAYS;
    if (abandoned) console.warn(`  ! call-latency: ${abandoned}`);
    const lastHub = hubSamples.map((s) => s.last);
    const lastBase = baseSamples.map((s) => s.last);
    const firstHub = hubSamples.map((s) => s.first);
    console.log(
      `  call-latency: ${samples} samples in ${(samples * PERIOD_MS) / 1000} s after ${WARMUP} warm-up; hub call batch ${batchBytes} B; ` +
        `delivered hub ${hubLat.length}/${expected}, relay ${baseLat.length}/${expected}; background ${bgSent} calls, ${bgDelivered} deliveries (relay ${relayBgDelivered}); ` +
        `refused calls ${refusals}; drops ${drops}; evaluator commands ${devices.commands()}; ${context}`,
    );
    console.log(
      `  call-latency: keypad publish → its MQTT response p50 ${ms(percentile(keypadReplyMs, 50))} p99 ${ms(percentile(keypadReplyMs, 99))}; ` +
        `first screen p50 ${ms(percentile(firstHub, 50))} p99 ${ms(percentile(firstHub, 99))}; ` +
        `last of ${DISPLAYS} p50 ${ms(percentile(lastHub, 50))} p99 ${ms(percentile(lastHub, 99))} (relay ${ms(percentile(lastBase, 50))} / ${ms(percentile(lastBase, 99))})`,
    );
    console.log(
      `  call-latency: meanwhile one durable SQLite commit (WAL, synchronous=FULL) on the hub's disk took ` +
        `p50 ${ms(fsync.p50)} p99 ${ms(fsync.p99)} (${fsync.n} probes, separate process)`,
    );
    const per = Math.ceil(samples / BLOCKS);
    for (let b = 0; b < BLOCKS; b++) {
      const h = deliveries(hubSamples.slice(b * per, (b + 1) * per));
      const r = deliveries(baseSamples.slice(b * per, (b + 1) * per));
      console.log(`  call-latency: block ${b + 1}/${BLOCKS}: hub p50 ${ms(percentile(h, 50))} p99 ${ms(percentile(h, 99))} | relay p50 ${ms(percentile(r, 50))} p99 ${ms(percentile(r, 99))}`);
    }
    const warning = contentionWarning(pressure, lag.p99);
    if (warning) console.warn(warning);
    console.log(`  call-latency: done in ${((performance.now() - t00) / 1000).toFixed(1)} s`);

    const what =
      `keypad call-next over MQTT (QoS 1) → the call in an 'events' batch at each of ${DISPLAYS} socket.io display clients ` +
      `(every delivery counted: ${samples} samples after ${WARMUP} warm-up × ${DISPLAYS}, one every ${PERIOD_MS} ms); ` +
      `${WINDOWS * 2} MQTT devices connected, background ${BACKGROUND_PER_S} calls/s from ${background.length} other keypads; ` +
      `publishers in the benchmark process, the ${DISPLAYS} receivers in a process of their own`;
    const baselineWhat =
      `bare relay, a separate process built like the hub minus its logic: own aedes broker, an MQTT subscriber on it ` +
      `re-emitting each message to its own socket.io /display, ${DISPLAYS} clients; same run, one probe (QoS 1, carrying ` +
      `a call batch the hub sent, ${batchBytes} B) ${PERIOD_MS / 2} ms after each hub sample, and a twin of each background ` +
      `call as much later, so it carries the same traffic`;
    return [
      figure({
        id: 'call-latency.p50',
        what,
        value: percentile(hubLat, 50),
        unit: 'ms',
        baseline: { what: baselineWhat, value: percentile(baseLat, 50), unit: 'ms' },
      }),
      figure({
        id: 'call-latency.p99',
        what,
        value: percentile(hubLat, 99),
        unit: 'ms',
        baseline: { what: baselineWhat, value: percentile(baseLat, 99), unit: 'ms' },
        target: { text: 'p99 <= 1.5 × baseline p99', check: ({ ratio }) => (ratio ?? Infinity) <= 1.5 },
      }),
      figure({
        id: 'call-latency.last-p99',
        what: `time until the last of the ${DISPLAYS} display clients had the call, p99 over ${samples} samples`,
        value: percentile(lastHub, 99),
        unit: 'ms',
        baseline: { what: 'the same for the bare relay', value: percentile(lastBase, 99), unit: 'ms' },
      }),
      figure({
        id: 'call-latency.delivered',
        what:
          `measured calls received by the display clients / calls made × ${DISPLAYS}, within ${GRACE_MS / 1000} s of the last ` +
          `(client and device drops ${drops}, refused calls ${refusals})`,
        value: hubLat.length / expected,
        unit: 'fraction',
        target: {
          text: `= 1 (every display gets every call) over >= ${SAMPLES} samples`,
          check: ({ value }) => value === 1 && drops === 0 && refusals === 0 && samples >= SAMPLES,
        },
      }),
    ];
  } finally {
    await disk?.stop();
    await Promise.all(fleets.map((f) => f.close()));
    await devices?.close();
    await publishers?.close();
    await relay?.stop();
    await hub?.stop();
    rmSync(hall.dir, { recursive: true, force: true });
  }
}
