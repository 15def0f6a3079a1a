import { CaseNoSchema, CaseProgressSchema, CaseQuerySchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireDeviceOrRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { HttpError } from '../errors.js';
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
        throw new HttpError(503, 'province_unavailable', '暂时无法连接省政务服务平台，请稍后再试，或到综合窗口咨询。',
          'The provincial platform cannot be reached right now; please try again later or ask at the information desk.');
      }
      const r = await cases.lookup(req.params.caseNo, req.query.idLast4 ?? null);
      if (r.status === 'found') return r.case;
      if (r.status === 'not-found') {
        throw new HttpError(404, 'case_not_found', '没有查到这个办件，请核对回执上的办件编号（和身份证后四位）。',
          'No case was found. Please check the case number on your receipt (and the last four characters of your ID number).');
      }
      req.log.warn({ error: r.error }, 'case query: province not reachable');
      throw new HttpError(503, 'province_unavailable', '暂时无法连接省政务服务平台，请稍后再试，或到综合窗口咨询。',
        'The provincial platform cannot be reached right now; please try again later or ask at the information desk.');
    });
  };
}
