import type { DeviceView, UplinkStatus } from '@hall/shared';
import type { FakePrinter } from '@hall/testkit/fake-printer';
import type { Cast, Province } from './cast.js';
import type { DisplayClient } from './displays.js';
import type { PlannedFault } from './fault-schedule.js';
import { call } from './hub-client.js';
import type { Ledger } from './ledger.js';
import type { SimClock } from './sim-clock.js';
import type { Visitor } from './visitor-model.js';

export interface FaultRecord {
  kind: PlannedFault['kind'];
  what: string;
  /** hall time it happened, and real time */
  at: number;
  realAt: string;
  /** recovery, in real milliseconds (hall minutes = ms × speed / 60,000); null: it never came (timed out) */
  recovery: Record<string, number | null>;
  detail: Record<string, number | string>;
}

export interface FaultContext {
  cast: Cast;
  clock: SimClock;
  displays: DisplayClient[];
  ledger: Ledger;
  province: Province;
  printers: Map<string, FakePrinter>;
  manager: () => { authorization: string };
  midnight: number;
  visitors: readonly Visitor[];
  arriveTogether: (k: number) => Visitor[];
  setTicketReplyHook: (hook: ((requestId: string, status: number) => void) | null) => void;
}

const PAPER_OUT = 0x72;
const PAPER_OK = 0x12;

/**
 * Waits, polling `probe` every `everyMs` of real time, until it holds; returns the real milliseconds taken, or
 * null if it did not hold within `limitMs` — a recovery that never came, which the report counts as a failure.
 */
