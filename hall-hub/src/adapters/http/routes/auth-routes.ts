import { CreateAccountBodySchema, LoginBodySchema, SessionSchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addressNotAllowed, bearerToken, requireRole } from '../auth-guard.js';
import type { HttpContext } from '../context.js';
import { HttpError } from '../errors.js';
import { responses } from '../schemas.js';

export function authRoutes(ctx: HttpContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/auth/login', {
      schema: { tags: ['auth'], summary: 'Sign in; returns a bearer token', body: LoginBodySchema, response: responses({ 200: SessionSchema }) },
    }, async (req) => {
      if (!ctx.staffAddress(req.ip)) throw addressNotAllowed();
      const r = ctx.auth.login(req.body.username, req.body.password);
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
      if (r.code === 'account_locked') {
        throw new HttpError(429, 'account_locked', `登录失败次数过多，账号已锁定，请 ${Math.ceil((r.retryAfterSeconds ?? 0) / 60)} 分钟后再试。`,
          `Too many failed sign-ins; the account is locked for ${Math.ceil((r.retryAfterSeconds ?? 0) / 60)} minutes.`, { retryAfterSeconds: r.retryAfterSeconds });
      }
      throw new HttpError(401, 'invalid_credentials', '用户名或密码不正确。', 'Wrong username or password.');
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
      if (b.role === 'staff' && (!b.staffNo || !ctx.engine.rules.staff.has(b.staffNo))) {
        throw new HttpError(422, 'staff_required', '员工账号需要一个已配置的工号。', 'A staff account needs a configured staff number.');
      }
      ctx.auth.createAccount(b);
      return reply.status(201).send({ username: b.username });
    });
  };
}
