import { rmSync } from 'node:fs';
import { NAMESPACES, PROTOCOL_VERSION, type HubEvent } from '@hall/shared';
import { writeDeviceHall, type DeviceHall } from './lib/device-hall.js';
import { connectDisplays, type DisplayFleet } from './lib/display-fleet.js';
import { startHubWithMqtt, type HubWithMqtt } from './lib/hub-with-mqtt.js';
import { until } from './lib/latency-sample.js';
import { connectDevices, type DeviceFleet } from './lib/mqtt-devices.js';
import { CLK_TCK, contentionWarning, cpuPressureUs, cpuTimes, describePressure, memory, openFileLimit, pressurePct } from './lib/proc-stats.js';
import { figure, median, percentile, type Figure } from './lib/report.js';
import { stockTickets } from './lib/ticket-stock.js';

const CLIENTS = 1000;
const WINDOWS = 55;
const LINES = 11;
const WARMUP_CALLS = 100;
const CALLS = 200;
/**
 * The same pace with and without clients. The 1,000 clients live in this one process and must keep up with
 * 1,000 × this many messages/s, or the hub's socket buffers fill and its writes change character.
 */
const CALLS_PER_S = 10;
const ROUNDS = 3;
const IDLE_MS = 3000;
const DELIVERY_TIMEOUT_MS = 60_000;
const MB = 1e6;

interface Phase {
  user: number;
  system: number;
  calls: number;
  refused: number;
  /** ms from a call's publish until the last client had it */
  lastMs: number[];
}

const perCall = (p: Phase) => (p.user + p.system) / p.calls;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `calls` keypad call-next requests at CALLS_PER_S, round-robin over the windows. The hub's CPU is read just
 * before the first and after every reply and delivery is in.
 */
async function callPhase(
  hub: HubWithMqtt,
  hall: DeviceHall,
  devices: DeviceFleet,
  calls: number,
  awaitDelivery: (k: number) => Promise<number> | null,
): Promise<Phase> {
  await sleep(500); // let connection work settle before the CPU window opens
  const c0 = cpuTimes(hub.pid);
  const t0 = performance.now();
  const replies: Array<Promise<boolean>> = [];
  const delivered: Array<Promise<number>> = [];
  for (let k = 0; k < calls; k++) {
    await until(t0 + (k * 1000) / CALLS_PER_S);
    const w = hall.windows[k % hall.windows.length]!;
    const published = performance.now();
    const d = awaitDelivery(k);
    if (d) delivered.push(d.then((at) => at - published));
    replies.push(
      devices.request(hall.keypadOf(w), 'call-next', {}, 30_000).then(
        (r) => r.status === 'ok' && (r.data as { ticket: string | null }).ticket !== null,
        () => false,
      ),
    );
  }
  const ok = await Promise.all(replies);
  const lastMs = await Promise.all(delivered);
  await sleep(200);
  const c1 = cpuTimes(hub.pid);
  return { user: c1.user - c0.user, system: c1.system - c0.system, calls, refused: ok.filter((x) => !x).length, lastMs };
}

