import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { MobileTicketViewSchema, TICKET_TOKEN_HEADER, type MobileTicketView } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { QueueEngine } from '../../../app/queue-engine.js';
import { mobileTicketView } from '../../../domain/queue/mobile-view.js';
import { HttpError } from '../errors.js';
import { executeOrThrow } from './execute.js';
import { responses } from '../schemas.js';

export interface MobileRouteDeps {
  engine: QueueEngine;
  hallName: string;
  /** requests per minute from one address (phones poll about twice a minute) */
  perMinute?: number;
  /** how long a poll is held open when nothing changes */
  holdMs?: number;
}

const TOKEN = /^[A-Za-z0-9-]{16,64}$/;
// One answer for unknown, malformed and expired tokens alike: a guesser learns nothing from the difference.
const noTicket = () => new HttpError(404, 'no_ticket', '没有找到这张排队号，或它已过期（排队号当日有效）。', 'No such ticket, or it has expired (tickets are valid for their day only).');
const etagOf = (v: MobileTicketView) => `"${createHash('sha256').update(JSON.stringify(v)).digest('base64url').slice(0, 22)}"`;

/**
 * The visitor's phone page: its own ticket by the ticket's token, held open until the ticket's view changes
 * (long polling: works on any phone browser, and the page stays tiny — no socket library). Rate-limited per
 * address, so tokens cannot be guessed at speed; they are 122 random bits anyway.
 */
export function mobileRoutes(deps: MobileRouteDeps): FastifyPluginAsyncTypebox {
  const { engine } = deps;
  const holdMs = deps.holdMs ?? 25_000;
  const viewOf = (token: string): MobileTicketView | null => {
    if (!TOKEN.test(token)) return null;
    const t = engine.ticket(token);
    return t ? mobileTicketView(engine.state, engine.rules, t, deps.hallName) : null;
  };

  return async (app) => {
    await app.register(rateLimit, {
      max: deps.perMinute ?? 60,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, ctx) =>
        new HttpError(429, 'rate_limited', `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试。`, `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s.`),
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
      const first = viewOf(token);
      if (!first) throw noTicket();
      if (known === undefined || etagOf(first) !== known) return reply.header('etag', etagOf(first)).send(first);

      // Unchanged: wait for a commit that changes it, or for the hold to run out.
      const changed = await new Promise<MobileTicketView | null | 'same'>((resolve) => {
        const done = (v: MobileTicketView | null | 'same') => {
          clearTimeout(timer);
          off();
          request.raw.off('close', onClose);
          resolve(v);
        };
        const off = engine.onCommit(() => {
          const v = viewOf(token);
          if (!v || etagOf(v) !== known) done(v);
        });
        const timer = setTimeout(() => done('same'), holdMs);
        const onClose = () => done('same');
        request.raw.on('close', onClose);
      });
      // A 304 has no body at all (a "null" with its content-length would break HTTP clients).
      if (changed === 'same') return reply.code(304).send();
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
      await executeOrThrow(engine, { type: 'PostponeTicket', ticketId: token, requestId: request.body?.requestId });
      const v = viewOf(token);
      if (!v) throw noTicket();
      return v;
    });
  };
}
