import { QueueOverviewSchema, WarningSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentWarnings } from '../../../domain/queue/warnings.js';
import { queueOverview } from '../../../domain/queue/views.js';
import { requireRole } from '../auth-guard.js';
import type { HttpContext } from '../context.js';
import { responses } from '../schemas.js';

export function queueRoutes(ctx: HttpContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/queue', {
      schema: { tags: ['queue'], summary: 'Lines, windows and the hall phase right now', response: responses({ 200: QueueOverviewSchema }) },
    }, async () => {
      ctx.engine.ensureDay();
      return queueOverview(ctx.engine.state, ctx.engine.rules, ctx.config.hall.id, ctx.engine.now());
    });

    app.get('/api/warnings', {
      schema: {
        tags: ['queue'],
        summary: '红黄灯预警: long waits, long services, idle windows with visitors waiting',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(WarningSchema) }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async () => currentWarnings(ctx.engine.state, ctx.engine.rules, ctx.engine.now()));
  };
}