async function timeUntil(probe: () => Promise<boolean>, everyMs = 100, limitMs = 180_000): Promise<number | null> {
  const t0 = performance.now();
  for (;;) {
    try {
      if (await probe()) return Math.round(performance.now() - t0);
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > limitMs) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Time already spent plus a wait that may never have ended. */
const plus = (spent: number, waited: number | null): number | null => (waited === null ? null : spent + waited);

/** Runs each planned fault at its moment and measures how the hall came back from it. */
export function createFaultRunner(ctx: FaultContext) {
  const { cast, clock } = ctx;
  const records: FaultRecord[] = [];
  let midWrite: { inFlightAtKill: string[] } | null = null;

  const bridgedIds = new Set([...cast.fleet.keypads.keys(), ...cast.fleet.evaluators.keys(), ...cast.fleet.strips.keys()]);
  const devicesOnline = async () => {
    const r = await call<DeviceView[]>(cast.base, 'GET', '/api/devices', undefined, ctx.manager(), 2000);
    return r.status === 200 && r.body.filter((d) => bridgedIds.has(d.id)).every((d) => d.online);
  };
  const hubReady = async () => (await call(cast.base, 'GET', '/api/ready', undefined, {}, 2000)).status === 200;
  const displaysSynced = () => Promise.all(ctx.displays.map((d) => d.synced())).then(() => true);
  const backlog = async () => {
    const r = await call<UplinkStatus>(cast.base, 'GET', '/api/uplink/status', undefined, ctx.manager(), 3000);
    return r.body.streams.reduce((n, s) => n + s.backlog, 0);
  };
  const provinceHeld = async () => ((await call<{ held: number }>(ctx.province.controlUrl, 'GET', '/control/stats')).body.held);

  async function restartHub(): Promise<number> {
    const t0 = performance.now();
    await cast.startHub();
    return Math.round(performance.now() - t0);
  }

  async function run(f: PlannedFault): Promise<void> {
    await clock.until(ctx.midnight + f.atMinute * 60_000);
    const rec: FaultRecord = { kind: f.kind, what: f.what, at: clock.now(), realAt: new Date().toISOString(), recovery: {}, detail: {} };
    records.push(rec);
    switch (f.kind) {
      case 'bridge-kill': {
        for (const [id, b] of cast.bridges) {
          await b?.kill9();
          const t0 = performance.now();
          // systemd's Restart=always brings it back; the devices redial it on their own.
          await cast.startBridge(id);
          rec.recovery.processRestartMs = Math.round(performance.now() - t0);
          rec.recovery.allDevicesOnlineMs = plus(Math.round(performance.now() - t0), await timeUntil(devicesOnline, 200));
        }
        break;
      }
      case 'broker-kill': {
        await cast.broker.kill();
        const t0 = performance.now();
        await cast.broker.restart();
        rec.recovery.brokerRestartMs = Math.round(performance.now() - t0);
        rec.recovery.hubReadyMs = plus(Math.round(performance.now() - t0), await timeUntil(hubReady, 100));
        rec.recovery.allDevicesOnlineMs = plus(Math.round(performance.now() - t0), await timeUntil(devicesOnline, 200));
        break;
      }
      case 'hub-kill': {
        await cast.hub?.kill9();
        const t0 = performance.now();
        rec.recovery.hubListeningMs = await restartHub();
        rec.recovery.displaysResyncedMs = plus(Math.round(performance.now() - t0), await timeUntil(displaysSynced));
        rec.recovery.allDevicesOnlineMs = plus(Math.round(performance.now() - t0), await timeUntil(devicesOnline, 200));
        break;
      }
      case 'hub-kill-mid-write': {
        // A group arrives at once; the hub is killed the moment the first of their tickets is answered, while
        // the others are in flight — some of them committed, their replies never sent.
        const killed = new Promise<void>((resolve) => {
          ctx.setTicketReplyHook((requestId, status) => {
            if (status !== 201 || !group.has(requestId)) return;
            ctx.setTicketReplyHook(null);
            cast.hub?.child.kill('SIGKILL');
            midWrite = { inFlightAtKill: [...ctx.ledger.inFlight].filter((r) => group.has(r)) };
            resolve();
          });
        });
        const arrivals = ctx.arriveTogether(30);
        const group = new Set(arrivals.map((v) => `soak-visitor-${String(v.n).padStart(5, '0')}`));
        rec.detail.groupSize = arrivals.length;
        await killed;
        await cast.hub?.exited;
        const t0 = performance.now();
        rec.recovery.hubListeningMs = await restartHub();
        rec.detail.inFlightAtKill = midWrite!.inFlightAtKill.length;
        rec.recovery.displaysResyncedMs = plus(Math.round(performance.now() - t0), await timeUntil(displaysSynced));
        break;
      }
      case 'display-network-drop': {
        const d = ctx.displays[0];
        if (!d) break;
        rec.detail.display = d.id;
        const connects = d.connects;
        d.dropNetwork();
        const before = d.calls.length;
        await clock.sleep(f.lastsMinutes);
        const t0 = performance.now();
        d.restoreNetwork();
        await d.synced();
        rec.recovery.resyncedMs = Math.round(performance.now() - t0);
        rec.detail.callsCaughtUp = d.calls.length - before;
        rec.detail.reconnects = d.connects - connects;
        break;
      }
      case 'province-away': {
        await call(ctx.province.controlUrl, 'POST', '/control/away', {});
        await clock.sleep(f.lastsMinutes);
        const pending = await backlog();
        const held0 = await provinceHeld();
        rec.detail.backlogWhenBack = pending;
        await call(ctx.province.controlUrl, 'POST', '/control/back', {});
        rec.recovery.backlogSentMs = await timeUntil(async () => (await provinceHeld()) >= held0 + pending, 200, 600_000);
        break;
      }
      case 'printer-paper-out': {
        const [id, printer] = [...ctx.printers.entries()][0] ?? [];
        if (!printer || !id) break;
        rec.detail.printer = id;
        const jobsBefore = printer.jobs().length;
        const acceptedBefore = ctx.ledger.prints.filter((p) => p.printerId === id).length;
        printer.paperStatus = PAPER_OUT;
        await clock.sleep(f.lastsMinutes);
        rec.detail.printedWhilePaperOut = printer.jobs().length - jobsBefore;
        const accepted = ctx.ledger.prints.filter((p) => p.printerId === id).length;
        rec.detail.jobsHeldWhilePaperOut = accepted - acceptedBefore;
        printer.paperStatus = PAPER_OK;
        rec.recovery.heldJobsPrintedMs = await timeUntil(async () => printer.jobs().length - jobsBefore >= accepted - acceptedBefore, 200);
        break;
      }
    }
  }

  return {
    records,
    midWrite: () => midWrite,
    run: (faults: readonly PlannedFault[]) => Promise.all(faults.map((f) => run(f).catch((err: unknown) => {
      ctx.ledger.notes.push(`fault ${f.kind} failed: ${(err as Error).message}`);
    }))),
  };
}
