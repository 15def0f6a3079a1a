import { CaseBoardSchema, CaseWarningSchema, HandleCaseWarningSchema, ParallelBoardSchema, SupervisionViewSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireDeviceOrRole, requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { deny } from '../../../app/request-refusals.js';
import { refusalError } from '../errors.js';
import { responses } from '../schemas.js';

const off = () => refusalError(deny('supervision_off'));

/**
 * 办件监督: the managers' supervision page (lights per department, cases near and past their limit, warnings and
 * their handling) and the walls' 办件公示 board (masked, nothing personal beyond the mask).
 */
export function supervisionRoutes(ctx: Pick<HubDecorations, 'credentials' | 'staffAddress' | 'deviceAddress' | 'auth' | 'uplink' | 'devices' | 'audit' | 'engine'>): FastifyPluginAsyncTypebox {
  const managers = requireRole(ctx, 'manager', 'auditor');
  const handlers = requireRole(ctx, 'manager');
  const boardReaders = requireDeviceOrRole(ctx, ['hall-wall', 'zone-wall'], ['manager', 'staff', 'auditor']);
  const supervision = () => ctx.uplink.supervision ?? (() => { throw off(); })();
  return async (app) => {
    app.get('/api/supervision', {
      schema: { tags: ['supervision'], summary: '动态监控 / 超时预警: lights per department, cases near and past their limit, warnings', security: [{ bearer: [] }], response: responses({ 200: SupervisionViewSchema }) },
      preHandler: managers,
    }, async () => supervision().view());

    app.post('/api/supervision/sync', {
      schema: { tags: ['supervision'], summary: 'Ask the province for case changes now and recompute the lights', security: [{ bearer: [] }], response: responses({ 200: SupervisionViewSchema }) },
      preHandler: handlers,
    }, async () => {
      const s = supervision();
      await s.sync();
      return s.view();
    });

    app.post('/api/supervision/warnings/:id/handle', {
      schema: {
        tags: ['supervision'],
        summary: 'Record what was done about a case warning (全程留痕)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: HandleCaseWarningSchema,
        security: [{ bearer: [] }],
        response: responses({ 200: CaseWarningSchema }),
      },
      preHandler: handlers,
    }, async (req) => {
      const p = req.principal!;
      const row = supervision().handle(req.params.id, p.username, req.body.note);
      if (!row) throw refusalError(deny('warning_not_open'));
      ctx.audit.append({ at: ctx.engine.now(), actor: p.username, role: p.role, action: 'case warning handled', target: row.caseNo, outcome: 'ok', address: req.ip, detail: { warning: row.id, light: row.light } });
      return row;
    });

    app.get('/api/supervision/board', {
      schema: { tags: ['supervision'], summary: '办件公示: recently accepted and finished cases (masked) and on-time rates', response: responses({ 200: CaseBoardSchema }) },
      preHandler: boardReaders,
    }, async () => supervision().board());

    app.get('/api/supervision/parallel', {
      schema: { tags: ['supervision'], summary: '并联审批: each project’s department steps with state and 红黄灯 (applicant masked), for the zone’s wall', response: responses({ 200: ParallelBoardSchema }) },
      preHandler: boardReaders,
    }, async () => supervision().parallel());
  };
}
