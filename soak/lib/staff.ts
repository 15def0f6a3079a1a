import type { Satisfaction } from '@hall/shared';
import type { KeypadFrameReply, KeypadPress } from '@hall/firmware-bridge/drivers/keypad/codec';
import type { RateFrameReply } from '@hall/firmware-bridge/drivers/evaluator/codec';
import type { Fleet } from '@hall/firmware-bridge/simulators/fleet';
import type { EvaluatorSim } from '@hall/firmware-bridge/simulators/sim-devices';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { call, persist } from './hub-client.js';
import type { Ledger } from './ledger.js';
import type { SimClock } from './sim-clock.js';
import { mulberry32 } from '@hall/testkit/prng';
import type { Visitor } from './visitor-model.js';

export interface StaffContext {
  base: string;
  clock: SimClock;
  ledger: Ledger;
  config: HallConfig;
  fleet: Fleet;
  manager: () => { authorization: string };
  /** the staff go home once this says so (every visitor settled, or the day is over) */
  closing: () => boolean;
  seed: number;
  /** the crowd at the door has its tickets: once every window is staffed too, the opening bell rings and every
   * window makes its first call at once (the morning rush) */
  bell?: Promise<void>;
  /** a scene's say at a window between two visitors (the B post taking over, handing back), and after a service */
  between?: (windowNo: string, closing: boolean) => Promise<void>;
  finished?: (windowNo: string) => void;
}

type Outcome = { kind: 'ok'; reply: Extract<KeypadFrameReply, { status: 'ok' }> } | { kind: 'refused'; code: string } | { kind: 'failed' };

/**
 * The windows' staff at work, through their keypads (the bridge, the broker and the hub's MQTT gateway —
 * the real device path): log in, call the next visitor, start, serve for the visitor's service time, then
 * finish, transfer or mark a no-show. A press the hub may or may not have applied (no reply, "hub
 * unreachable") is followed up the way staff do: look at what the window holds before pressing on.
 */
