import { QueueOverviewSchema, WarningSchema, type Warning } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createQueueViews } from '../../../app/queue-views.js';
import { VISITOR_URL_MISSING, printerWarnings } from '../../../domain/print/printer-warnings.js';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

export function queueRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth' | 'print'>): FastifyPluginAsyncTypebox {
  const views = createQueueViews(ctx.engine);
  const alertAfter = (printerId: string) => ctx.config.printers.find((p) => p.id === printerId)?.alertAfterMinutes ?? 5;
  // A real hall's tickets carry a QR code for visitors' phones: without hall.visitorUrl it points at whatever
  // address the kiosk used (the hub's LAN address), which phones on the visitors' Wi-Fi cannot open.
  const setupWarnings: Warning[] =
    !ctx.config.hall.visitorUrl && ctx.config.printers.some((p) => p.kind !== 'virtual')
      ? [{ kind: 'printer', level: 'yellow', lineId: null, windowNo: null, ticketNumber: null, minutes: 0, thresholdMinutes: 0, printerId: '', problem: VISITOR_URL_MISSING }]
      : [];
  return async (app) => {
    app.get('/api/queue', {
      schema: { tags: ['queue'], summary: 'Lines, windows and the hall phase right now', response: responses({ 200: QueueOverviewSchema }) },
    }, async () => {
      ctx.engine.ensureDay();
      return views.overview(ctx.config.hall.id);
    });

    app.get('/api/warnings', {
      schema: {
        tags: ['queue'],
        summary: '红黄灯预警: long waits, long services, idle windows with visitors waiting, printers that cannot print',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(WarningSchema) }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async () => {
      const now = ctx.engine.now();
      return [...views.warnings(now), ...printerWarnings(ctx.print.printers(), now, alertAfter), ...setupWarnings];
    });
  };
}
