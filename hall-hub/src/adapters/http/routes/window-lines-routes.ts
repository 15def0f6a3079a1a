import { LineMoveSchema, WindowActionResultSchema, WindowLinesBodySchema, WindowParamsSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createWindowLines } from '../../../app/window-lines.js';
import { createQueueViews } from '../../../app/queue-views.js';
import { createStaffAccess } from '../../../app/staff-access.js';
import { requireRole } from '../auth-guard.js';
import { refusalError } from '../errors.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';
import { staffPosts } from '../staff-posts.js';

/** 弹性窗口: change the lines a window serves (effective at its next call), and the moves proposed for red lines. */
export function windowLinesRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth'>): FastifyPluginAsyncTypebox {
  const { engine } = ctx;
  const lines = createWindowLines({ engine });
  const access = createStaffAccess(engine, staffPosts(ctx.config));
  const views = createQueueViews(engine);
  return async (app) => {
    app.post('/api/windows/:no/lines', {
      schema: {
        tags: ['windows'],
        summary: '弹性窗口: the lines this window serves, in order, from its next call on (managers; staff with the right)',
        params: WindowParamsSchema,
        body: WindowLinesBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 200: WindowActionResultSchema }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff'),
    }, async (req) => {
      const p = req.principal!;
      const no = access.refuseOperating(p, req.params.no);
      if (no) throw refusalError(no);
      const r = await lines.assign(p, req.params.no, req.body.lines, req.body.requestId);
      if (!r.ok) throw refusalError(r.refusal);
      return { window: views.window(req.params.no), ticket: null };
    });

    app.get('/api/line-moves', {
      schema: {
        tags: ['windows'],
        summary: '弹性窗口: idle windows that could take on each red line now, one tap to apply',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(LineMoveSchema) }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async () => lines.proposals());
  };
}