export function createStaff(ctx: StaffContext) {
  const random = mulberry32(ctx.seed ^ 0x5eed);
  const { ledger, clock } = ctx;
  const pressesFor = new Map<string, (p: KeypadPress) => Promise<Outcome>>();

  function keypadOf(windowNo: string): string | undefined {
    return ctx.config.devices.find((d) => d.type === 'keypad' && d.window === windowNo)?.id;
  }

  function presser(keypadId: string) {
    const keypad = ctx.fleet.keypads.get(keypadId)!;
    return async (p: KeypadPress): Promise<Outcome> => {
      try {
        const r = await keypad.press(p);
        if (r.status === 'ok') {
          ledger.presses.ok += 1;
          return { kind: 'ok', reply: r };
        }
        if (r.status === 'refused' || r.status === 'invalid') {
          ledger.presses.refused[r.code] = (ledger.presses.refused[r.code] ?? 0) + 1;
          return { kind: 'refused', code: r.code };
        }
      } catch {
        /* no reply after the keypad's own repeats: the bridge is down */
      }
      ledger.presses.failed += 1;
      return { kind: 'failed' };
    };
  }

  /** Presses until the hub answers one way or the other (staff press again while the keypad says "retry"). */
  async function firm(press: (p: KeypadPress) => Promise<Outcome>, p: KeypadPress): Promise<Exclude<Outcome, { kind: 'failed' }> | null> {
    for (;;) {
      const o = await press(p);
      if (o.kind !== 'failed') return o;
      if (ctx.closing()) return null;
      await clock.sleep(0.5 + random() * 0.5);
    }
  }

  /** The ticket a call-next gave, or after an unanswered one, what the window holds (a recall shows it). */
  async function callNext(press: (p: KeypadPress) => Promise<Outcome>): Promise<string | null | 'retry'> {
    const o = await press({ op: 'call-next' });
    if (o.kind === 'ok') return o.reply.ticket;
    if (o.kind === 'refused') return null;
    for (;;) {
      if (ctx.closing()) return null;
      await clock.sleep(0.5 + random() * 0.5);
      const r = await press({ op: 'recall' });
      if (r.kind === 'ok' && r.reply.ticket) return r.reply.ticket;
      if (r.kind === 'refused') return 'retry';
    }
  }

  // The opening bell: the crowd ticketed and every window's staff signed in.
  let signedIn = 0;
  let everyoneIn = () => {};
  const allSignedIn = new Promise<void>((resolve) => (everyoneIn = resolve));
  const bell = ctx.bell
    ? Promise.all([ctx.bell, allSignedIn]).then(() => {
        ledger.scenes.rush.bellAt = clock.now();
      })
    : null;
  const staffed = (w: HallConfig['windows'][number]) => {
    const keypadId = keypadOf(w.no);
    const staff = ctx.config.staff.find((s) => s.windows.includes(w.no));
    return keypadId && ctx.fleet.keypads.has(keypadId) && staff ? { windowNo: w.no, staffNo: staff.no, keypadId } : null;
  };
  const atWork = ctx.config.windows.flatMap((w) => staffed(w) ?? []);

  async function serveWindow(windowNo: string, staffNo: string, keypadId: string): Promise<void> {
    const press = presser(keypadId);
    pressesFor.set(windowNo, press);
    await clock.sleep(random() * 2);
    await firm(press, { op: 'login', staffNo });
    if (++signedIn === atWork.length) everyoneIn();
    if (bell) {
      await bell;
      const first = await callNext(press);
      ledger.scenes.rush.presses.push({ windowNo, outcome: first === 'retry' ? 'failed' : first === null ? 'refused' : 'ok', ticket: typeof first === 'string' && first !== 'retry' ? first : null });
      if (typeof first === 'string' && first !== 'retry') await serveVisitor(windowNo, press, first);
    }
    while (!ctx.closing()) {
      await ctx.between?.(windowNo, false);
      const number = await callNext(press);
      if (number === 'retry') continue;
      if (number === null) {
        await clock.sleep(0.75 + random() * 0.75);
        continue;
      }
      if (!ledger.byNumber.has(number)) ledger.calledBeforeKioskKnew += 1;
      await serveVisitor(windowNo, press, number);
      await clock.sleep(0.2 + random() * 0.6);
    }
    await ctx.between?.(windowNo, true);
    await press({ op: 'logout' });
  }

  const transferred = new Set<number>();
  const missedOnce = new Set<number>();

  async function serveVisitor(windowNo: string, press: (p: KeypadPress) => Promise<Outcome>, number: string): Promise<void> {
    // The visitor walks to the window; a no-show never does (the window recalls once, then gives up).
    await clock.sleep(0.3 + random() * 0.5);
    // Looked up after the walk: a kiosk still retrying across a hub restart has its answer by now.
    const v = ledger.byNumber.get(number);
    if (v?.noShow && !missedOnce.has(v.n)) {
      missedOnce.add(v.n);
      await clock.sleep(1.5);
      await firm(press, { op: 'recall' });
      await clock.sleep(2);
      await firm(press, { op: 'no-show' });
      if (v.returnsAfterNoShow) void comeBack(v);
      else ledger.settled.add(v.n);
      return;
    }
    await firm(press, { op: 'start' });
    const second = v !== undefined && transferred.has(v.n);
    await clock.sleep(v ? (second ? v.transfer!.secondServiceMinutes : v.serviceMinutes) : 5);
    if (v?.transfer && !second) {
      transferred.add(v.n);
      await firm(press, { op: 'transfer', toLineId: v.transfer.toLineId });
      return;
    }
    const finished = await firm(press, { op: 'finish' });
    if (finished?.kind === 'ok') ctx.finished?.(windowNo);
    if (v && finished) {
      ledger.settled.add(v.n);
      if (v.rating?.via === 'qr') void rateByQr(v, number, v.rating.level, v.rating.afterMinutes);
      else if (v.rating) expectPrompt(windowNo, number, v);
    }
  }

  /** A missed visitor back at the desk a few minutes later: a manager reinstates the ticket. */
  async function comeBack(v: Visitor): Promise<void> {
    await clock.sleep(5 + random() * 10);
    const id = ledger.ticketIdOf.get(v.n);
    if (!id) return;
    const r = await persist(() => call(ctx.base, 'POST', `/api/tickets/${id}/reinstate`, undefined, ctx.manager()), { everyMs: 1000, giveUp: () => ctx.closing() });
    if (r.reply?.status === 200) ledger.reinstated += 1;
    else ledger.settled.add(v.n);
  }

  async function rateByQr(v: Visitor, number: string, level: Satisfaction, afterMinutes: number): Promise<void> {
    await clock.sleep(afterMinutes);
    const id = ledger.ticketIdOf.get(v.n)!;
    const r = await persist<{ code?: string }>(
      () => call(ctx.base, 'POST', `/api/tickets/${id}/evaluation`, { level, requestId: `soak-rate-${id.slice(0, 40)}` }),
      { everyMs: 1000, giveUp: () => false },
    );
    const status = r.reply?.status ?? 0;
    ledger.ratings.push({ n: v.n, number, via: 'qr', outcome: status === 201 || status === 200 ? 'ok' : 'refused', code: String(r.reply?.body.code ?? status) });
  }

  // Evaluators: a prompt after a finished service; the visitor rates (or not) as the plan says. The prompt
  // and the keypad's reply to "finish" race each other: whichever comes second starts the rating.
  const waitingForPrompt = new Map<string, Visitor>();
  const earlyPrompts = new Map<string, EvaluatorSim>();
  function expectPrompt(windowNo: string, number: string, v: Visitor): void {
    const key = `${windowNo}/${number}`;
    const ev = earlyPrompts.get(key);
    earlyPrompts.delete(key);
    if (ev) void rateOnEvaluator(ev, v, number);
    else waitingForPrompt.set(key, v);
  }
  for (const ev of ctx.fleet.evaluators.values()) {
    ev.onPrompt((p) => {
      const key = `${p.windowNo}/${p.ticket}`;
      const v = waitingForPrompt.get(key);
      if (!v) return void earlyPrompts.set(key, ev);
      waitingForPrompt.delete(key);
      void rateOnEvaluator(ev, v, p.ticket);
    });
  }

  async function rateOnEvaluator(ev: EvaluatorSim, v: Visitor, number: string): Promise<void> {
    await clock.sleep(v.rating!.afterMinutes);
    for (let tries = 0; ; tries++) {
      let r: RateFrameReply | null;
      try {
        r = await ev.rate({ level: v.rating!.level, dimensions: { attitude: 5, quality: 5, efficiency: 5, integrity: 5 } });
      } catch {
        r = null;
      }
      if (r?.status === 'ok' || r?.status === 'refused' || r?.status === 'invalid' || tries >= 20) {
        ledger.ratings.push({ n: v.n, number, via: 'evaluator', outcome: r?.status === 'ok' ? 'ok' : r ? 'refused' : 'failed', ...(r && r.status !== 'ok' ? { code: r.code } : {}) });
        return;
      }
      await clock.sleep(0.5);
    }
  }

  return {
    /** every window with a keypad and a staff member posted there works until closing */
    run: () => Promise.all(atWork.map((w) => serveWindow(w.windowNo, w.staffNo, w.keypadId))),
    /** finished services whose prompt never reached the evaluator, after the day */
    promptsMissed: () => waitingForPrompt.size,
  };
}
