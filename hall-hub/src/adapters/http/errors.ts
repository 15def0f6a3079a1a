import type { ErrorBody, FieldProblem } from '@hall/shared';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { deny, notFoundRefusal, type RequestRefusal, type RequestRefusalCode, type RequestRefusalKind } from '../../app/request-refusals.js';
import type { Refusal } from '../../domain/queue/refusals.js';

// timeout: a device the hub asked did not answer in time (a display's screenshot).
const STATUS: Record<RequestRefusalKind, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  invalid: 422,
  'too-many': 429,
  failed: 500,
  unavailable: 503,
  timeout: 504,
};

/** A refusal of either catalog as thrown by routes, with its status; the error handler turns it into the JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
    this.name = 'HttpError';
  }
}

export function refusalError(r: Refusal | RequestRefusal): HttpError {
  return new HttpError(STATUS[r.kind], r.code, r.zh, r.en, r.details);
}

/** The request refusal of that name (app/request-refusals.ts), as thrown. */
export const denied = (name: RequestRefusalCode, details?: unknown): HttpError => refusalError(deny(name, details));
export const unauthorized = () => denied('unauthorized');
export const forbidden = () => denied('forbidden');
export const notFound = (what: string, zhWhat: string) => refusalError(notFoundRefusal(what, zhWhat));

/** Counts every refused request by code: bad input is answered, counted, and never crashes the hub. */
export type RejectionCounter = Map<string, number>;

function body(code: string, zh: string, en: string, details?: unknown): ErrorBody {
  return details === undefined ? { code, message: zh, messageEn: en } : { code, message: zh, messageEn: en, details };
}

export function installErrorHandler(app: FastifyInstance, counter: RejectionCounter): void {
  const count = (code: string) => counter.set(code, (counter.get(code) ?? 0) + 1);
  app.setErrorHandler((err: FastifyError | HttpError, request, reply: FastifyReply) => {
    if (err instanceof HttpError) {
      count(err.code);
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.statusCode === 429 && typeof wait === 'number') reply.header('retry-after', String(wait));
      // Refused before its body was read (guards run on arrival): close rather than read the rest of an
      // upload nobody will use.
      if (err.statusCode < 500 && request.raw.complete === false) reply.header('connection', 'close');
      return reply.status(err.statusCode).send(body(err.code, err.zh, err.en, err.details));
    }
    if ('validation' in err && err.validation) {
      count('invalid_request');
      const problems: FieldProblem[] = err.validation.map((v) => {
        const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty)}` : '';
        const extra =
          v.keyword === 'additionalProperties'
            ? `/${String((v.params as { additionalProperty?: string }).additionalProperty)}`
            : '';
        return {
          field: `${err.validationContext ?? 'body'}${v.instancePath}${missing}${extra}`,
          problem: v.keyword === 'additionalProperties' ? 'is not a known field' : (v.message ?? 'is invalid'),
        };
      });
      const first = problems[0];
      const what = first ? `${first.field} ${first.problem}` : 'invalid';
      return reply.status(400).send(body('invalid_request', `请求内容有误：${what}`, `Invalid request: ${what}`, problems));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      count(code);
      return reply.status(status).send(body(code, `请求无法处理：${err.message}`, `Request refused: ${err.message}`));
    }
    request.log.error({ err }, 'unhandled error');
    count('internal_error');
    return reply
      .status(500)
      .send(body('internal_error', '系统内部错误，请稍后再试或联系工作人员。', 'Internal error. Please try again or ask staff.'));
  });
  app.setNotFoundHandler((request, reply) => {
    count('route_not_found');
    return reply
      .status(404)
      .send(body('route_not_found', `没有这个接口：${request.method} ${request.url}`, `No route ${request.method} ${request.url}`));
  });
}
