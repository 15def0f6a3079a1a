import {
  BookAppointmentsBodySchema,
  CheckInBodySchema,
  IssueTicketBodySchema,
  TicketViewSchema,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { createQueueActions } from '../../../app/queue-actions.js';
import { createQueueViews } from '../../../app/queue-views.js';
import { invalidSlot } from '../../../app/request-refusals.js';
import { createStaffAccess } from '../../../app/staff-access.js';
import { createTicketIssuing } from '../../../app/ticket-issuing.js';
import { guard, optionalPrincipal, requireDevice, requireRole } from '../auth-guard.js';
import { issueLimits } from '../issue-limits.js';
import { staffPosts } from '../staff-posts.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';
import { orThrow } from './execute.js';

const TicketId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function ticketRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'ids' | 'credentials' | 'idCards' | 'staffAddress' | 'deviceAddress' | 'catalog' | 'auth' | 'uplink' | 'devices'>): FastifyPluginAsyncTypebox {
  const views = createQueueViews(ctx.engine);
  const actions = createQueueActions(ctx.engine);
  const access = createStaffAccess(ctx.engine, staffPosts(ctx.config));
  const staffOnly = requireRole(ctx, 'manager', 'staff');
  const kioskOnly = requireDevice(ctx, 'kiosk');
  /** its view, once the use case has written it */
  const viewOf = (ticketId: string | null) => views.ticketById(ticketId!)!;

  /** Staff cancel and reinstate only tickets of windows they work; managers any. */
  function mayHandle(req: FastifyRequest, ticketId: string): void {
    const no = access.refuseHandling(req.principal!, ticketId);
    if (no) throw refusalError(no);
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
      else throw denied('issuer_required');
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
      if (channel === 'staff' && !req.principal) throw denied('staff_channel_needs_staff');
      const line = issuing.lineOf(b);
      if ('code' in line) throw refusalError(line);
      const lineId = line.lineId;
      if (lineId === undefined) throw denied('line_or_service_required', [{ field: 'body/lineId', problem: 'lineId or serviceId is required' }]);
      if (b.useIdCard && b.idNumber) throw denied('id_number_or_card');
      // The card just placed on the reader of the kiosk asking — taken once, never the number itself.
      if (b.useIdCard) await kioskOnly(req);
      if (b.phone === undefined && b.smsConsent) throw denied('phone_for_sms');
      const r = await issuing.issueTicket({ ...b, channel, idCardReader: b.useIdCard ? (req.device?.idReader ?? null) : undefined }, lineId);
      if (!r.ok) throw refusalError(r.refusal);
      return reply.status(r.duplicate ? 200 : 201).send(views.ticket(r.ticket));
    });

    app.get('/api/tickets/:id', {
      schema: { tags: ['tickets'], summary: 'A ticket by its id (what its QR code carries)', params: TicketId, response: responses({ 200: TicketViewSchema }) },
    }, async (req) => {
      return views.ticketById(req.params.id) ?? Promise.reject(notFound('ticket', '这张号票'));
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
      const v = views.ticket(t);
      // Numbers are easy to guess: anonymous callers never see whose ticket it is.
      return req.principal ? v : { ...v, idMasked: null };
    });

    app.post('/api/tickets/:id/reinstate', {
      schema: { tags: ['tickets'], summary: 'A missed (过号) visitor is back: rejoin after the next few waiting', params: TicketId, security: [{ bearer: [] }], response: responses({ 200: TicketViewSchema }) },
      preHandler: staffOnly,
    }, async (req) => {
      mayHandle(req, req.params.id);
      const r = await orThrow(actions.reinstateTicket(req.params.id), req, 'ReinstateTicket');
      return viewOf(r.ticketId);
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
      const r = await orThrow(actions.cancelTicket(req.params.id, req.body.reason), req, 'CancelTicket');
      return viewOf(r.ticketId);
    });

    app.post('/api/appointments/check-in', {
      schema: { tags: ['tickets'], summary: 'Check in an appointment (预约签到) inside its slot and get a ticket (the code is the credential; rate-limited per address)', body: CheckInBodySchema, response: responses({ 201: TicketViewSchema }) },
      onRequest: limits.checkIns,
    }, async (req, reply) => {
      const r = await orThrow(actions.checkInAppointment(req.body.code, req.body.requestId));
      return reply.status(r.duplicate ? 200 : 201).send(viewOf(r.ticketId));
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
        if (!(slotEnd > slotStart)) throw refusalError(invalidSlot(a.code));
        await orThrow(actions.bookAppointment({ code: a.code, lineId: a.lineId, slotStart, slotEnd, name: a.name }));
        booked += 1;
      }
      return { booked };
    });
  };
}
