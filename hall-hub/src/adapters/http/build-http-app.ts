import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, PROTOCOL_VERSION } from '@hall/shared';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { isGuard } from './auth-guard.js';
import { docsCsp, securityHeaders, WALL_PAGES, wallPageHeaders } from './security-headers.js';
import { installErrorHandler } from './errors.js';
import { registerStaticApps } from './static-apps.js';

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

/**
 * Response serializers built the first time a route answers with that status, not all at start: the hub has
 * some 200 routes × statuses, and building each one's fast-json-stringify code at start was most of the time
 * between the process starting and the hub listening. Same builder, same options as fastify's default.
 */
function serializersOnFirstUse(): SerializerFactory {
  const select = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = select(externalSchemas, options);
    return (route) => {
      let serialize: ((doc: unknown) => string) | undefined;
      return (doc) => (serialize ??= compile(route))(doc);
    };
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

/** The hub's HTTP server: fastify with strict validators; its plugins come from the composition's list. */
export function createHttpApp(logger: FastifyBaseLogger, https?: { cert: Buffer; key: Buffer }): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    ...(https ? { https } : {}),
    schemaController: { compilersFactory: { buildValidator: strictBodies(), buildSerializer: serializersOnFirstUse() } },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('principal', null);
  app.decorateRequest('device', null);
  app.addHook('onRoute', guardsBeforeBody);
  return app;
}

/**
 * What every route stands on: the error envelope, rate limits, security headers, the audit of every action by
 * a signed-in person or an authenticated device, and OpenAPI at /docs (TypeBox schemas from @hall/shared).
 */
export const httpBasePlugin = fp(
  async (app) => {
    installErrorHandler(app, app.rejections);
    // Limits per issuer, per address and per sign-in (routes create theirs with app.createRateLimit).
    await app.register(rateLimit, { global: false });
    // helmet's middleware built once: @fastify/helmet built it again (options and CSP parsed) on every request.
    // (helmet 8 throws a bad option at build time and calls next() with no error.)
    const applySecurityHeaders = helmet(securityHeaders);
    const applyWallHeaders = helmet(wallPageHeaders);
    app.addHook('onRequest', (request, reply, done) =>
      (request.url.startsWith(WALL_PAGES) ? applyWallHeaders : applySecurityHeaders)(request.raw, reply.raw, () => done()),
    );
    // Audit: every action by a signed-in person or an authenticated device (anything but a read), with its
    // outcome and address.
    app.addHook('onResponse', async (req, reply) => {
      const p = req.principal;
      const d = req.device;
      if ((!p && !d) || req.method === 'GET' || req.method === 'HEAD') return;
      // A kiosk's tickets are the visitors' own, already in the queue's event log: no audit write (an fsync) each.
      if (!p && req.routeOptions.config.auditDevice === false) return;
      app.audit.append({
        at: app.engine.now(),
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
          title: `${app.config.hall.name} — hall hub API`,
          description: 'The on-site hub of a government service hall: catalog, queue, windows. Errors are {code, message, messageEn, details}.',
          version: `protocol ${PROTOCOL_VERSION}`,
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: docsCsp });
  },
  { name: 'http-base', dependencies: ['hall-store'] },
);

/** The built browser apps the hub serves (kiosk, walls, console, the phone page), after every API route. */
export const staticAppsPlugin = fp<{ apps: ReadonlyArray<{ prefix: string; dir: string }> }>(async (app, opts) => registerStaticApps(app, opts.apps), {
  name: 'static-apps',
  dependencies: ['http-base'],
});
