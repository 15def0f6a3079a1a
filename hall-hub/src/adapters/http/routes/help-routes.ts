import { HelpRequestBodySchema, HelpRequestSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HelpDesk } from '../../../app/help-desk.js';
import { requireDevice, requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

/** 请工作人员帮助: a kiosk raises a request (its Device credential); staff and managers list the latest. */
export function helpRoutes(ctx: Pick<HubDecorations, 'config' | 'credentials' | 'deviceAddress' | 'devices' | 'auth' | 'staffAddress'>, desk: HelpDesk): FastifyPluginAsyncTypebox {
  const kioskOnly = requireDevice(ctx, 'kiosk');
  const staffOnly = requireRole(ctx, 'manager', 'staff');
  return async (app) => {
    app.post('/api/help-requests', {
      schema: {
        tags: ['kiosk'],
        summary: 'A visitor at a kiosk asks for staff help (the console hears it at once)',
        body: HelpRequestBodySchema,
        security: [{ bearer: [] }],
        response: responses({ 201: HelpRequestSchema }),
      },
      preHandler: kioskOnly,
    }, async (req, reply) => {
      reply.code(201);
      return desk.raise(req.device!.id, req.body.query);
    });

    app.get('/api/help-requests', {
      schema: { tags: ['console'], summary: 'The latest help requests from kiosks, newest first', security: [{ bearer: [] }], response: responses({ 200: Type.Array(HelpRequestSchema) }) },
      preHandler: staffOnly,
    }, async () => desk.recent());
  };
}
