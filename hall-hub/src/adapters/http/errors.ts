import type { ErrorBody, FieldProblem } from '@hall/shared';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Refusal, RefusalKind } from '../../domain/queue/refusals.js';

// timeout: a device the hub asked did not answer in time (a display's screenshot).
const STATUS: Record<RefusalKind, number> = { 'not-found': 404, conflict: 409, invalid: 422, forbidden: 403, timeout: 504 };

/** An error with a stable code and bilingual text, thrown by routes and turned into the JSON error body. */
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

export const unauthorized = () =>
  new HttpError(401, 'unauthorized', '请先登录。', 'Please log in first.');
export const forbidden = (en = 'Your role may not do this.', zh = '您的角色无权进行此操作。') =>
  new HttpError(403, 'forbidden', zh, en);
export const notFound = (what: string, zhWhat: string) =>
  new HttpError(404, 'not_found', `没有找到${zhWhat}。`, `No such ${what}.`);

export function refusalError(r: Refusal): HttpError {
  return new HttpError(STATUS[r.kind], r.code, r.zh, r.en, r.details);
}

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
