import {
  BookAppointmentsBodySchema,
  CheckInBodySchema,
  IssueTicketBodySchema,
  TicketViewSchema,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Ticket } from '../../../domain/queue/state.js';
import { ticketView } from '../../../domain/queue/views.js';
import { guard, optionalPrincipal, requireDevice, requireRole } from '../auth-guard.js';
import { issueLimits } from '../issue-limits.js';
import { staffPosts } from '../staff-posts.js';
import type { HubDecorations } from '../hub-decorations.js';
import { HttpError, forbidden, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';
import { executeOrThrow } from './execute.js';
import { createTicketIssuing } from '../../../app/ticket-issuing.js';

const TicketId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function ticketRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'ids' | 'credentials' | 'idCards' | 'staffAddress' | 'deviceAddress' | 'catalog' | 'auth' | 'uplink' | 'devices'>): FastifyPluginAsyncTypebox {
  const view = (t: Ticket) => ticketView(ctx.engine.state, ctx.engine.rules, t);
  const staffOnly = requireRole(ctx, 'manager', 'staff');
  const kioskOnly = requireDevice(ctx, 'kiosk');
  const posts = staffPosts(ctx.config);

  /** Staff cancel and reinstate only tickets of windows they work; managers any. */
  function mayHandle(req: FastifyRequest, ticketId: string): void {
    const t = ctx.engine.ticket(ticketId);
    if (!t) throw notFound('ticket', '这张号票');
    if (!posts.mayHandleTicket(req.principal!, t, ctx.engine.state, ctx.engine.rules)) {
      throw forbidden('This ticket is not at a window you work.', '这张号票不在您工作的窗口。');
    }
  }

  const issuing = createTicketIssuing({
    engine: ctx.engine,
    catalog: ctx.catalog,
    idCards: ctx.idCards,
    protectId: (idNumber) => ctx.ids.protect(idNumber),
    phoneNotices: () => ctx.uplink.phoneNotices,
  });

  return async (app) => {
    const limits = issueLimits(app, ctx.config.server.limits);
    /**
     * Who may take a ticket: a declared kiosk (its device credential, from the device ranges) or a signed-in
     * staff member or manager (from the hall network) — each within its own rate and its address's.
     * Appointments check in on their own route, with their code.
     */
    const issuer = guard(async (req: FastifyRequest) => {
      const auth = req.headers.authorization ?? '';
      if (/^Device\s/i.test(auth)) await kioskOnly(req);
      else if (/^Bearer\s/i.test(auth)) await staffOnly(req);
      else {
        throw new HttpError(401, 'issuer_required', '请在大厅的自助取号机取号，或请工作人员代取。',
          'Tickets are taken at the hall’s kiosks or issued by staff; this request names neither.');
      }
      await limits.tickets(req);
    });

    app.post('/api/tickets', {
      schema: {
        tags: ['tickets'],
        summary: 'Take a queue ticket: a kiosk (Device credential) or signed-in staff; give lineId or serviceId',
        body: IssueTicketBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 201: TicketViewSchema }),
      },
      preHandler: issuer,
      config: { auditDevice: false },
    }, async (req, reply) => {
      const b = req.body;
      // A ticket taken with the ID card on the kiosk's reader says so (PROTOCOL.md §6): channel `id-card`.
      const channel = b.useIdCard ? 'id-card' : (b.channel ?? 'kiosk');
      if (channel === 'staff' && !req.principal) throw forbidden('Only signed-in staff issue tickets on the staff channel.', '只有登录的工作人员可以在窗口代取号。');
      const line = issuing.lineOf(b);
      if ('code' in line) throw refusalError(line);
      const lineId = line.lineId;
      if (lineId === undefined) {
        throw new HttpError(400, 'invalid_request', '请求内容有误：请指定排队业务 lineId 或事项 serviceId。',
          'Invalid request: give lineId or serviceId.', [{ field: 'body/lineId', problem: 'lineId or serviceId is required' }]);
      }
      if (b.useIdCard && b.idNumber) {
        throw new HttpError(400, 'invalid_request', '请求内容有误：idNumber 与 useIdCard 只能选一个。', 'Invalid request: give idNumber or useIdCard, not both.');
      }
      // The card just placed on the reader of the kiosk asking — taken once, never the number itself.
      if (b.useIdCard) await kioskOnly(req);
      if (b.phone === undefined && b.smsConsent) {
        throw new HttpError(400, 'invalid_request', '请求内容有误：同意短信通知时请填写手机号码。', 'Invalid request: give a phone number with smsConsent.');
      }
      const r = await issuing.issueTicket({ ...b, channel, idCardReader: b.useIdCard ? (req.device?.idReader ?? null) : undefined }, lineId);
      if (!r.ok) throw refusalError(r.refusal);
      return reply.status(r.duplicate ? 200 : 201).send(view(r.ticket));
    });

    app.get('/api/tickets/:id', {
      schema: { tags: ['tickets'], summary: 'A ticket by its id (what its QR code carries)', params: TicketId, response: responses({ 200: TicketViewSchema }) },
    }, async (req) => {
      const t = ctx.engine.ticket(req.params.id);
      if (!t) throw notFound('ticket', '这张号票');
      return view(t);
    });

    app.get('/api/tickets/by-number/:number', {
      schema: {
        tags: ['tickets'],
        summary: 'A ticket by its number, today or on a given day; personal data only for staff',
        params: Type.Object({ number: Type.String({ pattern: '^[A-Z]{1,3}[0-9]{3}$' }) }),
        querystring: Type.Object({ day: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' })) }),
        response: responses({ 200: TicketViewSchema }),
      },
      preHandler: optionalPrincipal(ctx),
    }, async (req) => {
      ctx.engine.ensureDay();
      const t = ctx.engine.ticketByNumber(req.params.number, req.query.day);
      if (!t) throw notFound('ticket', '这张号票');
      const v = view(t);
      // Numbers are easy to guess: anonymous callers never see whose ticket it is.
      return req.principal ? v : { ...v, idMasked: null };
    });

    app.post('/api/tickets/:id/reinstate', {
      schema: { tags: ['tickets'], summary: 'A missed (过号) visitor is back: rejoin after the next few waiting', params: TicketId, security: [{ bearer: [] }], response: responses({ 200: TicketViewSchema }) },
      preHandler: staffOnly,
    }, async (req) => {
      mayHandle(req, req.params.id);
      const r = await executeOrThrow(ctx.engine, { type: 'ReinstateTicket', ticketId: req.params.id }, req);
      return view(ctx.engine.ticket(r.ticketId!)!);
    });

    app.post('/api/tickets/:id/cancel', {
      schema: {
        tags: ['tickets'],
        params: TicketId,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        security: [{ bearer: [] }],
        response: responses({ 200: TicketViewSchema }),
      },
      preHandler: staffOnly,
    }, async (req) => {
      mayHandle(req, req.params.id);
      const r = await executeOrThrow(ctx.engine, { type: 'CancelTicket', ticketId: req.params.id, reason: req.body.reason }, req);
      return view(ctx.engine.ticket(r.ticketId!)!);
    });

    app.post('/api/appointments/check-in', {
      schema: { tags: ['tickets'], summary: 'Check in an appointment (预约签到) inside its slot and get a ticket (the code is the credential; rate-limited per address)', body: CheckInBodySchema, response: responses({ 201: TicketViewSchema }) },
      onRequest: limits.checkIns,
    }, async (req, reply) => {
      const r = await executeOrThrow(ctx.engine, { type: 'CheckInAppointment', code: req.body.code, requestId: req.body.requestId });
      return reply.status(r.duplicate ? 200 : 201).send(view(ctx.engine.ticket(r.ticketId!)!));
    });

    app.post('/api/admin/appointments', {
      schema: {
        tags: ['admin'],
        summary: 'Book appointments (until the provincial feed delivers them)',
        body: BookAppointmentsBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Object({ booked: Type.Integer() }) }),
      },
      preHandler: requireRole(ctx, 'manager'),
    }, async (req) => {
      let booked = 0;
      for (const a of req.body.appointments) {
        const slotStart = Date.parse(a.slotStart);
        const slotEnd = Date.parse(a.slotEnd);
        if (!(slotEnd > slotStart)) {
          throw new HttpError(422, 'invalid_slot', `预约 ${a.code} 的时段无效。`, `Appointment ${a.code}: the slot ends before it starts.`);
        }
        const r = await ctx.engine.submit({ type: 'BookAppointment', code: a.code, lineId: a.lineId, slotStart, slotEnd, name: a.name });
        if (!r.ok) throw refusalError(r.refusal);
        booked += 1;
      }
      return { booked };
    });
  };
}
