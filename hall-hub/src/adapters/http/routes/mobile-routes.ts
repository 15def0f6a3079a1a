import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { MobileTicketViewSchema, TICKET_TOKEN_HEADER, type MobileTicketView } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createQueueActions } from '../../../app/queue-actions.js';
import type { QueueEngine } from '../../../app/queue-engine.js';
import { createQueueViews, type QueueViews } from '../../../app/queue-views.js';
import { rateLimited } from '../../../app/request-refusals.js';
import type { QueueEvent } from '../../../domain/queue/events.js';
import type { StoredEvent } from '../../../ports/event-store.js';
import { denied, refusalError } from '../errors.js';
import { orThrow } from './execute.js';
import { responses } from '../schemas.js';

export interface MobileRouteDeps {
  engine: QueueEngine;
  hallName: string;
  /** requests per minute from one address (phones poll about twice a minute) */
  perMinute?: number;
  /** how long a poll is held open when nothing changes */
  holdMs?: number;
  /**
   * Aborted when the hub begins to stop: held polls end at once, before anything waits for the HTTP server to
   * close (a held poll would keep it open for the rest of its hold). app.close() alone does the same.
   */
  stopping?: AbortSignal;
}

const TOKEN = /^[A-Za-z0-9-]{16,64}$/;
// One answer for unknown, malformed and expired tokens alike: a guesser learns nothing from the difference.
const noTicket = () => denied('no_ticket');
const hubStopping = () => denied('hub_stopping');
const etagOf = (v: MobileTicketView) => `"${createHash('sha256').update(JSON.stringify(v)).digest('base64url').slice(0, 22)}"`;

/** What a batch of events can have changed: every view (a new day), or the views of these lines and tickets. */
interface Touched {
  all: boolean;
  lines: Set<string>;
  tickets: Set<string>;
}

/**
 * The lines and tickets whose phone views an event can change. A waiting ticket's view depends on its own
 * ticket, its line's waiting lists and recent service times, and the status of the windows serving its line
 * (the wait estimate); nothing else but the day. Exhaustive: a new event type does not compile until placed.
 */
function touch(into: Touched, e: QueueEvent, views: QueueViews): void {
  const ticket = (id: string) => {
    into.tickets.add(id);
    const lineId = views.lineOfTicket(id);
    if (lineId) into.lines.add(lineId);
  };
  const window = (no: string) => {
    for (const line of views.linesOfWindow(no)) into.lines.add(line);
  };
  switch (e.type) {
    case 'DayStarted':
    case 'WindowLinesAssigned':
      // 弹性窗口: a window's old and new lines both change their estimates; rare enough to re-read all.
      into.all = true;
      return;
    case 'TicketIssued':
      into.lines.add(e.ticket.lineId);
      return;
    case 'AppointmentBooked':
    case 'RequestHandled':
      return;
    case 'WindowOpened':
    case 'WindowClosed':
    case 'WindowPaused':
    case 'WindowResumed':
      window(e.windowNo);
      return;
    case 'TicketCalled':
    case 'TicketRecalled':
    case 'ServiceStarted':
    case 'ServiceFinished':
    case 'TicketMissed':
    case 'TicketSuspended':
    case 'TicketResumed':
    case 'ServiceRated':
      ticket(e.ticketId);
      window(e.windowNo);
      return;
    case 'TicketTransferred':
      ticket(e.ticketId);
      into.lines.add(e.toLineId);
      window(e.fromWindowNo);
      return;
    case 'TicketReinstated':
    case 'TicketPostponed':
    case 'TicketCancelled':
      ticket(e.ticketId);
      return;
    default: {
      // Unreachable while the switch is exhaustive; at run time an unknown event re-reads every view.
      const unplaced: never = e;
      void unplaced;
      into.all = true;
    }
  }
}

/** A held poll: answered when its ticket's view is no longer `json` (the view the phone has). */
interface Waiter {
  token: string;
  lineId: string;
  json: string;
  done: (v: MobileTicketView | null | 'same' | 'closing') => void;
}

/**
 * The visitor's phone page: its own ticket by the ticket's token, held open until the ticket's view changes
 * (long polling: works on any phone browser, and the page stays tiny — no socket library). Rate-limited per
 * address, so tokens cannot be guessed at speed; they are 122 random bits anyway.
 *
 * Held polls are indexed by line and token, and one commit listener re-reads only the views the committed
 * events can have changed: with hundreds of phones open, a ticket issued on one line costs that line's phones a
 * look, not every phone in the hall. When the hub stops, held polls end at once (503, connection closed: the
 * page retries as when offline) rather than keep the server from closing for the rest of their hold.
 */
