import { DownlinkFeedStatusSchema, ProvinceNoticesSchema, UplinkStatusSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

/** The link to the provincial platform: backlog and disk policy for managers, province notices for displays. */
export function uplinkRoutes(ctx: Pick<HubDecorations, 'staffAddress' | 'auth' | 'uplink'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/uplink/status', {
      schema: {
        tags: ['uplink'],
        summary: 'The outbox backlog per stream (size, age of the oldest event), delivery state, disk-use policy, downlink feeds',
        security: [{ bearer: [] }],
        response: responses({ 200: UplinkStatusSchema }),
      },
      preHandler: requireRole(ctx, 'manager', 'auditor'),
    }, async () => ctx.uplink.status());

    app.post('/api/uplink/downlink/refresh', {
      schema: {
        tags: ['uplink'],
        summary: 'Fetch the province’s feeds (catalog, notices, today’s appointments) now',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(DownlinkFeedStatusSchema) }),
      },
      preHandler: requireRole(ctx, 'manager'),
    }, async () => {
      await ctx.uplink.refreshDownlink();
      return ctx.uplink.status().downlink;
    });

    app.get('/api/province/notices', {
      schema: {
        tags: ['uplink'],
        summary: 'Province-wide notices in force, for the displays (the last good copy while the province is away)',
        response: responses({ 200: ProvinceNoticesSchema }),
      },
    }, async () => ctx.uplink.notices());
  };
}
