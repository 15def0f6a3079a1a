import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HallConfig } from '../../config/hall-config-schema.js';
import { rateLimited } from '../../app/request-refusals.js';
import { refusalError, type HttpError } from './errors.js';

type Check = ReturnType<FastifyInstance['createRateLimit']>;

/** 429 (the error handler adds Retry-After), in both languages. */
function tooMany(seconds: number, zhWhat: string, enWhat: string): HttpError {
  return refusalError(rateLimited(seconds, { zh: zhWhat, en: enWhat }));
}

/**
 * Who took how many tickets this minute: each kiosk, each signed-in account, and each network address
 * (@fastify/rate-limit's counters, as the phone page's limit uses). One anonymous client could otherwise
 * take a whole line's 999 numbers in two seconds; a kiosk without an ID card reader cannot tell visitors apart,
 * so its rate is what bounds one visitor there.
 */
export function issueLimits(app: FastifyInstance, limits: HallConfig['server']['limits']) {
  const minute = 60_000;
  const perKiosk = app.createRateLimit({ max: limits.ticketsPerKioskPerMinute, timeWindow: minute, keyGenerator: (r) => `kiosk:${r.device?.id ?? ''}` });
  const perAccount = app.createRateLimit({ max: limits.ticketsPerAccountPerMinute, timeWindow: minute, keyGenerator: (r) => `account:${r.principal?.username ?? ''}` });
  const perAddress = app.createRateLimit({ max: limits.ticketsPerAddressPerMinute, timeWindow: minute, keyGenerator: (r) => `address:${r.ip}` });
  const checkIns = app.createRateLimit({ max: limits.checkInsPerAddressPerMinute, timeWindow: minute, keyGenerator: (r) => `check-in:${r.ip}` });

  async function enforce(request: FastifyRequest, checks: Check[], zhWhat: string, enWhat: string): Promise<void> {
    for (const check of checks) {
      const r = await check(request);
      if (!r.isAllowed && r.isExceeded) throw tooMany(r.ttlInSeconds, zhWhat, enWhat);
    }
  }
  return {
    /** a kiosk's or an account's ticket, after its guard named who is asking */
    tickets: (request: FastifyRequest) =>
      enforce(request, [request.device ? perKiosk : perAccount, perAddress], '取号', 'tickets from here'),
    checkIns: (request: FastifyRequest) => enforce(request, [checkIns], '预约签到', 'check-ins from this address'),
  };
}
