import { CreateAccountBodySchema, LoginBodySchema, SessionSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addressNotAllowed, bearerToken, requireRole } from '../auth-guard.js';
import { createQueueViews } from '../../../app/queue-views.js';
import { tooManyAttempts } from '../../../app/request-refusals.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';

export function authRoutes(ctx: Pick<HubDecorations, 'engine' | 'audit' | 'staffAddress' | 'auth'>): FastifyPluginAsyncTypebox {
  const views = createQueueViews(ctx.engine);
  return async (app) => {
    app.post('/api/auth/login', {
      schema: { tags: ['auth'], summary: 'Sign in; returns a bearer token', body: LoginBodySchema, response: responses({ 200: SessionSchema }) },
      // 限定登录IP, checked on arrival: an address outside the hall network is refused before its body is read.
      onRequest: async (req) => {
        if (!ctx.staffAddress(req.ip)) throw addressNotAllowed();
      },
    }, async (req) => {
      const r = await ctx.auth.login(req.body.username, req.body.password, req.ip);
      ctx.audit.append({
        at: ctx.engine.now(),
        actor: req.body.username,
        role: r.ok ? r.session.role : null,
        action: 'login',
        target: null,
        outcome: r.ok ? 'ok' : 'refused',
        address: req.ip,
        detail: r.ok ? undefined : { reason: r.code },
      });
      if (r.ok) return r.session;
      if (r.code === 'invalid_credentials') throw denied('invalid_credentials');
      // The same answer whether or not the username exists: waits are per address and per address + name.
      if (r.code === 'login_busy') throw denied('login_busy', { retryAfterSeconds: r.retryAfterSeconds });
      throw refusalError(tooManyAttempts(r.retryAfterSeconds));
    });

    app.post('/api/auth/logout', {
      schema: { tags: ['auth'], security: [{ bearer: [] }], response: responses({ 204: Type.Null() }) },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async (req, reply) => {
      const token = bearerToken(req);
      if (token) ctx.auth.logout(token);
      return reply.status(204).send(null);
    });

    app.get('/api/auth/me', {
      schema: {
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: responses({
          200: Type.Object({ username: Type.String(), role: Type.String(), staffNo: Type.Union([Type.String(), Type.Null()]) }),
        }),
      },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async (req) => req.principal!);

    app.post('/api/admin/accounts', {
      schema: { tags: ['admin'], summary: 'Create or reset an account', body: CreateAccountBodySchema, security: [{ bearer: [] }], response: responses({ 201: Type.Object({ username: Type.String() }) }) },
      preHandler: requireRole(ctx, 'manager'),
    }, async (req, reply) => {
      const b = req.body;
      if (b.role === 'staff' && (!b.staffNo || !views.hasStaff(b.staffNo))) throw denied('staff_account_needs_number');
      // A reset, a demotion or a new staff number ends every session of the account (and its live connections).
      ctx.auth.createAccount(b);
      return reply.status(201).send({ username: b.username });
    });

    app.delete('/api/admin/accounts/:username', {
      schema: {
        tags: ['admin'],
        summary: 'Remove (disable) an account: its sessions end and its console connections close at once',
        params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }),
        security: [{ bearer: [] }],
        response: responses({ 204: Type.Null() }),
      },
      preHandler: requireRole(ctx, 'manager'),
    }, async (req, reply) => {
      if (req.params.username === req.principal!.username) {
        throw denied('own_account');
      }
      if (!ctx.auth.removeAccount(req.params.username)) throw notFound('account', '这个账号');
      return reply.status(204).send(null);
    });
  };
}
