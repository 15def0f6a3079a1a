import type { Role } from '@hall/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../../app/auth-service.js';
import { forbidden, unauthorized } from './errors.js';

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
export function requireRole(auth: AuthService, ...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    const principal = token ? auth.authenticate(token) : null;
    if (!principal) throw unauthorized();
    if (!roles.includes(principal.role)) throw forbidden();
    request.principal = principal;
  };
}

/** Like requireRole, but lets anonymous callers through with principal = null (e.g. kiosks issuing tickets). */
export function optionalPrincipal(auth: AuthService) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    const principal = token ? auth.authenticate(token) : null;
    if (token && !principal) throw unauthorized();
    request.principal = principal;
  };
}