export async function fanout(): Promise<Figure[]> {
  const need = 2 * CLIENTS + 2 * WINDOWS + 64;
  if (openFileLimit() < need) throw new Error(`fanout needs ${need} open files; ulimit -n is ${openFileLimit()}`);
  const hall = writeDeviceHall({ windows: WINDOWS, lines: LINES, displays: CLIENTS });
  const totalCalls = WARMUP_CALLS + ROUNDS * 2 * CALLS;
  const perLine = Math.ceil(totalCalls / LINES) + 20;
  let hub: HubWithMqtt | null = null;
  let devices: DeviceFleet | null = null;
  let displays: DisplayFleet | null = null;
  const t00 = performance.now();
  try {
    hub = await startHubWithMqtt(hall.env);
    const rssStart = memory(hub.pid).rss;
    await stockTickets(hub.base, hall.lines, perLine, hall.kiosk);
    devices = await connectDevices(hub.mqttUrl, hall.config.hall.id, hall.windows.flatMap((w) => [hall.keypadOf(w), hall.evaluatorOf(w)]), (id) => hall.credentials.passwordFor(id));
    for (const w of hall.windows) {
      const r = await devices.request(hall.keypadOf(w), 'login', { staffNo: `S${w}` });
      if (r.status !== 'ok') throw new Error(`login at window ${w} refused: ${JSON.stringify(r)}`);
    }
    // Warm-up: calls with nobody listening, so the JIT and SQLite are warm before the first measured phase.
    await callPhase(hub, hall, devices, WARMUP_CALLS, () => null);
    console.log(
      `  fanout: hub RSS ${(rssStart / MB).toFixed(1)} MB at start, ${(memory(hub.pid).rss / MB).toFixed(1)} MB after ` +
        `${perLine * LINES} tickets and ${WARMUP_CALLS} warm-up calls (${((performance.now() - t00) / 1000).toFixed(1)} s)`,
    );

    const bare: Phase[] = [];
    const loaded: Phase[] = [];
    const rssBare: number[] = [];
    const rssLoaded: number[] = [];
    let delivered = 0;
    let expected = 0;
    let drops = 0;
    const runPsi = cpuPressureUs();
    const runStart = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const psi = cpuPressureUs();
      const roundStart = performance.now();
      rssBare.push(memory(hub.pid).rss);
      bare.push(await callPhase(hub, hall, devices, CALLS, () => null));

      // The same calls with 1,000 screens listening; every client counts the calls it receives.
      const counts = new Uint32Array(CLIENTS);
      const lastOf = new Map<number, { left: number; resolve: (at: number) => void }>();
      const c0 = cpuTimes(hub.pid);
      const t0 = performance.now();
      displays = await connectDisplays({
        url: `${hub.base}${NAMESPACES.display}`,
        count: CLIENTS,
        auth: (i) => ({ protocol: PROTOCOL_VERSION, deviceId: hall.displays[i]!, token: hall.credentials.passwordFor(hall.displays[i]!)! }),
        onEvents: (i, batch) => {
          for (const e of batch as HubEvent[]) {
            if (!e.call) continue;
            // Every client sees the calls in the hub's commit order: its n-th call is the phase's n-th.
            const n = counts[i]!;
            counts[i] = n + 1;
            const w = lastOf.get(n);
            if (w && --w.left === 0) {
              lastOf.delete(n);
              w.resolve(performance.now());
            }
          }
        },
        ready: 'snapshot',
        timeoutMs: 120_000,
      });
      const connectS = (performance.now() - t0) / 1000;
      const c1 = cpuTimes(hub.pid);
      await sleep(IDLE_MS);
      const c2 = cpuTimes(hub.pid);
      const idleMsPerS = (c2.user + c2.system - c1.user - c1.system) / (IDLE_MS / 1000);
      const phase = await callPhase(hub, hall, devices, CALLS, (k) =>
        new Promise<number>((resolve) => {
          const timer = setTimeout(() => {
            lastOf.delete(k);
            resolve(Number.POSITIVE_INFINITY);
          }, DELIVERY_TIMEOUT_MS);
          lastOf.set(k, {
            left: CLIENTS,
            resolve: (at) => {
              clearTimeout(timer);
              resolve(at);
            },
          });
        }),
      );
      loaded.push(phase);
      const mem = memory(hub.pid);
      rssLoaded.push(mem.rss);
      const got = counts.reduce((a, b) => a + b, 0);
      const want = CLIENTS * (CALLS - phase.refused);
      delivered += got;
      expected += want;
      drops += displays.drops();
      const d0 = cpuTimes(hub.pid);
      displays.close();
      displays = null;
      await sleep(2000);
      const d1 = cpuTimes(hub.pid);
      const b = bare[round]!;
      console.log(
        `  fanout: round ${round + 1}/${ROUNDS}: hub CPU/call ${perCall(b).toFixed(2)} ms bare (user ${(b.user / CALLS).toFixed(2)}, sys ${(b.system / CALLS).toFixed(2)}), ` +
          `${perCall(phase).toFixed(2)} ms with ${CLIENTS} clients (user ${(phase.user / CALLS).toFixed(2)}, sys ${(phase.system / CALLS).toFixed(2)}); ` +
          `delivered ${got}/${want}; last client p50 ${percentile(phase.lastMs, 50).toFixed(1)} ms p99 ${percentile(phase.lastMs, 99).toFixed(1)} ms; ` +
          `RSS ${(rssBare[round]! / MB).toFixed(1)} → ${(mem.rss / MB).toFixed(1)} MB (peak ${(mem.peak / MB).toFixed(1)}), ` +
          `${(memory(hub.pid).rss / MB).toFixed(1)} MB after disconnect; ` +
          `connect ${connectS.toFixed(1)} s / hub CPU ${(c1.user + c1.system - c0.user - c0.system).toFixed(0)} ms, ` +
          `disconnect hub CPU ${(d1.user + d1.system - d0.user - d0.system).toFixed(0)} ms, idle with clients ${idleMsPerS.toFixed(0)} ms CPU/s; ` +
          `refused ${b.refused + phase.refused}; ${describePressure(psi, performance.now() - roundStart)}`,
      );
    }
    const warning = contentionWarning(pressurePct(runPsi, performance.now() - runStart), 0);
    if (warning) console.warn(warning.replace('latency figures are', 'CPU-time figures may be'));
    const cpuLoaded = median(loaded.map(perCall));
    const cpuBare = median(bare.map(perCall));
    console.log(
      `  fanout: ≈ ${(((cpuLoaded - cpuBare) * 1000) / CLIENTS).toFixed(2)} µs hub CPU per client per call; CPU clock ${CLK_TCK} ticks/s; ` +
        `client drops ${drops}, device drops ${devices.drops()}; done in ${((performance.now() - t00) / 1000).toFixed(1)} s`,
    );
    const refused = [...bare, ...loaded].reduce((n, p) => n + p.refused, 0);
    return [
      figure({
        id: 'fanout.cpu-per-call',
        what:
          `hub process CPU (utime+stime from /proc) per keypad call-next broadcast to ${CLIENTS} connected socket.io display clients, ` +
          `${CALLS} calls at ${CALLS_PER_S}/s, median of ${ROUNDS} rounds`,
        value: cpuLoaded,
        unit: 'ms',
        baseline: { what: `the same ${CALLS} calls with 0 clients connected, same run, before each loaded phase`, value: cpuBare, unit: 'ms' },
      }),
      figure({
        id: 'fanout.rss',
        what:
          `hub RSS (VmRSS) with ${CLIENTS} display clients connected after ${CALLS} calls, median of ${ROUNDS} rounds ` +
          `(the day so far: ${perLine * LINES} tickets, up to ${totalCalls} calls)`,
        value: median(rssLoaded) / MB,
        unit: 'MB',
        baseline: { what: 'the same hub with 0 clients connected, before each round', value: median(rssBare) / MB, unit: 'MB' },
        target: { text: 'RSS < 200 MB', check: ({ value }) => value < 200 },
      }),
      figure({
        id: 'fanout.delivered',
        what: `calls received by the ${CLIENTS} clients / calls made × ${CLIENTS}, ${ROUNDS} rounds (client drops ${drops}, refused calls ${refused})`,
        value: expected ? delivered / expected : 0,
        unit: 'fraction',
        target: { text: '= 1 (every client receives every call)', check: ({ value }) => value === 1 && drops === 0 && refused === 0 },
      }),
    ];
  } finally {
    displays?.close();
    await devices?.close();
    await hub?.stop();
    rmSync(hall.dir, { recursive: true, force: true });
  }
}
