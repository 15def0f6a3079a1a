import { RongqueAcceptedSchema, RongqueBodySchema, RongqueDeskViewSchema, RongqueViewSchema, WindowParamsSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { refusalError } from '../errors.js';
import { deny, notFoundRefusal } from '../../../app/request-refusals.js';
import { createStaffAccess } from '../../../app/staff-access.js';
import { responses } from '../schemas.js';
import { staffPosts } from '../staff-posts.js';
import { rongqueNoticeLayout } from '../../../domain/print/rongque-notice-layout.js';
import { waivableMaterials } from '../../../domain/rongque/rongque-acceptance.js';
import { createQueueViews } from '../../../app/queue-views.js';

const off = () => refusalError(deny('rongque_off'));

/**
 * 容缺受理: staff accept the ticket in hand at their window with materials missing (only staff posted at that
 * window); managers see the open cases and the overdue supplies, and record a supply.
 */
export function rongqueRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth' | 'uplink' | 'audit' | 'print' | 'catalog'>): FastifyPluginAsyncTypebox {
  const access = createStaffAccess(ctx.engine, staffPosts(ctx.config));
  const views = createQueueViews(ctx.engine);
  const staff = requireRole(ctx, 'manager', 'staff');
  const managers = requireRole(ctx, 'manager', 'auditor');
  const desk = () => ctx.uplink.rongque ?? (() => { throw off(); })();
  return async (app) => {
    app.get('/api/windows/:no/rongque', {
      schema: {
        tags: ['windows'],
        summary: '容缺受理 at this window: the ticket in hand, the business types served here with the materials their guides mark 容缺, the default deadline, the window’s printer',
        params: WindowParamsSchema,
        security: [{ bearer: [] }],
        response: responses({ 200: RongqueDeskViewSchema }),
      },
      preHandler: staff,
    }, async (req) => {
      const no = req.params.no;
      const refused = access.refuseOperating(req.principal!, no);
      if (refused) throw refusalError(refused);
      const d = desk();
      const inHand = views.window(no).currentTicket;
      const services = ctx.catalog.index
        .allGuides()
        .filter((g) => g.windows.some((x) => x.no === no))
        .map((g) => ({ id: g.id, name: g.name, deptName: g.deptName, materials: waivableMaterials(g) }))
        .filter((g) => g.materials.length > 0);
      const printer = ctx.config.printers.find((x) => x.window === no && ctx.print.has(x.id));
      return {
        windowNo: no,
        ticketNo: inHand,
        services,
        supplyWorkingDays: ctx.config.uplink.rongque.supplyWorkingDays,
        printerId: printer?.id ?? null,
        sms: ctx.config.uplink.notices.enabled,
        credit: d.creditStatus().fetchedAt !== null,
      };
    });

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
      const refused = access.refuseOperating(p, no);
      if (refused) throw refusalError(refused);
      const printer = req.body.printerId === undefined ? null : ctx.config.printers.find((x) => x.id === req.body.printerId);
      if (printer === undefined || (printer && !ctx.print.has(printer.id))) throw refusalError(notFoundRefusal('printer', '这台打印机'));
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
        printJobId = ctx.print.enqueue({ printerId: printer.id, kind: 'rongque-notice', blocks, requestedBy: `user:${p.username}`, requestKey: `rongque:${r.record.id}` }).job.id;
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
      if (!desk().supplied(req.params.id)) throw refusalError(deny('rongque_not_open'));
      const p = req.principal!;
      ctx.audit.append({ at: ctx.engine.now(), actor: p.username, role: p.role, action: 'rongque supplied', target: req.params.id, outcome: 'ok', address: req.ip, detail: {} });
      return reply.code(204).send(null);
    });
  };
}
