import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report, UplinkStatus } from '@hall/shared';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { hallTime } from '@hall/hub/domain/time/hall-time';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { startCast, startProvince } from './cast.js';
import { collectEvidence } from './evidence.js';
import { connectDisplays } from './displays.js';
import { createFaultRunner } from './fault-runner.js';
import { planFaults } from './fault-schedule.js';
import { prepareHall, SOAK_MANAGER } from './hall-setup.js';
import { call, signIn } from './hub-client.js';
import { createKiosks, type KioskContext } from './kiosks.js';
import { createLedger } from './ledger.js';
import { assertBuilt, openLog, repoRoot } from './processes.js';
import type { SoakReport } from './report.js';
import { createSimClock, hallInstant, minutesOf } from './sim-clock.js';
import { createStaff } from './staff.js';
import { planVisitors } from './visitor-model.js';
import { pollWarnings } from './warning-poller.js';
import { startSceneActors } from './scene-actors.js';
import { planScenes, sceneAdditions, type ScenePlan } from './scenes.js';

export interface SoakOptions {
  visitors: number;
  /** how much faster than real time the hall's clock runs */
  speed: number;
  /** a weekday the hall is open (YYYY-MM-DD) */
  day: string;
  /** first and last arrival, local "HH:MM" */
  from: string;
  to: string;
  seed: number;
  /** the hall configuration the soak copies (default: the demo hall) */
  baseConfig: string;
  /** display clients connected (hall wall first, then zone walls, then window screens) */
  displays: number;
  /** hall hours after the last arrival the windows may take to serve everybody still waiting */
  drainHours: number;
  runDir?: string;
  say?: (line: string) => void;
}

export const DEMO_HALL = join(repoRoot, 'hall-hub', 'demo', 'hall.json');

export const FULL_DAY: Omit<SoakOptions, 'day'> = {
  visitors: 3000,
  speed: 20,
  from: '08:30',
  to: '16:25',
  seed: 7,
  baseConfig: DEMO_HALL,
  displays: 20,
  drainHours: 3,
};

/** The next weekday that is a working day of the hall (no holiday), from `after`. */
export function nextWorkday(config: { calendar: { weekly: Record<string, unknown[]>; holidays: string[] } }, after: Date): string {
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  for (let d = new Date(after); ; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if ((config.calendar.weekly[names[d.getUTCDay()]!] ?? []).length > 0 && !config.calendar.holidays.includes(day)) return day;
  }
}

/**
 * A whole hall day (or a slice of one) through the real processes, with the faults of the schedule, then the
 * checks: the soak itself. Returns the report; the caller writes it.
 */
