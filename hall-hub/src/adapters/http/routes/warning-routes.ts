import { WarningGroupActionBodySchema, WarningGroupActionSchema, WarningGroupKeySchema, WarningGroupsViewSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth-guard.js';
import { refusalError } from '../errors.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

/**
 * 红黄灯 as a workflow: the floor's warning groups (managers, auditors), a staff member's own groups (the caller),
 * and the actions on a group — acknowledge (staff, on their own groups), assign and escalate (managers) — each
 * recorded with who and when and written to the audit log.
 */
export function warningRoutes(ctx: Pick<HubDecorations, 'staffAddress' | 'auth' | 'audit' | 'engine' | 'warningDesk'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/warnings/groups', {
      schema: { tags: ['queue'], summary: '红黄灯 grouped per line and per window, with what was done about each group', security: [{ bearer: [] }], response: responses({ 200: WarningGroupsViewSchema }) },
      preHandler: requireRole(ctx, 'manager', 'auditor'),
    }, async () => ctx.warningDesk.view());

    app.get('/api/warnings/mine', {
      schema: { tags: ['queue'], summary: 'The signed-in staff member’s warning groups: their windows and the lines those windows serve', security: [{ bearer: [] }], response: responses({ 200: WarningGroupsViewSchema }) },
      preHandler: requireRole(ctx, 'staff', 'manager'),
    }, async (req) => ctx.warningDesk.mine(req.principal!.staffNo));

    app.post('/api/warnings/groups/:key/actions', {
      schema: {
        tags: ['queue'],
        summary: 'Acknowledge, assign or escalate a warning group (全程留痕)',
        params: Type.Object({ key: WarningGroupKeySchema }),
        body: WarningGroupActionBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 201: WarningGroupActionSchema }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff'),
    }, async (req, reply) => {
      const p = req.principal!;
      const r = ctx.warningDesk.act(req.params.key, req.body, p);
      const entry = { at: ctx.engine.now(), actor: p.username, role: p.role, action: `warning group ${req.body.action}`, target: req.params.key, address: req.ip };
      if (!r.ok) {
        ctx.audit.append({ ...entry, outcome: 'refused', detail: { code: r.refusal.code } });
        throw refusalError(r.refusal);
      }
      ctx.audit.append({ ...entry, outcome: 'ok', detail: { action: r.action.id, assignee: r.action.assignee } });
      return reply.code(201).send(r.action);
    });
  };
}
