import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { Pool } from 'undici';
import { TICKET_TOKEN_HEADER } from '@hall/shared';
import { writeDeviceHall } from './lib/device-hall.js';
import { startHubWithMqtt, type HubWithMqtt } from './lib/hub-with-mqtt.js';
import { until } from './lib/latency-sample.js';
import { startBareLongPoll, type BareLongPoll } from './lib/mobile-bare.js';
import { mobilePageJs } from './lib/mobile-bundle.js';
import { checkInChromium } from './lib/mobile-chromium.js';
import { startPhoneCrowd, type PhoneCrowd } from './lib/mobile-phones.js';
import { startFsyncProbe, type FsyncProbe } from './lib/fsync-probe.js';
import { connectDevices, type DeviceFleet } from './lib/mqtt-devices.js';
import { contentionWarning, cpuMs, cpuPressureUs, describePressure, memory, openFileLimit, pressurePct, watchOwnLoop } from './lib/proc-stats.js';
import { nowMs } from './lib/remote-fleet.js';
import { figure, type Figure } from './lib/report.js';
import { pct, LINES, PHONES, PER_LINE, WARMUP, SAMPLES, PERIOD_MS, HOLD_MS, GRACE_MS, CHROMIUM_PAGES, BEHIND_MS, type Ticket, type Sample, outcome, ms, sleep, waitFor, describeErrors } from './lib/mobile-page-workload.js';

/**
 * The visitor's phone page: its JS gzipped, and keypad call → the phone pages showing it with 500 pages long-polling
 * the hub, against a bare long-poll server answering as many waiting phones, measured in the same run, interleaved.
 */
