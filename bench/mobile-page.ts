import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { writeDeviceHall } from './lib/device-hall.js';
import { startHubWithMqtt, stopChild, type HubWithMqtt } from './lib/hub-with-mqtt.js';
import { repoRoot } from './lib/hub-process.js';
import { connectDevices, type DeviceFleet } from './lib/mqtt-devices.js';
import { figure, percentile, type Figure } from './lib/report.js';

const PHONES = 500;
const WINDOWS = 55;
const LINES = 11;
const CALLS = 200;
const CALLS_PER_S = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function mobileJsGzipKb(): { kb: number; files: string[] } {
  const dir = join(repoRoot, 'kiosk', 'dist-mobile', 'assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return { kb: files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) / 1024, files };
}

/** Phones following their tickets by long polling, as kiosk/mobile/src/watch-ticket.ts does. */
function followTicket(agent: Agent, base: string, token: string, onView: (v: { status: string }, at: number) => void, stopped: () => boolean): Promise<void> {
  return (async () => {
    let etag: string | undefined;
    while (!stopped()) {
      const r = await request(`${base}/api/m/ticket`, { dispatcher: agent, headers: { 'x-ticket-token': token, ...(etag ? { 'if-none-match': etag } : {}) } });
      const text = await r.body.text();
      const at = nowMs();
      if (r.statusCode === 200) {
        etag = String(r.headers.etag);
        onView(JSON.parse(text) as { status: string }, at);
      } else if (r.statusCode !== 304) throw new Error(`phone poll: HTTP ${r.statusCode} ${text}`);
    }
  })();
}

/**
 * The visitor's phone page: its JavaScript, and the time from a keypad's call to the called visitor's phone
 * page having it, with 500 phone pages holding long polls — next to a bare long-poll server in the same run.
 */
export async function mobilePage(): Promise<Figure[]> {
  const js = mobileJsGzipKb();
  const kioskDir = join(repoRoot, 'kiosk', 'dist', 'assets');
  const kioskKb = readdirSync(kioskDir).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(kioskDir, f)), { level: 9 }).length, 0) / 1024;

  const hall = writeDeviceHall({ windows: WINDOWS, lines: LINES, displays: 1 });
  const hallId = hall.config.hall.id;
  let hub: HubWithMqtt | null = null;
  let devices: DeviceFleet | null = null;
  const agent = new Agent({ connections: null, keepAliveTimeout: 60_000, pipelining: 0 });
  let stop = false;
  const phones: Array<Promise<void>> = [];
  try {
    hub = await startHubWithMqtt({ ...hall.env, HALL_MOBILE_HOLD_MS: '20000' });
    // Tickets on every line, one phone each.
    const tokenOf = new Map<string, string>();
    for (let i = 0; i < PHONES; i++) {
      const r = await request(`${hub.base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lineId: hall.lines[i % LINES] }) });
      const t = (await r.body.json()) as { id: string; number: string };
      tokenOf.set(t.number, t.id);
    }
    devices = await connectDevices(hub.mqttUrl, hallId, hall.windows.map((w) => hall.keypadOf(w)), (id) => hall.credentials.passwordFor(id));
    for (const w of hall.windows) await devices.request(hall.keypadOf(w), 'login', { staffNo: `S${w}` });

    const calledAt = new Map<string, number>();
    const arrived = new Map<string, number>();
    let firstViews = 0;
    for (const [number, token] of tokenOf) {
      phones.push(
        followTicket(agent, hub.base, token, (v, at) => {
          if (v.status === 'called' && !arrived.has(number)) arrived.set(number, at);
          else firstViews += 1;
        }, () => stop).catch((err: unknown) => {
          if (!stop) throw err;
        }),
      );
    }
    while (firstViews < PHONES) await sleep(50);
    // The calls: keypads round-robin, each calling the head of its line; the reply names the ticket.
    const latency: number[] = [];
    for (let k = 0; k < CALLS; k++) {
      const w = hall.windows[k % WINDOWS]!;
      const t0 = nowMs();
      const r = await devices.request(hall.keypadOf(w), 'call-next', {});
      const number = (r as { data?: { ticket?: string } }).data?.ticket;
      if (number) calledAt.set(number, t0);
      await sleep(1000 / CALLS_PER_S);
    }
    await sleep(1000);
    for (const [number, t0] of calledAt) {
      const at = arrived.get(number);
      if (at !== undefined) latency.push(at - t0);
    }
    stop = true;

    // Baseline: the same number of held requests on a bare long-poll server, each answered on a trigger.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/longpoll-process.ts', import.meta.url))], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const port = await new Promise<number>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => { const m = /port=(\d+)/.exec(l); if (m) resolve(Number(m[1])); }));
    const bare = `http://127.0.0.1:${port}`;
    const bareAt = new Map<number, number>();
    const held = Array.from({ length: PHONES }, (_, i) =>
      request(`${bare}/wait?id=${i}`, { dispatcher: agent }).then(async (r) => {
        await r.body.text();
        bareAt.set(i, nowMs());
      }),
    );
    await sleep(1000);
    const bareLatency: number[] = [];
    for (let k = 0; k < Math.min(CALLS, PHONES); k++) {
      const t0 = nowMs();
      await (await request(`${bare}/fire?id=${k}`, { method: 'POST', dispatcher: agent })).body.text();
      while (!bareAt.has(k)) await sleep(1);
      bareLatency.push(bareAt.get(k)! - t0);
      await sleep(1000 / CALLS_PER_S);
    }
    await stopChild(child, exited, 3000);
    await Promise.allSettled(held);
    console.log(`  mobile-page: ${calledAt.size} calls, ${latency.length} reached their phone; p50 ${percentile(latency, 50).toFixed(1)} ms, p99 ${percentile(latency, 99).toFixed(1)} ms; bare p50 ${percentile(bareLatency, 50).toFixed(1)} ms, p99 ${percentile(bareLatency, 99).toFixed(1)} ms`);
    return [
      figure({
        id: 'mobile-page.js-gzip',
        what: `the phone page's JavaScript (${js.files.join(', ')}), gzip -9`,
        value: js.kb,
        unit: 'KB',
        baseline: { what: "the kiosk's JavaScript, gzip -9, same build", value: kioskKb, unit: 'KB' },
        target: { text: '<= 20 KB', check: ({ value }) => value <= 20 },
      }),
      figure({
        id: 'mobile-page.call-to-phone-p99',
        what: `keypad call-next over MQTT → the called visitor's phone long poll answered with 'called', p99 over ${latency.length} calls at ${CALLS_PER_S}/s, with ${PHONES} phones holding long polls on the hub`,
        value: percentile(latency, 99),
        unit: 'ms',
        baseline: { what: `a bare long-poll server (separate process) holding ${PHONES} requests, trigger POST → held request answered, p99`, value: percentile(bareLatency, 99), unit: 'ms' },
      }),
      figure({
        id: 'mobile-page.delivered',
        what: 'calls whose phone page received the call / calls made',
        value: calledAt.size ? latency.length / calledAt.size : 0,
        unit: 'fraction',
        target: { text: '= 1', check: ({ value }) => value === 1 },
      }),
    ];
  } finally {
    stop = true;
    await devices?.close();
    await hub?.stop();
    await agent.close().catch(() => undefined);
    rmSync(hall.dir, { recursive: true, force: true });
  }
}
