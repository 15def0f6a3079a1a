import { BilingualTextSchema, HallPhaseSchema, noShowMessage } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createQueueViews } from '../../../app/queue-views.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

export function hallRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'rejections' | 'catalog'>): FastifyPluginAsyncTypebox {
  const { config } = ctx;
  const views = createQueueViews(ctx.engine);
  return async (app) => {
    app.get('/api/hall', {
      schema: {
        tags: ['hall'],
        summary: 'The hall: name, phase of the day, zones, queue lines and green-channel groups',
        response: responses({
          200: Type.Object({
            id: Type.String(),
            name: Type.String(),
            timeZone: Type.String(),
            phase: HallPhaseSchema,
            zones: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
            lines: Type.Array(Type.Object({ id: Type.String(), prefix: Type.String(), name: Type.String() })),
            priorityGroups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() })),
            visitorUrl: Type.Union([Type.String(), Type.Null()], { description: 'where visitors’ phones reach the hub (the phone page is <visitorUrl>/m/)' }),
            // what a visitor who missed their call should do: the policy's one message, as walls, tickets and phones say it
            noShow: BilingualTextSchema,
          }),
        }),
      },
    }, async () => ({
      id: config.hall.id,
      name: config.hall.name,
      timeZone: config.hall.timeZone,
      visitorUrl: config.hall.visitorUrl ?? null,
      phase: views.phase(),
      zones: config.zones,
      lines: config.lines.map(({ id, prefix, name }) => ({ id, prefix, name })),
      priorityGroups: config.priorityGroups,
      noShow: noShowMessage(config.policy.noShow),
    }));

    app.get('/api/health', {
      schema: {
        tags: ['hall'],
        summary: 'Liveness, the event log position, and counts of refused requests by reason',
        response: responses({
          200: Type.Object({
            status: Type.Literal('ok'),
            day: Type.Union([Type.String(), Type.Null()]),
            lastSeq: Type.Integer(),
            catalogServices: Type.Integer(),
            rejected: Type.Record(Type.String(), Type.Integer()),
          }),
        }),
      },
    }, async () => ({
      status: 'ok' as const,
      day: views.day(),
      lastSeq: ctx.engine.lastSeq(),
      catalogServices: ctx.catalog.index.size,
      rejected: Object.fromEntries(ctx.rejections),
    }));
  };
}
