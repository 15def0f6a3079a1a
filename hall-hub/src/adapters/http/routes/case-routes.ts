import rateLimit from '@fastify/rate-limit';
import { CaseNoSchema, CaseProgressSchema, CaseQuerySchema, type CaseProgress } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rateLimited } from '../../../app/request-refusals.js';
import { requireDeviceOrRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, refusalError } from '../errors.js';
import { responses } from '../schemas.js';

type Ctx = Pick<HubDecorations, 'credentials' | 'staffAddress' | 'deviceAddress' | 'auth' | 'uplink' | 'devices'>;

/** lookups a minute from one address on the phone page: enough for a person, too few to guess ID digits */
const PHONE_PER_MINUTE = 10;

/**
 * 办件查询: a kiosk (or staff) asks the province where a case stands, through the hub; the applicant's phone asks
 * the same with the last four characters of the ID number, which the phone must give. A 并联审批 case the hall
 * supervises comes with each department's step, state and light (the applicant masked as everywhere).
 */
export function caseRoutes(ctx: Ctx): FastifyPluginAsyncTypebox {
  const guard = requireDeviceOrRole(ctx, ['kiosk'], ['manager', 'staff']);

  async function lookup(caseNo: string, idLast4: string | null, log: FastifyBaseLogger): Promise<CaseProgress> {
    const cases = ctx.uplink.cases;
    if (!cases) {
      throw denied('province_unavailable');
    }
    const r = await cases.lookup(caseNo, idLast4);
    if (r.status === 'found') {
      // Only a case the province found (with its privacy check) gains the hall's steps.
      const parallel = ctx.uplink.supervision?.parallelOf(r.case.caseNo) ?? null;
      return parallel ? { ...r.case, parallel } : r.case;
    }
    if (r.status === 'not-found') {
      throw denied('case_not_found');
    }
    log.warn({ error: r.error }, 'case query: province not reachable');
    throw denied('province_unavailable');
  }

  // Its own context: the phone's lookups have their own, stricter, rate limit.
  const phoneRoutes: FastifyPluginAsyncTypebox = async (phone) => {
    await phone.register(rateLimit, {
      max: PHONE_PER_MINUTE,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, rl) => refusalError({ ...rateLimited(Math.ceil(rl.ttl / 1000)), details: undefined }),
    });
    phone.get('/api/m/cases/:caseNo', {
      schema: {
        tags: ['mobile'],
        summary: 'The phone page follows a case: the same answer as the kiosk’s, asked with the last four characters of the ID number (required)',
        params: Type.Object({ caseNo: CaseNoSchema }),
        querystring: Type.Object({ idLast4: Type.String({ pattern: '^[0-9]{3}[0-9Xx]$' }) }, { additionalProperties: false }),
        response: responses({ 200: CaseProgressSchema }),
      },
    }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return lookup(req.params.caseNo, req.query.idLast4, req.log);
    });
  };

  return async (app) => {
    app.get('/api/cases/:caseNo', {
      schema: {
        tags: ['cases'],
        summary: 'Where a case (办件) stands at the provincial platform, with its 并联审批 steps; answers are cached briefly',
        params: Type.Object({ caseNo: CaseNoSchema }),
        querystring: CaseQuerySchema,
        response: responses({ 200: CaseProgressSchema }),
      },
      preHandler: guard,
    }, async (req) => lookup(req.params.caseNo, req.query.idLast4 ?? null, req.log));

    await app.register(phoneRoutes);
  };
}