export async function runHallDay(opts: SoakOptions): Promise<SoakReport> {
  assertBuilt();
  const say = opts.say ?? (() => {});
  const runDir = opts.runDir ?? mkdtempSync(join(tmpdir(), 'hall-soak-'));
  mkdirSync(runDir, { recursive: true });
  const log = openLog(join(runDir, 'processes.log'));
  const realStart = Date.now();

  // Printers first (the configuration names their ports), the province next (its URL too).
  const baseDoc = JSON.parse(readFileSync(opts.baseConfig, 'utf8')) as { devices?: Array<{ type: string; printer?: string }> };
  const printers = new Map<string, FakePrinter>();
  for (const d of baseDoc.devices ?? []) if (d.type === 'kiosk' && d.printer && !printers.has(d.printer)) printers.set(d.printer, await fakePrinter());
  const uplinkKey = randomBytes(24).toString('base64url');
  const province = await startProvince(uplinkKey, log);
  // The day's scenes are chosen from the hall; what they need of it (skills, the B post's account) goes into its copy.
  const staged: { plan?: ScenePlan } = {};
  const hall = prepareHall(opts.baseConfig, runDir, (id) => printers.get(id)!.port, province.url, uplinkKey, (c: HallConfig) => {
    staged.plan = planScenes(c, { fromMinute: minutesOf(opts.from), toMinute: minutesOf(opts.to), displays: opts.displays });
    return sceneAdditions(staged.plan);
  });
  const scenePlan = staged.plan!;
  const { config } = hall;
  const tz = config.hall.timeZone;
  const midnight = hallInstant(opts.day, '00:00', tz);
  const weekday = hallTime(hallInstant(opts.day, '12:00', tz), tz).weekday;
  const groups = [scenePlan.rush.crowd, ...(scenePlan.redLine ? [scenePlan.redLine.burst] : [])];
  const plan = planVisitors(config, { count: opts.visitors, seed: opts.seed, from: opts.from, to: opts.to, sessions: config.calendar.weekly[weekday], groups });
  const faults = planFaults(minutesOf(opts.from), minutesOf(opts.to));
  const clock = createSimClock(hallInstant(opts.day, opts.from, tz) - 10 * 60_000, opts.speed, tz);
  say(`hall ${config.hall.name}: ${config.windows.length} windows, ${config.devices.length} devices; ${opts.visitors} visitors ${opts.from}–${opts.to} on ${opts.day} at ${opts.speed}×; data in ${runDir}`);

  const cast = await startCast(hall, clock, runDir, log);
  const ledger = createLedger(plan.visitors);
  let closing = false;
  try {
    await cast.startHub();
    for (const id of cast.bridges.keys()) await cast.startBridge(id);
    let manager = await signIn(cast.base, SOAK_MANAGER.username, SOAK_MANAGER.password);
    const asManager = () => manager;
    say(`${clock.label(clock.now())} hub, broker, bridge, province and ${cast.fleet.keypads.size + cast.fleet.evaluators.size + cast.fleet.strips.size} devices up`);

    // Today's appointments, booked before opening (as the province's feed would deliver them).
    const booked = plan.visitors.filter((v) => v.appointment);
    if (booked.length > 0) {
      const r = await call(cast.base, 'POST', '/api/admin/appointments', {
        appointments: booked.map((v) => ({
          code: v.appointment!.code,
          lineId: v.lineId,
          slotStart: new Date(midnight + v.appointment!.slotStartMinute * 60_000).toISOString(),
          slotEnd: new Date(midnight + v.appointment!.slotEndMinute * 60_000).toISOString(),
        })),
      }, manager);
      if (r.status !== 200) throw new Error(`booking appointments: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    const displays = connectDisplays(cast.base, config, hall.credentials, opts.displays);
    await Promise.all(displays.map((d) => d.synced()));

    const printerOf = new Map(config.devices.filter((d) => d.type === 'kiosk' && d.printer).map((d) => [d.id, d.printer!]));
    const kioskCtx: KioskContext = { base: cast.base, clock, ledger, credentials: hall.credentials, midnight, printerOf };
    const kiosks = createKiosks(kioskCtx);
    // The morning rush: the crowd at the door takes its tickets, then every window calls at once (the bell).
    const visits = plan.visitors.map((v) => kiosks.visit(v));
    const bell = Promise.all(plan.visitors.filter((v) => v.group === 'opening-crowd').map((v) => visits[v.n - 1])).then(() => undefined);
    const actors = startSceneActors({ base: () => cast.base, clock, ledger, midnight, manager: asManager, closing: () => closing }, scenePlan);
    const staff = createStaff({
      base: cast.base,
      clock,
      ledger,
      config,
      fleet: cast.fleet,
      manager: asManager,
      closing: () => closing,
      seed: opts.seed,
      bell,
      ...(actors.between ? { between: actors.between } : {}),
      ...(actors.finished ? { finished: actors.finished } : {}),
    });
    const runner = createFaultRunner({
      cast,
      clock,
      displays,
      ledger,
      province,
      printers,
      manager: asManager,
      midnight,
      visitors: plan.visitors,
      arriveTogether: (k) => kiosks.arriveTogether(k, plan.visitors),
      setTicketReplyHook: (hook) => {
        if (hook) kioskCtx.onTicketReply = hook;
        else delete kioskCtx.onTicketReply;
      },
    });
    const poller = pollWarnings(() => cast.base, asManager, clock, 2, () => closing);
    const working = staff.run();
    const faulting = runner.run(faults);
    const progress = setInterval(() => say(`${clock.label(clock.now())} tickets ${ledger.tickets.size}/${opts.visitors}, settled ${ledger.settled.size}, ratings ${ledger.ratings.length}, keypad presses ${ledger.presses.ok} ok / ${ledger.presses.failed} unanswered`), 60_000);
    progress.unref();

    await Promise.all(visits);
    await faulting;
    // 延时服务: the windows go on until everybody with a ticket has been seen, or the drain time is up.
    const drainUntil = midnight + (minutesOf(opts.to) + opts.drainHours * 60) * 60_000;
    while (clock.now() < drainUntil && [...ledger.tickets.values()].some((a) => !ledger.settled.has(a.n))) await clock.sleep(1);
    const unsettled = [...ledger.tickets.values()].filter((a) => !ledger.settled.has(a.n)).length;
    // Last ratings (a QR rating comes a few minutes after the service).
    await clock.sleep(11);
    closing = true;
    await working;
    await poller.done;
    await actors.done;
    clearInterval(progress);
    say(`${clock.label(clock.now())} the hall closes; ${unsettled} visitors unsettled at closing; draining the uplink`);

    // The relay empties the outbox; the screens get the last events.
    manager = await signIn(cast.base, SOAK_MANAGER.username, SOAK_MANAGER.password);
    const drainStart = Date.now();
    for (;;) {
      const s = await call<UplinkStatus>(cast.base, 'GET', '/api/uplink/status', undefined, manager);
      if (s.status === 200 && s.body.streams.every((x) => x.backlog === 0)) break;
      if (Date.now() - drainStart > 300_000) throw new Error(`the uplink did not drain: ${JSON.stringify(s.body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // The screens have every event once they all stand at the same sequence number for a moment.
    for (let same = 0; same < 3; ) {
      const seqs = new Set(displays.map((d) => d.lastSeq()));
      same = seqs.size === 1 ? same + 1 : 0;
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const d of displays) d.close();
    ledger.promptsMissed = staff.promptsMissed();
    const daily = await call<Report>(cast.base, 'GET', `/api/reports/daily?day=${opts.day}`, undefined, manager);

    return await collectEvidence({
      opts,
      runDir,
      hall,
      cast,
      province,
      printers,
      ledger,
      displays,
      polls: poller.polls,
      faults: runner.records,
      midWrite: runner.midWrite(),
      plan,
      clock,
      realStart,
      unsettled,
      scenes: scenePlan,
      dailyReport: daily.status === 200 ? daily.body : null,
    });
  } finally {
    closing = true;
    await cast.close().catch(() => undefined);
    await province.program.stop().catch(() => undefined);
    for (const p of printers.values()) await p.stop();
    log.end();
  }
}
