import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, PROTOCOL_VERSION } from '@hall/shared';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { isGuard } from './auth-guard.js';
import { docsCsp, securityHeaders } from './security-headers.js';
import type { HttpContext } from './context.js';
import { installErrorHandler } from './errors.js';
import { authRoutes } from './routes/auth-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { hallRoutes } from './routes/hall-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { helpRoutes } from './routes/help-routes.js';
import { windowRoutes } from './routes/window-routes.js';
import { deviceRoutes } from './routes/device-routes.js';
import { printRoutes } from './routes/print-routes.js';
import { qrRoutes } from './routes/qr-routes.js';
import { registerStaticApps } from './static-apps.js';
import { evaluationRoutes } from './routes/evaluation-routes.js';
import { uplinkRoutes } from './routes/uplink-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { consoleRoutes } from './routes/console-routes.js';

/**
 * Validators that refuse what does not match instead of converting it: a body is JSON and already has its types,
 * so `lineId: ["general"]` is an error, not "general". Query strings and path parameters arrive as text, so
 * there (only) text is read as the number or boolean the schema asks for. Unknown fields are refused, not
 * silently dropped: a typo in a kiosk's request should be seen.
 */
function strictBodies(): ValidatorFactory {
  const pool = AjvCompiler();
  const base = { removeAdditional: false, allErrors: false, useDefaults: true } as const;
  return (externalSchemas) => {
    const asTyped = pool(externalSchemas, { customOptions: { ...base, coerceTypes: false } });
    const fromText = pool(externalSchemas, { customOptions: { ...base, coerceTypes: true } });
    return (route) => (route.httpPart === 'body' ? asTyped(route) : fromText(route));
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: requests a device makes here are not written to the audit log (signed-in people's still are) */
    auditDevice?: boolean;
  }
}

/** A route's guards (who may ask) run when the request arrives, before its body is read: see auth-guard.ts. */
function guardsBeforeBody(route: RouteOptions): void {
  const pre = route.preHandler;
  const list = Array.isArray(pre) ? pre : pre ? [pre] : [];
  const guards = list.filter(isGuard);
  if (guards.length === 0) return;
  const rest = list.filter((h) => !isGuard(h));
  route.preHandler = rest.length ? rest : undefined;
  const on = route.onRequest;
  // First: a route's own arrival hooks (an upload slot, a rate) count only callers who may ask at all.
  route.onRequest = [...guards, ...(Array.isArray(on) ? on : on ? [on] : [])] as RouteOptions['onRequest'];
}

/** The hub's HTTP API: fastify with TypeBox schemas from @hall/shared on every route, OpenAPI at /docs. */
export async function buildHttpApp(
  ctx: HttpContext,
  logger: FastifyBaseLogger,
  https?: { cert: Buffer; key: Buffer },
  staticApps: ReadonlyArray<{ prefix: string; dir: string }> = [],
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    ...(https ? { https } : {}),
    schemaController: { compilersFactory: { buildValidator: strictBodies() } },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('principal', null);
  app.decorateRequest('device', null);
  app.addHook('onRoute', guardsBeforeBody);
  installErrorHandler(app, ctx.rejections);
  // Limits per issuer, per address and per sign-in (routes create theirs with app.createRateLimit).
  await app.register(rateLimit, { global: false });
  await app.register(helmet, securityHeaders);
  // Audit: every action by a signed-in person or an authenticated device (anything but a read), with its
  // outcome and address.
  app.addHook('onResponse', async (req, reply) => {
    const p = req.principal;
    const d = req.device;
    if ((!p && !d) || req.method === 'GET' || req.method === 'HEAD') return;
    // A kiosk's tickets are the visitors' own, already in the queue's event log: no audit write (an fsync) each.
    if (!p && req.routeOptions.config.auditDevice === false) return;
    ctx.audit.append({
      at: ctx.engine.now(),
      actor: p ? p.username : `device:${d!.id}`,
      role: p ? p.role : 'device',
      action: `${req.method} ${req.routeOptions.url ?? req.url}`,
      target: req.params && Object.keys(req.params).length ? JSON.stringify(req.params) : null,
      outcome: reply.statusCode < 400 ? 'ok' : reply.statusCode < 500 ? 'refused' : 'error',
      address: req.ip,
      detail: { status: reply.statusCode },
    });
  });
  app.addSchema(ErrorBodySchema);

  await app.register(swagger, {
    openapi: {
      info: {
        title: `${ctx.config.hall.name} — hall hub API`,
        description: 'The on-site hub of a government service hall: catalog, queue, windows. Errors are {code, message, messageEn, details}.',
        version: `protocol ${PROTOCOL_VERSION}`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: docsCsp });

  await app.register(hallRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(catalogRoutes(ctx));
  await app.register(ticketRoutes(ctx));
  await app.register(windowRoutes(ctx));
  await app.register(queueRoutes(ctx));
  await app.register(deviceRoutes(ctx));
  await app.register(printRoutes(ctx));
  await app.register(qrRoutes());
  await app.register(evaluationRoutes(ctx));
  await app.register(uplinkRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(helpRoutes(ctx, ctx.helpDesk));
  await app.register(reportRoutes(ctx));
  await app.register(consoleRoutes(ctx));
  await registerStaticApps(app, staticApps);
  return app;
}
