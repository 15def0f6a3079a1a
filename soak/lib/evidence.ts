import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HeldEvent, SimStats } from '@hall/province-sim';
import type { Report } from '@hall/shared';
import type { FakePrinter } from '@hall/testkit/fake-printer';
import { readEscpos } from '@hall/testkit/escpos-reader';
import type { Cast, Province } from './cast.js';
import { checkCalls, checkEvaluations, checkPrinting, checkPriority, checkRecoveries, checkTickets, checkWarnings, type CheckResult, type Poll } from './checks.js';
import type { DisplayClient } from './displays.js';
import type { FaultRecord } from './fault-runner.js';
import type { SoakHall } from './hall-setup.js';
import { call } from './hub-client.js';
import type { Ledger } from './ledger.js';
import { repoRoot } from './processes.js';
import { watchScenes } from './oracle/scene-watch.js';
import { replayDay, type Probe, type StoredEvent } from './replay.js';
import type { SoakReport } from './report.js';
import type { SoakOptions } from './run-hall-day.js';
import { checkScenes } from './scene-checks.js';
import type { ScenePlan } from './scenes.js';
import type { SimClock } from './sim-clock.js';
import type { VisitorPlan } from './visitor-model.js';

export interface Evidence {
  opts: SoakOptions;
  runDir: string;
  hall: SoakHall;
  cast: Cast;
  province: Province;
  printers: Map<string, FakePrinter>;
  ledger: Ledger;
  displays: DisplayClient[];
  polls: Poll[];
  faults: FaultRecord[];
  midWrite: { inFlightAtKill: string[] } | null;
  plan: VisitorPlan;
  clock: SimClock;
  realStart: number;
  unsettled: number;
  scenes: ScenePlan;
  /** the day's report (GET /api/reports/daily), read before the hub stopped */
  dailyReport: Report | null;
}

const QUEUE_STREAM_TYPES = new Set(['TicketIssued', 'TicketCalled', 'ServiceFinished', 'TicketMissed']);

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(Math.floor(minute % 60)).padStart(2, '0')}`;

function describeScenes(s: ScenePlan, plan: VisitorPlan, ledger: Ledger): string[] {
  const crowd = plan.visitors.filter((v) => v.group === 'opening-crowd').length;
  const out = [`Morning rush: ${crowd} visitors at the door at opening take tickets, then every window calls at once (${ledger.scenes.rush.presses.length} windows).`];
  const r = s.redLine;
  if (r) {
    out.push(
      `Red line: ${r.burst.lines[0]?.count ?? 0} visitors for ${r.lineId} arrive at ${hhmm(r.burst.atMinute)}; ${r.helpers.length} staff cross-trained for it (skills); ` +
        `the manager moves up to ${r.maxMoves} idle windows from GET /api/line-moves (${ledger.scenes.lineMoves.moves.map((m) => `window ${m.windowNo}`).join(', ') || 'none moved'}).`,
    );
  }
  const t = s.takeover;
  if (t) out.push(`AB岗: ${t.bPost.name} (${t.bPost.no}) takes over window ${t.windowNo} from ${t.aPost.name} (${t.aPost.no}) after ${hhmm(t.atMinute)} (${t.absenceReason}), serves ${t.services} visitors, hands back.`);
  return out;
}

/** What the report notes beside its checks: what the clients saw refused, and findings the figures point at. */
function findings(ev: Evidence, checks: readonly CheckResult[]): string[] {
  const { ledger } = ev;
  const notes = [...ledger.notes.slice(0, 20)];
  const refusedCodes = ledger.presses.refused;
  if (Object.keys(refusedCodes).length > 0) notes.push(`keypad refusals by code: ${Object.entries(refusedCodes).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (ledger.printsRefused.length > 0) notes.push(`print requests refused: ${ledger.printsRefused.length} (${[...new Set(ledger.printsRefused.map((r) => r.code))].join(', ')}) — a kiosk prints only a ticket still waiting; after a hub restart the kiosk's retry can come after the call`);
  if (ledger.calledBeforeKioskKnew > 0) notes.push(`${ledger.calledBeforeKioskKnew} ticket(s) called before their kiosk had the answer (the kiosk was still retrying its request across a hub restart)`);
  const snapshotOnly = checks[1]!.counts.arrivedOnlyInARestartSnapshot ?? 0;
  if (snapshotOnly > 0) {
    notes.push(
      `Finding: ${snapshotOnly} screen-calls reached a screen only in the snapshot sent after a hub restart, so no screen announced them. ` +
        'They were committed just before the kill -9 and not yet pushed; the restarted hub\'s replay ring starts empty ' +
        '(hall-hub/src/app/realtime-feed.ts), so a reconnecting screen gets a snapshot (the call is listed) rather than the missed ' +
        'events (which the page would announce if fresh). Seeding the ring from the event store at start-up would close it.',
    );
  }
  const drop = ev.faults.find((f) => f.kind === 'display-network-drop');
  const dropped = ev.displays.find((d) => d.id === drop?.detail.display);
  if (drop && dropped && Number(drop.detail.callsCaughtUp) > 0 && dropped.speaks() && dropped.staleNotAnnounced.length === 0) {
    notes.push(
      `Finding: after its network came back, ${dropped.id} announced all ${drop.detail.callsCaughtUp} calls it had missed, the oldest minutes old. ` +
        'The page speaks a caught-up call only if it is under 60 s old by the hub\'s clock, read from the scene sent after the catch-up ' +
        '(display-wall/src/net/live.ts); but the hub sends the cached scene, whose `at` is the time the scene last changed ' +
        '(hall-hub/src/app/display-control.ts `scene(id)` returns `lastScene`), so every missed call counts as fresh. ' +
        'Stamping the scene sent on connect with the current time would restore the 60 s rule.',
    );
  }
  if (ledger.refused.length > 0) notes.push(`ticket requests refused by the hub: ${ledger.refused.length} (${[...new Set(ledger.refused.map((r) => r.code))].join(', ')})`);
  return notes;
}