export async function mobilePage(): Promise<Figure[]> {
  const js = mobilePageJs();
  console.log(`  mobile-page: JS ${js.files.join(', ')} (index.html loads ${js.entry.join(', ')}): ${(js.rawBytes / 1024).toFixed(1)} KB, gzip -9 ${(js.gzipBytes / 1024).toFixed(1)} KB`);

  if (openFileLimit() < PHONES + 200) throw new Error(`mobile-page needs ${PHONES + 200} open files per process; ulimit -n is ${openFileLimit()}`);
  const hall = writeDeviceHall({ windows: LINES, lines: LINES, displays: 0 });
  const hallId = hall.config.hall.id;
  let hub: HubWithMqtt | null = null;
  let devices: DeviceFleet | null = null;
  let pool: Pool | null = null;
  let bare: BareLongPoll | null = null;
  let barePool: Pool | null = null;
  let hubPhones: PhoneCrowd | null = null;
  let barePhones: PhoneCrowd | null = null;
  let disk: FsyncProbe | null = null;
  const t00 = performance.now();
  try {
    // All phones share 127.0.0.1: the per-address limit (token guessing) is raised for this crowd.
    hub = await startHubWithMqtt({ ...hall.env, HALL_MOBILE_PER_MINUTE: '100000000', HALL_MOBILE_HOLD_MS: String(HOLD_MS) });
    devices = await connectDevices(hub.mqttUrl, hallId, hall.windows.map(hall.keypadOf), (id) => hall.credentials.passwordFor(id));
    for (const w of hall.windows) {
      const r = await devices.request(hall.keypadOf(w), 'login', { staffNo: `S${w}` });
      if (r.status !== 'ok') throw new Error(`login at window ${w} refused: ${JSON.stringify(r)}`);
    }
    const kiosk = new Pool(hub.base, { connections: 8 });
    pool = kiosk;
    hubPhones = await startPhoneCrowd({ base: hub.base, kind: 'hub', holdMs: HOLD_MS });
    const crowd = hubPhones;

    // The kiosks: a ticket, then its phone page opened by the visitor (the QR's token).
    let nextPhone = 0;
    let issueSeq = 0;
    const queues = new Map<string, Ticket[]>(hall.lines.map((l) => [l, []]));
    const issue = async (lineId: string): Promise<Ticket> => {
      const r = await kiosk.request({
        path: '/api/tickets',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...hall.kiosk },
        body: JSON.stringify({ lineId, requestId: `mobile-bench-${(issueSeq++).toString().padStart(8, '0')}` }),
      });
      const text = await r.body.text();
      if (r.statusCode !== 201) throw new Error(`ticket refused on ${lineId}: ${r.statusCode} ${text}`);
      const v = JSON.parse(text) as { id: string; number: string };
      const t: Ticket = { phone: nextPhone++, id: v.id, number: v.number };
      // Behind everyone already waiting (no green channel here): the FIFO the calls are checked against.
      queues.get(lineId)!.push(t);
      crowd.open(t.phone, '/api/m/ticket', { [TICKET_TOKEN_HEADER]: t.id }, true);
      return t;
    };
    await Promise.all(hall.lines.map(async (l) => {
      for (let k = 0; k < PER_LINE; k++) await issue(l);
    }));
    await waitFor(`${PHONES} hub phone pages showing their ticket`, () => crowd.arrivals.size >= PHONES, 60_000);

    // The baseline answers as many bytes as the hub's view of a ticket.
    const first = queues.get(hall.lines[0]!)![0]!;
    const viewRes = await kiosk.request({ path: '/api/m/ticket', method: 'GET', headers: { [TICKET_TOKEN_HEADER]: first.id } });
    const bodyBytes = Buffer.byteLength(await viewRes.body.text());
    bare = await startBareLongPoll({ holdMs: HOLD_MS, bodyBytes });
    barePool = new Pool(bare.base, { connections: 2 });
    barePhones = await startPhoneCrowd({ base: bare.base, kind: 'bare', holdMs: HOLD_MS });
    const bareCrowd = barePhones;
    for (let p = 0; p < PHONES; p++) bareCrowd.open(p, `/poll?g=${p % LINES}`, {});
    await waitFor(`${PHONES} bare phones polling`, () => bareCrowd.arrivals.size >= PHONES, 60_000);
    const bareVersion = new Array<number>(LINES).fill(1);
    console.log(
      `  mobile-page: hub, ${LINES} windows × ${PER_LINE} phone pages long-polling, and ${PHONES} on the bare server, ready in ` +
        `${((performance.now() - t00) / 1000).toFixed(1)} s; view ${bodyBytes} B`,
    );

    const fleet = devices;
    const trigger = barePool;
    disk = await startFsyncProbe(hall.dir);
    const hubSamples: Sample[] = [];
    const bareSamples: Sample[] = [];
    const keypadReplyMs: number[] = [];
    let refusals = 0;
    let laterTicketInReply = 0;
    let triggerErrors = 0;
    let issueErrors = 0;
    let inFlight = 0;
    let oldestInFlight = Number.POSITIVE_INFINITY;
    const outstanding = new Set<number>();
    let abandoned: string | null = null;
    let stats0 = { hub: 0, bare: 0, hubPhones: 0, barePhones: 0, at: 0, psi: cpuPressureUs(), rss: 0 };
    let ownLoop = watchOwnLoop();
    const load0 = loadavg()[0]!;
    const t0 = performance.now() + 100;
    const total = WARMUP + SAMPLES;
    for (let i = 0; i < total; i++) {
      oldestInFlight = outstanding.size ? Math.min(...outstanding) : Number.POSITIVE_INFINITY;
      if (nowMs() - oldestInFlight > BEHIND_MS) {
        abandoned = `stopped after ${Math.max(0, i - WARMUP)} calls: a keypad call-next was unanswered ${BEHIND_MS / 1000} s after its publish`;
        break;
      }
      if (i === WARMUP) {
        stats0 = { hub: cpuMs(hub.pid), bare: cpuMs(bare.pid), hubPhones: cpuMs(crowd.pid), barePhones: cpuMs(bareCrowd.pid), at: performance.now(), psi: cpuPressureUs(), rss: memory(hub.pid).rss };
        ownLoop.stop();
        ownLoop = watchOwnLoop();
      }
      const k = i % LINES;
      const windowNo = hall.windows[k]!;
      const lineId = hall.lineOfWindow.get(windowNo)!;
      await until(t0 + i * PERIOD_MS);

      // The call: the line's head is called (-1), everyone behind moves up one.
      const q = queues.get(lineId)!;
      const head = q.shift();
      const sample: Sample = { t0: nowMs(), expect: [] };
      if (head) sample.expect.push([head.phone, -1]);
      q.forEach((t, pos) => sample.expect.push([t.phone, pos]));
      if (i >= WARMUP) hubSamples.push(sample);
      outstanding.add(sample.t0);
      inFlight += 1;
      const sent = performance.now();
      fleet
        .request(hall.keypadOf(windowNo), 'call-next', {}, 30_000)
        .then((r) => {
          const called = r.status === 'ok' ? (r.data as { ticket: string | null }).ticket : null;
          // The reply shows the window's ticket when it is sent: two calls of one window committed together both
          // show the later one. Who was called is checked at the phones (the called page shows its window).
          if (r.status !== 'ok') refusals += 1;
          else if (called !== (head?.number ?? null)) laterTicketInReply += 1;
          if (i >= WARMUP) keypadReplyMs.push(performance.now() - sent);
        })
        .catch(() => {
          refusals += 1;
        })
        .finally(() => {
          outstanding.delete(sample.t0);
          inFlight -= 1;
          // The next visitor on this line takes a ticket and opens its page.
          issue(lineId).catch(() => {
            issueErrors += 1;
          });
        });

      await until(t0 + i * PERIOD_MS + PERIOD_MS / 2);
      const v = (bareVersion[k] = bareVersion[k]! + 1);
      const bs: Sample = { t0: nowMs(), expect: [] };
      for (let p = k; p < PHONES; p += LINES) bs.expect.push([p, -v]);
      if (i >= WARMUP) bareSamples.push(bs);
      trigger
        .request({ path: `/trigger?g=${k}`, method: 'POST' })
        .then((r) => r.body.dump())
        .catch(() => {
          triggerErrors += 1;
        });
    }
    const measuredMs = performance.now() - stats0.at;
    const busy = (pid: number, from: number) => `${((100 * (cpuMs(pid) - from)) / measuredMs).toFixed(0)}%`;
    const lag = ownLoop.stop();
    const pressure = pressurePct(stats0.psi, measuredMs);
    const context =
      `CPU: hub ${busy(hub.pid, stats0.hub)}, bare server ${busy(bare.pid, stats0.bare)}, hub's phones ${busy(crowd.pid, stats0.hubPhones)}, ` +
      `bare phones ${busy(bareCrowd.pid, stats0.barePhones)} of a CPU; ${describePressure(stats0.psi, measuredMs)}; ` +
      `load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}; benchmark event loop delay p99 ${ms(lag.p99)}`;
    const rss1 = memory(hub.pid).rss;
    const fsync = await disk.stop();
    disk = null;

    // Stragglers: until every expected update has arrived, or the grace runs out.
    const graceEnd = performance.now() + GRACE_MS;
    while (performance.now() < graceEnd) {
      await sleep(200);
      if (inFlight > 0) continue;
      const tail = (s: Sample[]) => s.slice(-2 * LINES);
      if (outcome(tail(hubSamples), crowd.arrivals).missing === 0 && outcome(tail(bareSamples), bareCrowd.arrivals).missing === 0) break;
    }
    // The real page, on a phone viewport in Chromium, for the next visitors of window 1's line, among the crowd.
    const line1 = queues.get(hall.lineOfWindow.get(hall.windows[0]!)!)!;
    let chromiumLater = 0;
    const chromium = await checkInChromium(hub.base, line1.slice(0, CHROMIUM_PAGES).map((t) => t.id), async () => {
      const head = line1.shift();
      const r = await fleet.request(hall.keypadOf(hall.windows[0]!), 'call-next', {}, 30_000);
      if (r.status !== 'ok') refusals += 1;
      else if ((r.data as { ticket: string | null }).ticket !== head?.number) chromiumLater += 1;
    });
    console.log(
      `  mobile-page: ${CHROMIUM_PAGES} Chromium phone pages (360×640) among the crowd: ${chromium.seen}/${chromium.expected} updates seen in the DOM, ` +
        `call → DOM p50 ${ms(pct(chromium.latencies, 50))}, max ${ms(pct(chromium.latencies, 100))}; keypad replies naming another ticket ${chromiumLater}`,
    );

    await sleep(100);
    const drops = fleet.drops();
    const hubStats = await crowd.snapshot();
    const bareStats = await bareCrowd.stop();
    barePhones = null;
    // A hub stopping (an update, a restart) with every phone page still polling: held polls must not keep it up.
    const tStop = performance.now();
    await hub.stop();
    const stopMs = performance.now() - tStop;
    hub = null;
    await crowd.stop();
    hubPhones = null;

    const h = outcome(hubSamples, crowd.arrivals);
    const b = outcome(bareSamples, bareCrowd.arrivals);
    const errors = hubStats.errors + bareStats.errors;
    const troubles = refusals + triggerErrors + issueErrors + drops;
    const calls = hubSamples.length;
    if (abandoned) console.warn(`  ! mobile-page: ${abandoned}`);
    console.log(
      `  mobile-page: ${calls} calls after ${WARMUP} warm-up, one every ${PERIOD_MS} ms; hub updates delivered ${h.all.length} ` +
        `(missing ${h.missing}, page not yet open ${h.notYetOpen}), bare ${b.all.length} (missing ${b.missing}); ` +
        `refused calls ${refusals}, keypad replies naming a later call's ticket ${laterTicketInReply}, keypad MQTT drops ${drops}, ticket errors ${issueErrors}, trigger errors ${triggerErrors}; ` +
        `then the hub stopped in ${stopMs.toFixed(0)} ms with ${PHONES} pages polling`,
    );
    console.log(
      `  mobile-page: hub phones ${hubStats.views} views, ${hubStats.notModified} × 304, ${hubStats.closedOnCall} closed when called, ` +
        `errors ${hubStats.errors} (${describeErrors(hubStats)}); bare phones ${bareStats.views} views, ${bareStats.notModified} × 304, ` +
        `errors ${bareStats.errors} (${describeErrors(bareStats)})`,
    );
    console.log(
      `  mobile-page: keypad publish → its MQTT reply p50 ${ms(pct(keypadReplyMs, 50))} p99 ${ms(pct(keypadReplyMs, 99))}; ` +
        `called visitor's phone p50 ${ms(pct(h.called, 50))} p99 ${ms(pct(h.called, 99))}; ` +
        `hub RSS ${(stats0.rss / 2 ** 20).toFixed(0)} → ${(rss1 / 2 ** 20).toFixed(0)} MiB over the measured calls; ${context}; ` +
        `one durable SQLite commit on the hub's disk meanwhile p50 ${ms(fsync.p50)} p99 ${ms(fsync.p99)} (separate process)`,
    );
    const warning = contentionWarning(pressure, lag.p99);
    if (warning) console.warn(warning);

    const clean = errors === 0 && troubles === 0 && !abandoned && calls >= SAMPLES;
    const what =
      `keypad call-next over MQTT → the new view at every phone page whose ticket it changed (the called one and the ` +
      `${PER_LINE - 1} behind it on its line), ${PHONES} pages long-polling GET /api/m/ticket with If-None-Match, each on its ` +
      `own keep-alive connection, in a process of their own; ${calls} calls after ${WARMUP} warm-up, one every ${PERIOD_MS} ms ` +
      `over ${LINES} windows; a called page closes and a new ticket's page opens (${h.all.length} updates)`;
    const baselineWhat =
      `bare long-poll server (node:http, no logic) in its own process holding ${PHONES} phones of the same kind, ` +
      `a POST /trigger answering the ${PER_LINE} of one group with a ${bodyBytes}-byte body, ${PERIOD_MS / 2} ms after each call ` +
      `(${b.all.length} updates)`;
    return [
      figure({
        id: 'mobile-page.js-gzip',
        what: `the phone page's JS (${js.files.join(', ')}: every JS file of kiosk/dist-mobile), gzip -9`,
        value: js.gzipBytes / 1024,
        unit: 'KB',
        target: { text: '<= 20 KB', check: ({ value }) => value <= 20 },
      }),
      figure({
        id: 'mobile-page.p50',
        what,
        value: pct(h.all, 50),
        unit: 'ms',
        baseline: { what: baselineWhat, value: pct(b.all, 50), unit: 'ms' },
      }),
      figure({
        id: 'mobile-page.p99',
        what,
        value: pct(h.all, 99),
        unit: 'ms',
        baseline: { what: baselineWhat, value: pct(b.all, 99), unit: 'ms' },
        // The issue asks for "live"; a phone that shows the call within half a second does so while the wall's voice
        // is still announcing it (call-latency holds the wall itself to 10 ms).
        target: { text: 'p99 < 500 ms, every update delivered, no phone errors', check: ({ value }) => value < 500 && h.missing === 0 && clean },
      }),
      figure({
        id: 'mobile-page.called-p99',
        what: `keypad call-next → the called visitor's own page shows the window, p99 over ${h.called.length} calls`,
        value: pct(h.called, 99),
        unit: 'ms',
      }),
      figure({
        id: 'mobile-page.chromium-dom',
        what:
          `${CHROMIUM_PAGES} real pages in Chromium (360×640 phone) opened among the ${PHONES}, ${CHROMIUM_PAGES} calls a second apart: ` +
          `updates seen in the DOM / expected (call → DOM p50 ${pct(chromium.latencies, 50).toFixed(1)} ms, ` +
          `max ${pct(chromium.latencies, 100).toFixed(1)} ms)`,
        value: chromium.seen / chromium.expected,
        unit: 'fraction',
        target: { text: '= 1', check: ({ value }) => value === 1 },
      }),
      figure({
        id: 'mobile-page.stop-ms',
        what: `SIGTERM → the hub process exited, with ${PHONES} phone pages long-polling it (systemd gives it TimeoutStopSec=20)`,
        value: stopMs,
        unit: 'ms',
        target: { text: '< 5000 ms', check: ({ value }) => value < 5000 },
      }),
      figure({
        id: 'mobile-page.errors',
        what:
          `phone requests that failed (network errors, timeouts, statuses other than 200/304; each retried as the page does) ` +
          `at the hub's ${PHONES} phones: ${describeErrors(hubStats)}; the bare server's phones had ${bareStats.errors}`,
        value: hubStats.errors,
        unit: 'requests',
        target: { text: '= 0', check: ({ value }) => value === 0 },
      }),
    ];
  } finally {
    await disk?.stop();
    await hubPhones?.stop();
    await barePhones?.stop();
    await pool?.close();
    await barePool?.close();
    await devices?.close();
    await bare?.stop();
    await hub?.stop();
    rmSync(hall.dir, { recursive: true, force: true });
  }
}
