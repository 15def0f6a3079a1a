import { CaseNoSchema, CaseProgressSchema, CaseQuerySchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireDeviceOrRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied } from '../errors.js';
import { responses } from '../schemas.js';

/** 办件查询: a kiosk (or staff) asks the province where a case stands, through the hub. */
export function caseRoutes(ctx: Pick<HubDecorations, 'credentials' | 'staffAddress' | 'deviceAddress' | 'auth' | 'uplink' | 'devices'>): FastifyPluginAsyncTypebox {
  const guard = requireDeviceOrRole(ctx, ['kiosk'], ['manager', 'staff']);
  return async (app) => {
    app.get('/api/cases/:caseNo', {
      schema: {
        tags: ['cases'],
        summary: 'Where a case (办件) stands at the provincial platform; answers are cached briefly',
        params: Type.Object({ caseNo: CaseNoSchema }),
        querystring: CaseQuerySchema,
        response: responses({ 200: CaseProgressSchema }),
      },
      preHandler: guard,
    }, async (req) => {
      const cases = ctx.uplink.cases;
      if (!cases) {
        throw denied('province_unavailable');
      }
      const r = await cases.lookup(req.params.caseNo, req.query.idLast4 ?? null);
      if (r.status === 'found') return r.case;
      if (r.status === 'not-found') {
        throw denied('case_not_found');
      }
      req.log.warn({ error: r.error }, 'case query: province not reachable');
      throw denied('province_unavailable');
    });
  };
}
