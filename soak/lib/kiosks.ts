import type { TicketView } from '@hall/shared';
import type { DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { call, deviceAuth, persist, type Reply } from './hub-client.js';
import type { Ledger } from './ledger.js';
import type { SimClock } from './sim-clock.js';
import type { Visitor } from './visitor-model.js';

export interface KioskContext {
  base: string;
  clock: SimClock;
  ledger: Ledger;
  credentials: DeviceCredentials;
  /** the instant of local midnight of the simulated day */
  midnight: number;
  /** kiosk device id → its printer id */
  printerOf: Map<string, string>;
  /** after every answered ticket request (the mid-write fault listens here) */
  onTicketReply?: (requestId: string, status: number) => void;
}

/**
 * The visitors' side of the kiosks: at each visitor's arrival the kiosk asks the hub for a ticket over HTTP
 * (or checks in an appointment), with a request id, retrying the same id while the hub does not answer — so a
 * ticket committed just before a crash comes back as the same ticket, never a second one — then prints it.
 */
export function createKiosks(ctx: KioskContext) {
  const released = new Map<number, () => void>();

  const arrival = (v: Visitor) =>
    new Promise<void>((resolve) => {
      released.set(v.n, resolve);
      void ctx.clock.until(ctx.midnight + v.arriveMinute * 60_000).then(resolve);
    });

  async function takeTicket(v: Visitor): Promise<void> {
    const { ledger } = ctx;
    const requestId = `soak-visitor-${String(v.n).padStart(5, '0')}`;
    const [path, body] = v.appointment
      ? ['/api/appointments/check-in', { code: v.appointment.code, requestId }]
      : ['/api/tickets', { lineId: v.lineId, channel: 'kiosk', requestId, ...(v.priorityGroup ? { priorityGroup: v.priorityGroup } : {}) }];
    // A visitor at a kiosk that cannot reach the hub waits a while (the screen says so), then gives up.
    const giveUpAt = ctx.clock.now() + 30 * 60_000;
    const r = await persist<TicketView & { code?: string }>(
      async () => {
        ledger.inFlight.add(requestId);
        try {
          // The kiosk's own device credential: tickets are issued to declared kiosks and signed-in staff only.
          const token = ctx.credentials.passwordFor(v.kiosk);
          const reply = await call<TicketView & { code?: string }>(ctx.base, 'POST', path, body, token ? deviceAuth(v.kiosk, token) : {});
          ctx.onTicketReply?.(requestId, reply.status);
          return reply;
        } finally {
          ledger.inFlight.delete(requestId);
        }
      },
      { everyMs: 1000, giveUp: () => ctx.clock.now() > giveUpAt },
    );
    if (!r.reply) {
      ledger.unanswered.push({ n: v.n, requestId, errors: r.errors.slice(-3) });
      ledger.settled.add(v.n);
      return;
    }
    if (r.reply.status !== 201 && r.reply.status !== 200) {
      ledger.refused.push({ n: v.n, code: String(r.reply.body.code ?? r.reply.status) });
      ledger.settled.add(v.n);
      return;
    }
    const t = r.reply.body;
    ledger.tickets.set(requestId, { n: v.n, requestId, ticketId: t.id, number: t.number, status: r.reply.status, attempts: r.attempts, ackAt: ctx.clock.now() });
    ledger.byNumber.set(t.number, v);
    ledger.ticketIdOf.set(v.n, t.id);
    await printTicket(v, t.id);
  }

  async function printTicket(v: Visitor, ticketId: string): Promise<void> {
    const printerId = ctx.printerOf.get(v.kiosk);
    const token = ctx.credentials.passwordFor(v.kiosk);
    if (!printerId || !token) return;
    const r = await persist<{ jobId: string; code?: string }>(
      () => call(ctx.base, 'POST', '/api/print/ticket', { ticketId, requestId: `soak-print-${ticketId}` }, deviceAuth(v.kiosk, token)),
      { everyMs: 1000, giveUp: () => false },
    );
    const reply = r.reply as Reply<{ jobId: string; code?: string }>;
    if (reply.status === 202 || reply.status === 200) ctx.ledger.prints.push({ ticketId, printerId, jobId: reply.body.jobId, at: ctx.clock.now() });
    else ctx.ledger.printsRefused.push({ ticketId, code: String(reply.body.code ?? reply.status) });
  }

  /** one visitor's day at the kiosk: arrive, take a ticket, print it */
  async function visit(v: Visitor): Promise<void> {
    await arrival(v);
    await takeTicket(v);
  }

  return {
    visit,
    /** every visitor's day */
    run: (visitors: readonly Visitor[]) => Promise.all(visitors.map(visit)),
    /** a group arrives at once: the next `k` visitors not yet arrived come now */
    arriveTogether(k: number, visitors: readonly Visitor[]): Visitor[] {
      const now = (ctx.clock.now() - ctx.midnight) / 60_000;
      // (the soak's own groups keep their moment: the scenes they drive are timed)
      const group = visitors.filter((v) => v.arriveMinute > now && !v.appointment && v.group === null).slice(0, k);
      for (const v of group) released.get(v.n)?.();
      return group;
    },
  };
}
