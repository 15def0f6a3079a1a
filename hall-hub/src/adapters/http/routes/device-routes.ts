import { DeviceViewSchema, RefusedDeviceSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { notFound } from '../errors.js';
import { responses } from '../schemas.js';

const AuditEntrySchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  role: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** Devices and screens (online state, heartbeat, version, what they show), their history, and the audit log. */
export function deviceRoutes(ctx: Pick<HubDecorations, 'engine' | 'ids' | 'audit' | 'staffAddress' | 'auth' | 'devices'>): FastifyPluginAsyncTypebox {
  const readers = requireRole(ctx, 'manager', 'auditor');
  return async (app) => {
    app.get('/api/devices', {
      schema: { tags: ['devices'], summary: 'Every declared device and screen, with its combined online state', security: [{ bearer: [] }], response: responses({ 200: Type.Array(DeviceViewSchema) }) },
      preHandler: readers,
    }, async () => ctx.devices.list());

    app.get('/api/devices/refused', {
      schema: {
        tags: ['devices'],
        summary: 'Devices a bridge is configured with that the hall configuration does not put behind it: each refused alone',
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(RefusedDeviceSchema) }),
      },
      preHandler: readers,
    }, async () => ctx.devices.refusedDevices());

    app.get('/api/devices/:id/history', {
      schema: {
        tags: ['devices'],
        summary: 'Online/offline history of a device',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(Type.Object({ online: Type.Boolean(), at: Type.String(), via: Type.String() })) }),
      },
      preHandler: readers,
    }, async (req) => {
      if (!ctx.devices.has(req.params.id)) throw notFound('device', '这个设备');
      return ctx.devices.history(req.params.id);
    });

    app.get('/api/audit', {
      schema: {
        tags: ['admin'],
        summary: 'The audit log: every staff, manager and device action, newest first',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          actor: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
        }),
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Array(AuditEntrySchema) }),
      },
      preHandler: readers,
    }, async (req) =>
      ctx.audit
        .query({
          from: req.query.from ? Date.parse(req.query.from) : undefined,
          to: req.query.to ? Date.parse(req.query.to) : undefined,
          actor: req.query.actor,
          limit: req.query.limit,
        })
        .map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    );

    app.get('/api/tickets/:id/identity', {
      schema: {
        tags: ['tickets'],
        summary: 'The full ID number of a ticket’s holder — managers only, and every look is audited',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        security: [{ bearer: [] }],
        response: responses({ 200: Type.Object({ idNumber: Type.String(), idMasked: Type.String() }) }),
      },
      preHandler: requireRole(ctx, 'manager'),
    }, async (req) => {
      const t = ctx.engine.ticket(req.params.id);
      if (!t?.idCipher || !t.idMasked) throw notFound('identity for this ticket', '这张号票的身份信息');
      ctx.audit.append({
        at: ctx.engine.now(),
        actor: req.principal!.username,
        role: req.principal!.role,
        action: 'reveal-id-number',
        target: t.number,
        outcome: 'ok',
        address: req.ip,
      });
      return { idNumber: ctx.ids.reveal(t.idCipher), idMasked: t.idMasked };
    });
  };
}
