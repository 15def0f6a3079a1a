import type { Role } from '@hall/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../../app/auth-service.js';
import { HttpError, forbidden, unauthorized } from './errors.js';

/** What the guards need: the sessions, and the hall intranet's address ranges for staff endpoints. */
export interface GuardContext {
  auth: AuthService;
  staffAddress: (address: string | undefined) => boolean;
}

export const addressNotAllowed = () =>
  new HttpError(403, 'address_not_allowed', '工作人员和管理功能只能在大厅内网使用。', 'Staff and manager functions are available only from the hall network.');

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

/** A preHandler that lets only signed-in accounts with one of the roles through. */
export function requireRole(ctx: GuardContext, ...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    // 限定登录IP: staff and manager functions answer the hall's own address ranges only.
    if (!ctx.staffAddress(request.ip)) throw addressNotAllowed();
    const token = bearerToken(request);
    const principal = token ? ctx.auth.authenticate(token) : null;
    if (!principal) throw unauthorized();
    if (!roles.includes(principal.role)) throw forbidden();
    request.principal = principal;
  };
}

/** Like requireRole, but lets anonymous callers through with principal = null (e.g. kiosks issuing tickets). */
export function optionalPrincipal(ctx: GuardContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (token && !ctx.staffAddress(request.ip)) throw addressNotAllowed();
    const principal = token ? ctx.auth.authenticate(token) : null;
    if (token && !principal) throw unauthorized();
    request.principal = principal;
  };
}
