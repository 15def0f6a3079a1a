import { RongqueAcceptedSchema, RongqueBodySchema, RongqueViewSchema, WindowParamsSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { HttpError, forbidden, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';
import { staffPosts } from '../staff-posts.js';
import { rongqueNoticeLayout } from '../../../domain/print/rongque-notice-layout.js';

const off = () =>
  new HttpError(503, 'rongque_off', '容缺受理需要省平台连接（信用名单），当前未配置。', '容缺受理 needs the province link (its credit lists), which is not configured.');

/**
 * 容缺受理: staff accept the ticket in hand at their window with materials missing (only staff posted at that
 * window); managers see the open cases and the overdue supplies, and record a supply.
 */
export function rongqueRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth' | 'uplink' | 'audit' | 'print'>): FastifyPluginAsyncTypebox {
  const posts = staffPosts(ctx.config);
  const staff = requireRole(ctx, 'manager', 'staff');
  const managers = requireRole(ctx, 'manager', 'auditor');
  const desk = () => ctx.uplink.rongque ?? (() => { throw off(); })();
  return async (app) => {
    app.post('/api/windows/:no/rongque', {
      schema: {
        tags: ['windows'],
        summary: '容缺受理: accept the ticket in hand with named missing materials; a blacklisted applicant is refused with the reason',
        params: WindowParamsSchema,
        body: RongqueBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 201: RongqueAcceptedSchema }),
      },
      preHandler: staff,
    }, async (req, reply) => {
      const p = req.principal!;
      const no = req.params.no;
      if (!ctx.engine.rules.windows.has(no)) throw notFound('window', '这个窗口');
      if (!posts.mayOperate(p, no, ctx.engine.state)) throw forbidden('You are not posted at this window.', '您不在这个窗口的岗位上。');
      const printer = req.body.printerId === undefined ? null : ctx.config.printers.find((x) => x.id === req.body.printerId);
      if (printer === undefined || (printer && !ctx.print.has(printer.id))) throw notFound('printer', '这台打印机');
      const r = desk().accept(no, req.body);
      ctx.audit.append({
        at: ctx.engine.now(),
        actor: p.username,
        role: p.role,
        action: 'rongque accept',
        target: `${no}:${req.body.ticketNo}`,
        outcome: r.ok ? 'ok' : 'refused',
        address: req.ip,
        detail: { serviceId: req.body.serviceId, missing: req.body.missing, ...(r.ok ? { id: r.record.id } : { refusal: r.refusal.code }) },
      });
      if (!r.ok) throw refusalError(r.refusal);
      let printJobId: string | null = null;
      if (printer) {
        const hall = { name: ctx.config.hall.name, phone: ctx.config.hall.phone ?? null, timeZone: ctx.config.hall.timeZone };
        const blocks = rongqueNoticeLayout(r.record, { hall, deadlineDay: r.deadlineDay, paper: { columns: Math.floor(printer.widthDots / 12) } });
        printJobId = ctx.print.enqueue({ printerId: printer.id, kind: 'rongque-notice', blocks, requestedBy: p.username, requestKey: `rongque:${r.record.id}` }).job.id;
      }
      return reply.code(201).send({ record: r.record, deadlineDay: r.deadlineDay, sms: r.sms, printJobId });
    });

    app.get('/api/rongque', {
      schema: { tags: ['supervision'], summary: '容缺 cases awaiting their materials, and the overdue supplies', security: [{ bearer: [] }], response: responses({ 200: RongqueViewSchema }) },
      preHandler: managers,
    }, async () => {
      const d = desk();
      const cases = d.open();
      return { at: new Date(ctx.engine.now()).toISOString(), open: cases.length, overdue: cases.filter((c) => c.state === 'overdue').length, cases, credit: d.creditStatus() };
    });

    app.post('/api/rongque/:id/supplied', {
      schema: { tags: ['supervision'], summary: 'Record that a 容缺 case’s missing materials came', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }), security: [{ bearer: [] }], response: responses({ 204: Type.Null() }) },
      preHandler: requireRole(ctx, 'manager', 'staff'),
    }, async (req, reply) => {
      if (!desk().supplied(req.params.id)) throw new HttpError(404, 'rongque_not_open', '没有这件待补齐的容缺件。', 'No open 容缺 case with this id.');
      const p = req.principal!;
      ctx.audit.append({ at: ctx.engine.now(), actor: p.username, role: p.role, action: 'rongque supplied', target: req.params.id, outcome: 'ok', address: req.ip, detail: {} });
      return reply.code(204).send(null);
    });
  };
}
