import {
  BadReasonSchema,
  EvaluationFiguresSchema,
  EvaluationViewSchema,
  FigureGroupingSchema,
  FollowUpStatusSchema,
  FollowUpViewSchema,
  NoteBodySchema,
  RateBodySchema,
  TicketEvaluationStatusSchema,
  VerifyBodySchema,
  WindowRateBodySchema,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateResult } from '../../../app/evaluation-service.js';
import { hallTime } from '../../../domain/time/hall-time.js';
import { requireDevice, requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';

// format 'date' checks the calendar (no 2026-02-30), which the pattern alone cannot.
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'YYYY-MM-DD, hall time' });
const TicketId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const FollowUpId = Type.Object({ id: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}-[A-Z]{1,3}[0-9]{3}$', description: 'day-number, e.g. 2026-11-23-A001' }) });

/**
 * 好差评: visitors rate (the ticket's QR, the window screen or a tablet; the evaluator comes over MQTT);
 * managers read the figures and follow up 差评. One rating per served ticket, whatever the channel.
 */
export function evaluationRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'credentials' | 'staffAddress' | 'deviceAddress' | 'auth' | 'uplink' | 'devices'>): FastifyPluginAsyncTypebox {
  const ev = ctx.uplink.evaluations;
  const readers = requireRole(ctx, 'manager', 'auditor');
  const managers = requireRole(ctx, 'manager');
  const screens = requireDevice(ctx, 'window-screen');
  const today = () => hallTime(ctx.engine.now(), ctx.config.hall.timeZone).day;
  const unwrap = (r: RateResult) => {
    if (!r.ok) throw refusalError(r.refusal);
    return r;
  };

  return async (app) => {
    app.get('/api/evaluations/reasons', {
      schema: { tags: ['evaluations'], summary: '差评 reasons a visitor may pick', response: responses({ 200: Type.Array(BadReasonSchema) }) },
    }, async () => ctx.config.evaluation.badReasons.map(({ code, name, nameEn }) => ({ code, name, nameEn })));

    app.get('/api/tickets/:id/evaluation', {
      schema: {
        tags: ['evaluations'],
        summary: 'May this ticket be rated (the page behind the ticket’s QR)? not-served, open, rated or unrated (未评价)',
        params: TicketId,
        response: responses({ 200: TicketEvaluationStatusSchema }),
      },
    }, async (req) => {
      const s = ev.status(req.params.id);
      if (!s) throw notFound('ticket', '这张号票');
      return s;
    });

    app.post('/api/tickets/:id/evaluation', {
      schema: {
        tags: ['evaluations'],
        summary: 'Rate a served ticket by its QR (一次一评: refused if not yet served, already rated, or too late)',
        params: TicketId,
        body: RateBodySchema,
        response: responses({ 201: EvaluationViewSchema, 200: EvaluationViewSchema }),
      },
    }, async (req, reply) => {
      const r = unwrap(await ev.rateTicket(req.params.id, req.body, 'qr'));
      return reply.status(r.duplicate ? 200 : 201).send(ev.view(r.evaluation));
    });

    app.post('/api/windows/:no/evaluation', {
      schema: {
        tags: ['evaluations'],
        summary: 'Rate from the window screen or a tablet at the window (Authorization: Device <id>:<token>): the ticket named, or the one just served there',
        params: Type.Object({ no: Type.String({ minLength: 1, maxLength: 16 }) }),
        body: WindowRateBodySchema,
        response: responses({ 201: EvaluationViewSchema, 200: EvaluationViewSchema }),
      },
      preHandler: screens,
    }, async (req, reply) => {
      if (req.device?.window !== req.params.no) {
        throw denied('not_this_window');
      }
      const r = unwrap(await ev.rateAtWindow(req.params.no, req.body));
      return reply.status(r.duplicate ? 200 : 201).send(ev.view(r.evaluation));
    });

    app.get('/api/evaluations', {
      schema: {
        tags: ['evaluations'],
        summary: 'Evaluations, newest first (by service day)',
        querystring: Type.Object({
          from: Type.Optional(Day),
          to: Type.Optional(Day),
          windowNo: Type.Optional(Type.String({ maxLength: 16 })),
          staffNo: Type.Optional(Type.String({ maxLength: 32 })),
          bad: Type.Optional(Type.Boolean({ description: 'only 差评' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
        }),
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(EvaluationViewSchema) }),
      },
      preHandler: readers,
    }, async (req) => {
      const q = req.query;
      return ev.list({ fromDay: q.from ?? today(), toDay: q.to ?? q.from ?? today(), windowNo: q.windowNo, staffNo: q.staffNo, badOnly: q.bad, limit: q.limit });
    });

    app.get('/api/evaluations/figures', {
      schema: {
        tags: ['evaluations'],
        summary: '好评率, 主动评价好评率, 未评价率 per window, staff, department, day or month (by service day)',
        querystring: Type.Object({
          by: Type.Optional(FigureGroupingSchema),
          from: Type.Optional(Day),
          to: Type.Optional(Day),
        }),
        security: [{ bearer: [] }],
        response: responses({ 200: EvaluationFiguresSchema }),
      },
      preHandler: readers,
    }, async (req) => {
      const from = req.query.from ?? today();
      const to = req.query.to ?? (req.query.from ? from : today());
      if (to < from) throw denied('dates_reversed');
      return ev.figures(req.query.by ?? 'window', from, to);
    });

    app.get('/api/evaluations/follow-ups', {
      schema: {
        tags: ['evaluations'],
        summary: '差评 follow-ups (verify, rectify, reply), earliest deadline first; attention=true: overdue or due soon only',
        querystring: Type.Object({
          status: Type.Optional(FollowUpStatusSchema),
          attention: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
        }),
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(FollowUpViewSchema) }),
      },
      preHandler: readers,
    }, async (req) => ev.followUps(req.query));

    app.get('/api/evaluations/follow-ups/summary', {
      schema: {
        tags: ['evaluations'],
        summary: '超时预警: open follow-ups, how many are overdue and how many due soon',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), dueSoon: Type.Integer() }) }),
      },
      preHandler: readers,
    }, async () => ev.attention());

    app.get('/api/evaluations/follow-ups/:id', {
      schema: { tags: ['evaluations'], params: FollowUpId, security: [{ bearer: [] }], response: responses({ 200: FollowUpViewSchema }) },
      preHandler: readers,
    }, async (req) => {
      const f = ev.followUp(req.params.id);
      if (!f) throw notFound('follow-up', '这条差评处理记录');
      return f;
    });

    const step = (path: 'verify' | 'rectify' | 'reply', summary: string) =>
      app.post(`/api/evaluations/follow-ups/:id/${path}`, {
        schema: {
          tags: ['evaluations'],
          summary,
          params: FollowUpId,
          body: path === 'verify' ? VerifyBodySchema : NoteBodySchema,
          security: [{ bearer: [] }],
          response: responses({ 200: FollowUpViewSchema }),
        },
        preHandler: managers,
      }, async (req) => {
        const by = req.principal!.username;
        const body = req.body as { note: string; finding?: 'confirmed' | 'unfounded' };
        const r = ev.advance(
          req.params.id,
          path === 'verify' ? { type: 'verify', finding: body.finding ?? 'confirmed', note: body.note, by } : { type: path, note: body.note, by },
        );
        if (!r.ok) throw refusalError(r.refusal);
        return r.followUp;
      });
    step('verify', '核实: record what verification found (confirmed, or unfounded)');
    step('rectify', '整改: record what was put right');
    step('reply', '回复: record the reply to the visitor; closes the follow-up');
  };
}
