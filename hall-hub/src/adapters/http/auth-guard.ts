import type { DeviceType, Role } from '@hall/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../../app/auth-service.js';
import type { DeviceConfig } from '../../config/hall-config-schema.js';
import type { DeviceCredentials } from '../crypto/device-credentials.js';
import { denied, forbidden, unauthorized } from './errors.js';

/** What the guards need: the sessions, and the hall intranet's address ranges for staff endpoints. */
export interface GuardContext {
  auth: AuthService;
  staffAddress: (address: string | undefined) => boolean;
}

/** What the device guard needs: the declared devices, their credentials and the device address ranges. */
export interface DeviceGuardContext {
  devices: { get(id: string): DeviceConfig | null };
  credentials: DeviceCredentials;
  deviceAddress: (address: string | undefined) => boolean;
}

export const addressNotAllowed = () => denied('address_not_allowed');

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** the device that authenticated the request (a kiosk), if one did */
    device: DeviceConfig | null;
  }
}

/**
 * The guards below are marked, and build-http-app moves every marked guard a route lists (as its preHandler) to
 * the route's onRequest hook: who is asking is checked before a byte of the body is read, so an outsider's
 * large upload is refused before it costs memory or time.
 */
const GUARDS = new WeakSet<object>();
export function guard<T extends (request: FastifyRequest) => Promise<void>>(fn: T): T {
  GUARDS.add(fn);
  return fn;
}
export const isGuard = (fn: unknown): boolean => typeof fn === 'function' && GUARDS.has(fn);

const deviceUnauthorized = () => denied('device_unauthorized');

/** `Authorization: Device <deviceId>:<token>` — the same per-device credentials a device uses for socket.io and MQTT. */
export function deviceCredentials(request: FastifyRequest): { deviceId: string; token: string } | null {
  const m = /^Device\s+([A-Za-z0-9_.-]{1,64}):(\S+)$/i.exec(request.headers.authorization ?? '');
  return m ? { deviceId: m[1]!, token: m[2]! } : null;
}

export function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

/** A guard that lets only signed-in accounts with one of the roles through. */
export function requireRole(ctx: GuardContext, ...roles: Role[]) {
  return guard(async (request: FastifyRequest): Promise<void> => {
    // 限定登录IP: staff and manager functions answer the hall's own address ranges only.
    if (!ctx.staffAddress(request.ip)) throw addressNotAllowed();
    const token = bearerToken(request);
    const principal = token ? ctx.auth.authenticate(token) : null;
    if (!principal) throw unauthorized();
    if (!roles.includes(principal.role)) throw forbidden();
    request.principal = principal;
  });
}

/** Like requireRole, but lets anonymous callers through with principal = null (e.g. kiosks issuing tickets). */
export function optionalPrincipal(ctx: GuardContext) {
  return guard(async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (token && !ctx.staffAddress(request.ip)) throw addressNotAllowed();
    const principal = token ? ctx.auth.authenticate(token) : null;
    if (token && !principal) throw unauthorized();
    request.principal = principal;
  });
}

/** A guard that lets only declared devices of the given types through, from the device address ranges. */
export function requireDevice(ctx: DeviceGuardContext, ...types: DeviceType[]) {
  return guard(async (request: FastifyRequest): Promise<void> => {
    if (!ctx.deviceAddress(request.ip)) throw denied('device_address_not_allowed');
    const c = deviceCredentials(request);
    const device = c ? ctx.devices.get(c.deviceId) : null;
    // One answer for unknown device, wrong type and wrong token: nothing to learn by guessing.
    if (!c || !device || !types.includes(device.type) || !ctx.credentials.verify(device.id, c.token)) throw deviceUnauthorized();
    request.device = device;
  });
}

/** A device of the given types (Device header), or a signed-in account with one of the roles (Bearer header). */
export function requireDeviceOrRole(ctx: GuardContext & DeviceGuardContext, types: DeviceType[], roles: Role[]) {
  const asDevice = requireDevice(ctx, ...types);
  const asAccount = requireRole(ctx, ...roles);
  return guard(async (request: FastifyRequest): Promise<void> =>
    /^Device\s/i.test(request.headers.authorization ?? '') ? asDevice(request) : asAccount(request));
}
