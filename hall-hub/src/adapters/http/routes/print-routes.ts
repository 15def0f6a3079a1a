import {
  PrintAcceptedSchema,
  PrintGuideBodySchema,
  PrintJobViewSchema,
  PrintTicketBodySchema,
  PrinterViewSchema,
  noShowMessage,
  type PrintAccepted,
  type PrintBlock,
  type PrintJobKind,
  type PrintJobView,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { createQueueViews } from '../../../app/queue-views.js';
import { guideSheetLayout } from '../../../domain/print/guide-sheet-layout.js';
import { ticketLayout } from '../../../domain/print/ticket-layout.js';
import type { PrintJob } from '../../../ports/print-job-store.js';
import { requireDeviceOrRole, requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, notFound } from '../errors.js';
import { responses } from '../schemas.js';

const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Who asked: a job can be read back by whoever asked for it (and by managers). */
const requester = (req: FastifyRequest) => (req.device ? `device:${req.device.id}` : `user:${req.principal!.username}`);

function jobView(j: PrintJob): PrintJobView {
  return {
    jobId: j.id,
    printerId: j.printerId,
    kind: j.kind,
    status: j.status,
    createdAt: new Date(j.createdAt).toISOString(),
    attempts: j.attempts,
    lastError: j.lastError,
    doneAt: j.doneAt === null ? null : new Date(j.doneAt).toISOString(),
    interrupted: j.interrupted,
  };
}

/**
 * Printing: a kiosk (device credentials) prints tickets and guide sheets on its own printer; staff and managers
 * name the printer. Jobs are queued and answered 202 at once; the printer may be down for a while.
 */
export function printRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'credentials' | 'staffAddress' | 'deviceAddress' | 'catalog' | 'auth' | 'devices' | 'print' | 'printPreview'>): FastifyPluginAsyncTypebox {
  const requesters = requireDeviceOrRole(ctx, ['kiosk'], ['manager', 'staff']);
  const views = createQueueViews(ctx.engine);
  const hall = { name: ctx.config.hall.name, address: ctx.config.hall.address, phone: ctx.config.hall.phone, timeZone: ctx.config.hall.timeZone };

  /** The printer a request prints on, and its paper's columns (12-dot font A cells). */
  function printerFor(req: FastifyRequest, asked: string | undefined): { printerId: string; columns: number } {
    let printerId = asked;
    if (req.device) {
      const own = req.device.printer;
      if (!own) throw denied('no_printer');
      if (asked !== undefined && asked !== own) throw denied('kiosk_own_printer_only');
      printerId = own;
    }
    if (printerId === undefined) {
      throw denied('printer_required', [{ field: 'body/printerId', problem: 'is required when not printing from a kiosk' }]);
    }
    const cfg = ctx.config.printers.find((p) => p.id === printerId);
    if (!cfg || !ctx.print.has(printerId)) throw notFound('printer', '这台打印机');
    return { printerId, columns: Math.floor(cfg.widthDots / 12) };
  }

  function enqueue(req: FastifyRequest, printerId: string, kind: PrintJobKind, blocks: PrintBlock[], requestKey: string | undefined) {
    const r = ctx.print.enqueue({ printerId, kind, blocks, requestedBy: requester(req), requestKey });
    req.log.info({ job: r.job.id, printer: printerId, kind, by: r.job.requestedBy, duplicate: r.duplicate }, 'print job queued');
    const body: PrintAccepted = { jobId: r.job.id, printerId, status: r.job.status };
    return { code: r.duplicate ? 200 : 202, body };
  }

  function readableJob(req: FastifyRequest, id: string): PrintJob {
    const job = ctx.print.job(id);
    // Somebody else's job is "not found", like one that never existed: job ids say nothing to strangers.
    if (!job || (req.principal?.role !== 'manager' && job.requestedBy !== requester(req))) throw notFound('print job', '这个打印任务');
    return job;
  }

  return async (app) => {
    app.post('/api/print/ticket', {
      schema: {
        tags: ['print'],
        summary: 'Print a queue ticket (kiosk: on its own printer; staff and managers: on printerId)',
        body: PrintTicketBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 200: PrintAcceptedSchema, 202: PrintAcceptedSchema }),
      },
      preHandler: requesters,
    }, async (req, reply) => {
      const { printerId, columns } = printerFor(req, req.body.printerId);
      const t = ctx.engine.ticket(req.body.ticketId);
      if (!t) throw notFound('ticket', '这张号票');
      if (req.device && t.status !== 'waiting') throw denied('ticket_not_printable');
      const v = views.ticket(t);
      const line = ctx.config.lines.find((l) => l.id === t.lineId);
      const group = ctx.config.priorityGroups.find((g) => g.id === t.priorityGroup);
      const deptNames = new Map(ctx.catalog.index.departments().map((d) => [d.code, d.name]));
      const departments = (line?.serves.deptCodes ?? []).flatMap((code) => deptNames.get(code) ?? []);
      const blocks = ticketLayout({
        hall,
        ticket: { ...v, issuedAt: t.issuedAt, lineNameEn: line?.nameEn ?? null, departments, priorityGroup: group ?? null },
        // The phone page, at the address phones reach the hub on; the token rides in the fragment.
        qr: `${ctx.config.hall.visitorUrl ?? `${req.protocol}://${req.host}`}/m/#${t.id}`,
        noShow: noShowMessage(ctx.config.policy.noShow),
        paper: { columns },
      });
      const r = enqueue(req, printerId, 'ticket', blocks, req.body.requestId);
      return reply.status(r.code).send(r.body);
    });

    app.post('/api/print/guide', {
      schema: {
        tags: ['print'],
        summary: 'Print a service guide as a one-time notice sheet (一次性告知单)',
        body: PrintGuideBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 200: PrintAcceptedSchema, 202: PrintAcceptedSchema }),
      },
      preHandler: requesters,
    }, async (req, reply) => {
      const { printerId, columns } = printerFor(req, req.body.printerId);
      const guide = ctx.catalog.index.guide(req.body.serviceId);
      if (!guide) throw notFound('service', '这项业务');
      const blocks = guideSheetLayout(guide, { hall, printedAt: ctx.engine.now(), paper: { columns } });
      const r = enqueue(req, printerId, 'guide', blocks, req.body.requestId);
      return reply.status(r.code).send(r.body);
    });

    app.get('/api/print/jobs/:id', {
      schema: { tags: ['print'], summary: 'A print job’s status (the kiosk or account that asked for it, or a manager)', params: JobParams, security: [{ bearer: [] }], response: responses({ 200: PrintJobViewSchema }) },
      preHandler: requesters,
    }, async (req) => jobView(readableJob(req, req.params.id)));

    app.get('/api/print/jobs/:id/preview.png', {
      schema: {
        tags: ['print'],
        summary: 'What the job prints, as a PNG (what a virtual printer prints; a picture of a real printer’s paper)',
        params: JobParams,
        security: [{ bearer: [] }],
        response: {
          ...responses({}),
          200: { description: 'a PNG image, 624 dots wide on 80 mm paper', content: { 'image/png': { schema: Type.String({ format: 'binary' }) } } },
        },
      },
      preHandler: requesters,
    }, async (req, reply) => {
      const png = await ctx.printPreview(readableJob(req, req.params.id));
      return reply.type('image/png').header('cache-control', 'no-store').send(png);
    });

    app.get('/api/printers', {
      schema: { tags: ['print'], summary: 'Every printer: online, paper out (where it answers DLE EOT), jobs waiting, last error', security: [{ bearer: [] }], response: responses({ 200: Type.Array(PrinterViewSchema) }) },
      preHandler: requireRole(ctx, 'manager', 'auditor'),
    }, async () => ctx.print.printers());
  };
}
