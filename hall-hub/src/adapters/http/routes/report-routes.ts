import {
  DailyCsvQuerySchema,
  DailyReportQuerySchema,
  MonthlyCsvQuerySchema,
  MonthlyReportQuerySchema,
  ReportSchema,
  type Report,
} from '@hall/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

const ERRORS_ONLY = responses({});

/** RFC 6266: an ASCII fallback name and the real one, UTF-8 percent-encoded. */
function attachment(reply: FastifyReply, name: string): void {
  reply.header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

/**
 * Daily and monthly reports — per department, window, staff member and line; tickets, waits, service times,
 * 好差评 and 红黄灯 — as JSON, CSV (UTF-8 with BOM, for Excel) and PDF. Managers and auditors only;
 * downloads are audited (they carry staff performance data out of the hub).
 */
export function reportRoutes(ctx: Pick<HubDecorations, 'engine' | 'audit' | 'staffAddress' | 'auth' | 'reports'>): FastifyPluginAsyncTypebox {
  const readers = requireRole(ctx, 'manager', 'auditor');
  const { reports } = ctx;

  function audited(req: FastifyRequest, what: string): void {
    const p = req.principal!;
    ctx.audit.append({
      at: ctx.engine.now(),
      actor: p.username,
      role: p.role,
      action: 'report export',
      target: what,
      outcome: 'ok',
      address: req.ip,
      detail: undefined,
    });
  }

  const slug = (r: Report) => (r.kind === 'daily' ? `日报-${r.from}` : `月报-${r.from.slice(0, 7)}`);

  return async (app) => {
    app.get('/api/reports/daily', {
      schema: { tags: ['reports'], summary: 'A day’s report (default today): totals, per department/window/staff/line, per hour, ranking', querystring: DailyReportQuerySchema, security: [{ bearer: [] }], response: responses({ 200: ReportSchema }) },
      preHandler: readers,
    }, async (req) => reports.daily(req.query.day));

    app.get('/api/reports/monthly', {
      schema: { tags: ['reports'], summary: 'A month’s report (default this month) with the department ranking sent to the province', querystring: MonthlyReportQuerySchema, security: [{ bearer: [] }], response: responses({ 200: ReportSchema }) },
      preHandler: readers,
    }, async (req) => reports.monthly(req.query.month));

    const csv = (r: Report, by: Parameters<typeof reports.csv>[1], req: FastifyRequest, reply: FastifyReply) => {
      audited(req, `${slug(r)} ${by}.csv`);
      attachment(reply, `${slug(r)}-${by}.csv`);
      return reply.type('text/csv; charset=utf-8').send(reports.csv(r, by));
    };
    const pdf = async (r: Report, req: FastifyRequest, reply: FastifyReply) => {
      audited(req, `${slug(r)}.pdf`);
      const bytes = await reports.pdf(r);
      attachment(reply, `${slug(r)}.pdf`);
      return reply.type('application/pdf').send(bytes);
    };

    app.get('/api/reports/daily.csv', {
      schema: { tags: ['reports'], summary: 'One table of a day’s report as CSV', querystring: DailyCsvQuerySchema, security: [{ bearer: [] }], response: ERRORS_ONLY },
      preHandler: readers,
    }, async (req, reply) => csv(reports.daily(req.query.day), req.query.by, req, reply));

    app.get('/api/reports/monthly.csv', {
      schema: { tags: ['reports'], summary: 'One table of a month’s report as CSV (by=ranking: the department ranking)', querystring: MonthlyCsvQuerySchema, security: [{ bearer: [] }], response: ERRORS_ONLY },
      preHandler: readers,
    }, async (req, reply) => csv(reports.monthly(req.query.month), req.query.by, req, reply));

    app.get('/api/reports/daily.pdf', {
      schema: { tags: ['reports'], summary: 'A day’s report as PDF', querystring: DailyReportQuerySchema, security: [{ bearer: [] }], response: ERRORS_ONLY },
      preHandler: readers,
    }, async (req, reply) => pdf(reports.daily(req.query.day), req, reply));

    app.get('/api/reports/monthly.pdf', {
      schema: { tags: ['reports'], summary: 'A month’s report as PDF', querystring: MonthlyReportQuerySchema, security: [{ bearer: [] }], response: ERRORS_ONLY },
      preHandler: readers,
    }, async (req, reply) => pdf(reports.monthly(req.query.month), req, reply));
  };
}
