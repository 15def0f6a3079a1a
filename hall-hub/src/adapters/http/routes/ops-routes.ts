import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';
import type { AuditLog } from '../../../ports/audit-log.js';
import type { BackupScheduler } from '../../ops/backup-scheduler.js';
import { addressNotAllowed, requireRole, type GuardContext } from '../auth-guard.js';
import { backupFailed } from '../../../app/request-refusals.js';
import { refusalError } from '../errors.js';
import { responses } from '../schemas.js';

export interface ReadinessCheck {
  name: string;
  /** null when fine, else what is wrong (shown to the operator) */
  problem(): string | null;
  /** a part the hall can run without for a while (the uplink): reported, but not "not ready" */
  optional?: boolean;
}

export interface OpsRouteDeps extends GuardContext {
  registry: Registry;
  backups: BackupScheduler;
  audit: AuditLog;
  checks: readonly ReadinessCheck[];
  now: () => number;
}

const BackupSchema = Type.Object({ file: Type.String(), bytes: Type.Integer(), at: Type.String({ format: 'date-time' }) });
const view = (b: { file: string; bytes: number; at: number }) => ({ file: b.file, bytes: b.bytes, at: new Date(b.at).toISOString() });

/**
 * What operators and their tools need: readiness (for a load balancer or systemd watchdog), Prometheus
 * metrics (hall network only), and backups on demand (managers).
 */
export function opsRoutes(deps: OpsRouteDeps): FastifyPluginAsyncTypebox {
  const managers = requireRole(deps, 'manager');
  const auditors = requireRole(deps, 'manager', 'auditor');
  return async (app) => {
    app.get('/api/ready', {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: 200 when the hub can serve the hall (database, device link), else 503 with what is wrong',
        response: {
          200: Type.Object({ ready: Type.Boolean(), checks: Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.String()])) }),
          503: Type.Object({ ready: Type.Boolean(), checks: Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.String()])) }),
        },
      },
    }, async (_request, reply) => {
      const checks: Record<string, string> = {};
      let ready = true;
      for (const c of deps.checks) {
        let problem: string | null;
        try {
          problem = c.problem();
        } catch (err) {
          problem = err instanceof Error ? err.message : String(err);
        }
        checks[c.name] = problem ?? 'ok';
        if (problem && !c.optional) ready = false;
      }
      return reply.code(ready ? 200 : 503).send({ ready, checks });
    });

    app.get('/metrics', {
      schema: { tags: ['ops'], summary: 'Prometheus metrics (hall network only)', response: responses({ 200: Type.String() }) },
    }, async (request, reply) => {
      if (!deps.staffAddress(request.ip)) throw addressNotAllowed();
      const text = await deps.registry.metrics();
      return reply.type(deps.registry.contentType).send(text);
    });

    app.get('/api/admin/backups', {
      schema: { tags: ['ops'], summary: 'Backups of the hall database, newest first', security: [{ bearer: [] }], response: responses({ 200: Type.Array(BackupSchema) }) },
      preHandler: auditors,
    }, async () => deps.backups.list().map(view));

    app.post('/api/admin/backups', {
      schema: { tags: ['ops'], summary: 'Make a consistent backup now, while the hall runs', security: [{ bearer: [] }], response: responses({ 201: BackupSchema }) },
      preHandler: managers,
    }, async (request, reply) => {
      const actor = request.principal!;
      try {
        const b = await deps.backups.runNow(`requested by ${actor.username}`);
        deps.audit.append({ at: deps.now(), actor: actor.username, role: actor.role, action: 'backup', target: b.file, outcome: 'ok', address: request.ip });
        return reply.code(201).send(view(b));
      } catch (err) {
        deps.audit.append({ at: deps.now(), actor: actor.username, role: actor.role, action: 'backup', target: null, outcome: 'error', address: request.ip });
        throw refusalError(backupFailed(err instanceof Error ? err.message : String(err)));
      }
    });
  };
}