export function mobileRoutes(deps: MobileRouteDeps): FastifyPluginAsyncTypebox {
  const { engine } = deps;
  const views = createQueueViews(engine);
  const actions = createQueueActions(engine);
  const holdMs = deps.holdMs ?? 25_000;
  const viewOf = (token: string): MobileTicketView | null => {
    if (!TOKEN.test(token)) return null;
    const t = engine.ticket(token);
    return t ? views.mobileTicket(t, deps.hallName) : null;
  };

  const byLine = new Map<string, Set<Waiter>>();
  const byToken = new Map<string, Set<Waiter>>();
  const add = <K>(index: Map<K, Set<Waiter>>, key: K, w: Waiter) => {
    const set = index.get(key);
    if (set) set.add(w);
    else index.set(key, new Set([w]));
  };
  const remove = <K>(index: Map<K, Set<Waiter>>, key: K, w: Waiter) => {
    const set = index.get(key);
    if (set?.delete(w) && set.size === 0) index.delete(key);
  };
  const hold = (w: Waiter): (() => void) => {
    add(byLine, w.lineId, w);
    add(byToken, w.token, w);
    return () => {
      remove(byLine, w.lineId, w);
      remove(byToken, w.token, w);
    };
  };
  const recheck = (w: Waiter) => {
    const v = viewOf(w.token);
    if (!v || JSON.stringify(v) !== w.json) w.done(v);
  };
  const onCommit = (events: StoredEvent[]) => {
    if (byToken.size === 0) return;
    const touched: Touched = { all: false, lines: new Set(), tickets: new Set() };
    for (const { event } of events) touch(touched, event, views);
    // Copies: an answered waiter leaves the sets being walked.
    const due = new Set<Waiter>();
    for (const lineId of touched.all ? byLine.keys() : touched.lines) for (const w of byLine.get(lineId) ?? []) due.add(w);
    for (const token of touched.tickets) for (const w of byToken.get(token) ?? []) due.add(w);
    for (const w of due) recheck(w);
  };

  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const set of [...byToken.values()]) for (const w of [...set]) w.done('closing');
  };
  deps.stopping?.addEventListener('abort', stop, { once: true });

  return async (app) => {
    const unsubscribe = engine.onCommit(onCommit);
    app.addHook('preClose', async () => stop());
    app.addHook('onClose', async () => {
      unsubscribe();
    });

    await app.register(rateLimit, {
      max: deps.perMinute ?? 60,
      timeWindow: 60_000,
      // (no retry-after details: the plugin's own headers say when)
      errorResponseBuilder: (_req, ctx) => refusalError({ ...rateLimited(Math.ceil(ctx.ttl / 1000)), details: undefined }),
    });

    app.get('/api/m/ticket', {
      schema: {
        tags: ['mobile'],
        summary: 'The phone page’s own ticket; with If-None-Match, held open until it changes (304 after a while if it does not)',
        headers: Type.Object({ [TICKET_TOKEN_HEADER]: Type.String({ minLength: 1, maxLength: 64 }), 'if-none-match': Type.Optional(Type.String({ maxLength: 64 })) }),
        response: responses({ 200: MobileTicketViewSchema }),
      },
    }, async (request, reply) => {
      const token = request.headers[TICKET_TOKEN_HEADER] as string;
      const known = request.headers['if-none-match'];
      reply.header('cache-control', 'no-store');
      // A stopping hub holds nothing new, and lets go of the connection (so the server can close).
      const letGo = () => {
        reply.header('connection', 'close');
        return hubStopping();
      };
      if (stopping) throw letGo();
      const first = viewOf(token);
      if (!first) throw noTicket();
      const firstTag = etagOf(first);
      if (known === undefined || firstTag !== known) return reply.header('etag', firstTag).send(first);

      // Unchanged: wait for a commit that changes it, or for the hold to run out (or the hub to stop).
      const changed = await new Promise<MobileTicketView | null | 'same' | 'closing'>((resolve) => {
        const w: Waiter = {
          token,
          lineId: engine.ticket(token)?.lineId ?? '',
          json: JSON.stringify(first),
          done: (v) => {
            clearTimeout(timer);
            release();
            request.raw.off('close', onClose);
            resolve(v);
          },
        };
        const release = hold(w);
        const timer = setTimeout(() => w.done('same'), holdMs);
        const onClose = () => w.done('same');
        request.raw.on('close', onClose);
      });
      // A 304 has no body at all (a "null" with its content-length would break HTTP clients).
      if (changed === 'same') return reply.code(304).send();
      if (changed === 'closing') throw letGo();
      if (!changed) throw noTicket();
      return reply.header('etag', etagOf(changed)).send(changed);
    });

    app.post('/api/m/step-out', {
      schema: {
        tags: ['mobile'],
        summary: '“I am stepping out”: the ticket moves back a few places (policy.noShow.rejoinAfter), once (stepOutLimit)',
        headers: Type.Object({ [TICKET_TOKEN_HEADER]: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Optional(Type.Object({ requestId: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })) }, { additionalProperties: false })),
        response: responses({ 200: MobileTicketViewSchema }),
      },
    }, async (request) => {
      const token = request.headers[TICKET_TOKEN_HEADER] as string;
      if (!viewOf(token)) throw noTicket();
      await orThrow(actions.postponeTicket(token, request.body?.requestId));
      const v = viewOf(token);
      if (!v) throw noTicket();
      return v;
    });
  };
}