/** What the province holds, the hub's store (read after the hub stopped), the printers' bytes: checked. */
export async function collectEvidence(ev: Evidence): Promise<SoakReport> {
  const { hall, ledger, province } = ev;
  const hallId = hall.config.hall.id;
  const held = (stream: string) => call<HeldEvent[]>(province.controlUrl, 'GET', `/control/held?stream=${stream}`).then((r) => r.body);
  const heldEvaluations = await held('evaluation');
  const heldQueue = await held('queue');
  const heldNotices = await held('notices');
  const stats = (await call<SimStats & { held: number }>(province.controlUrl, 'GET', '/control/stats')).body;
  const sms = (await call<Array<{ type: string; key: string }>>(province.controlUrl, 'GET', '/control/sms')).body;

  // The hub stops cleanly (SIGTERM) before its database is read.
  await ev.cast.close();
  const db = new Database(join(hall.dataDir, 'hall.db'), { readonly: true });
  const events: StoredEvent[] = (db.prepare('SELECT seq, data FROM events ORDER BY seq').all() as Array<{ seq: number; data: string }>).map((r) => ({
    seq: r.seq,
    event: JSON.parse(r.data) as StoredEvent['event'],
  }));
  const storedTickets = new Map(
    (db.prepare('SELECT id, number, channel FROM tickets').all() as Array<{ id: string; number: string; channel: string }>).map((t) => [t.id, { number: t.number, channel: t.channel }]),
  );
  const evaluations = db.prepare('SELECT day, ticket_number AS number, channel, ticket_id AS ticketId, staff_no AS staffNo FROM evaluations').all() as Array<{
    day: string;
    number: string;
    channel: string;
    ticketId: string;
    staffNo: string | null;
  }>;
  const jobStatuses = Object.fromEntries(
    (db.prepare('SELECT status, count(*) AS n FROM print_jobs GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]),
  );
  db.close();

  // Red warnings as texted: each an SMS probe at the moment its notice was written.
  const smsProbes: Probe[] = heldNotices
    .filter((h) => h.type === 'red-warning')
    .map((h) => ({ at: h.at, smsKey: h.key.slice(`${hallId}:notice:warning:`.length), justified: false }));
  const probes = [...smsProbes, ...ev.polls.flatMap((p) => [p.before, p.after])].sort((a, b) => a.at - b.at);
  // Replayed by the soak's own oracle: the documented policy, not the hub's rules (docs/soak-oracle.md).
  const red = ev.scenes.redLine;
  const watch = watchScenes(hall.config, { bellAt: ledger.scenes.rush.bellAt, redLine: red ? { lineId: red.lineId, redMinutes: red.redMinutes } : null });
  const replay = replayDay(events, hall.config, probes, [watch]);

  const printed = new Map<string, number>();
  for (const p of ev.printers.values()) {
    for (const job of p.jobs()) {
      const qr = readEscpos(job.bytes).qr[0]?.data ?? '';
      const id = qr.slice(qr.indexOf('#') + 1);
      printed.set(id, (printed.get(id) ?? 0) + 1);
    }
  }
  const paperOut = ev.faults.find((f) => f.kind === 'printer-paper-out');
  const policy = hall.config.policy.priority;
  const checks = [
    checkTickets(ledger, events, storedTickets, ev.midWrite),
    checkCalls(ev.displays, replay, (id) => ev.displays.find((d) => d.id === id)?.firstSeq ?? 0),
    checkEvaluations(hallId, ledger, evaluations, heldEvaluations, heldQueue, events.filter((e) => QUEUE_STREAM_TYPES.has(e.event.type)).map((e) => e.seq), stats.duplicates),
    checkPriority(replay, policy.mode === 'strict' ? 'strict' : `interleave ${policy.priority}:${policy.normal}`),
    checkWarnings(replay, smsProbes, sms.filter((s) => s.type === 'red-warning').length, ev.polls),
    checkPrinting(ledger, printed, jobStatuses, Number(paperOut?.detail.printedWhilePaperOut ?? 0)),
    checkRecoveries(ev.faults),
    ...checkScenes({
      plan: ev.scenes,
      ledger: ledger.scenes,
      facts: watch.facts,
      replay,
      displays: ev.displays,
      staff: hall.config.staff,
      evaluations,
      reportStaff: ev.dailyReport?.staff ?? null,
    }),
  ];

  // Figures of the day, from the log.
  const firstCall = new Map<string, number>();
  const count: Record<string, number> = {};
  for (const { event: e } of events) {
    count[e.type] = (count[e.type] ?? 0) + 1;
    if (e.type === 'TicketCalled' && !firstCall.has(e.ticketId)) firstCall.set(e.ticketId, e.at);
  }
  const tickets = [...replay.final.tickets.values()];
  const waits = tickets.filter((t) => firstCall.has(t.id)).map((t) => (firstCall.get(t.id)! - t.issuedAt) / 60_000);
  const services = tickets.filter((t) => t.finishedAt !== null && t.startedAt !== null).map((t) => (t.finishedAt! - t.startedAt!) / 60_000);
  const figures: Record<string, number> = {
    ticketsIssued: count.TicketIssued ?? 0,
    calls: count.TicketCalled ?? 0,
    recalls: count.TicketRecalled ?? 0,
    servicesFinished: count.ServiceFinished ?? 0,
    noShows: count.TicketMissed ?? 0,
    reinstated: count.TicketReinstated ?? 0,
    transfers: count.TicketTransferred ?? 0,
    evaluations: count.ServiceRated ?? 0,
    unratedServices: (count.ServiceFinished ?? 0) - (count.ServiceRated ?? 0),
    waitMinutesMedian: percentile(waits, 0.5),
    waitMinutesP90: percentile(waits, 0.9),
    waitMinutesMax: percentile(waits, 1),
    serviceMinutesMedian: percentile(services, 0.5),
    serviceMinutesP90: percentile(services, 0.9),
    ticketsStillOpenAtClose: tickets.filter((t) => ['waiting', 'called', 'serving', 'suspended'].includes(t.status)).length,
    visitorsUnsettledAtClose: ev.unsettled,
    eventsInLog: events.length,
    keypadPressesAnswered: ledger.presses.ok,
    keypadPressesRefused: Object.values(ledger.presses.refused).reduce((a, b) => a + b, 0),
    keypadPressesUnanswered: ledger.presses.failed,
    evaluatorPromptsNeverShown: ledger.promptsMissed,
    provinceEventsHeld: stats.held,
    provinceRequests: stats.requests,
    smsSent: sms.length,
    eventTimestampsGoingBackwards: replay.clockBackwards,
  };
  const v = ev.plan.visitors;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  const notes = findings(ev, checks);
  return {
    at: new Date().toISOString(),
    commit,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadavg()[0] ?? 0, node: process.version },
    options: { visitors: ev.opts.visitors, speed: ev.opts.speed, day: ev.opts.day, from: ev.opts.from, to: ev.opts.to, seed: ev.opts.seed, displays: ev.opts.displays, baseConfig: ev.opts.baseConfig.replace(`${repoRoot}/`, '') },
    realSeconds: Math.round((Date.now() - ev.realStart) / 1000),
    hall: {
      name: hall.config.hall.name,
      windows: hall.config.windows.length,
      lines: hall.config.lines.length,
      devicesOnTheBridge: ev.cast.fleet.keypads.size + ev.cast.fleet.evaluators.size + ev.cast.fleet.strips.size + ev.cast.fleet.readers.size,
      displaysConnected: ev.displays.length,
      kiosks: hall.config.devices.filter((d) => d.type === 'kiosk').length,
      policy: policy.mode === 'strict' ? 'strict' : `interleave ${policy.priority}:${policy.normal}`,
    },
    visitors: {
      planned: v.length,
      perHour: ev.plan.perHour,
      appointments: v.filter((x) => x.appointment).length,
      greenChannel: v.filter((x) => x.priorityGroup).length,
      noShows: v.filter((x) => x.noShow).length,
      noShowsReturning: v.filter((x) => x.noShow && x.returnsAfterNoShow).length,
      transfers: v.filter((x) => x.transfer).length,
      raters: v.filter((x) => x.rating).length,
      ratersByQr: v.filter((x) => x.rating?.via === 'qr').length,
    },
    figures,
    scenes: describeScenes(ev.scenes, ev.plan, ledger),
    faults: ev.faults.map((f) => ({ ...f, atHall: ev.clock.label(f.at) })),
    checks,
    ok: checks.every((c) => c.ok),
    notes,
  };
}
