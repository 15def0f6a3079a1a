import {
  DepartmentSchema,
  GuideSchema,
  ImportReportSchema,
  SearchIndexSchema,
  ServiceSummarySchema,
  TopicSchema,
  type SearchIndex,
} from '@hall/shared';
import { Type } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import type { CatalogIndex } from '../../../domain/catalog/catalog-index.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogRefused, parseExchangeText } from '../../../app/catalog-import.js';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { catalogMalformed, fileTooLarge } from '../../../app/request-refusals.js';
import { denied, notFound, refusalError } from '../errors.js';
import { responses } from '../schemas.js';

const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) });

/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The index as sent: serialized and gzipped once per version, not once per kiosk. */
function payloadCache() {
  let cached: { version: string; json: string; gzip: Buffer } | null = null;
  return (index: SearchIndex) => {
    if (cached?.version !== index.version) {
      const json = JSON.stringify(index);
      cached = { version: index.version, json, gzip: gzipSync(json) };
    }
    return cached;
  };
}

/** Every guide in force, as one document: serialized, hashed and gzipped once per catalog (kiosks cache it). */
function guidesCache() {
  let cached: { of: object; etag: string; json: string; gzip: Buffer } | null = null;
  return (index: CatalogIndex) => {
    if (cached?.of !== index) {
      const json = JSON.stringify(index.allGuides());
      cached = { of: index, etag: `"${createHash('sha256').update(json).digest('hex').slice(0, 16)}"`, json, gzip: gzipSync(json) };
    }
    return cached;
  };
}

export function catalogRoutes(ctx: Pick<HubDecorations, 'config' | 'staffAddress' | 'catalog' | 'auth'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    const payloadOf = payloadCache();
    const guidesOf = guidesCache();

    app.get('/api/catalog/guides', {
      schema: {
        tags: ['catalog'],
        summary: 'Every guide in force, in full, in one document (what a kiosk keeps for when the hub is away)',
        description: 'ETag per catalog content; send it back in If-None-Match for a 304. Gzipped when accepted.',
      },
    }, async (req, reply) => {
      const payload = guidesOf(ctx.catalog.index);
      reply.header('etag', payload.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (etagMatches(req.headers['if-none-match'], payload.etag)) return reply.code(304).send(null);
      reply.header('content-type', 'application/json; charset=utf-8');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(payload.gzip);
      return reply.send(payload.json);
    });
    app.get('/api/catalog/departments', {
      schema: { tags: ['catalog'], summary: 'Departments with the number of business types each offers', response: responses({ 200: Type.Array(DepartmentSchema) }) },
    }, async () => ctx.catalog.index.departments());

    app.get('/api/catalog/departments/:code/services', {
      schema: { tags: ['catalog'], params: Code, response: responses({ 200: Type.Array(ServiceSummarySchema) }) },
    }, async (req) => ctx.catalog.index.servicesOfDepartment(req.params.code) ?? Promise.reject(notFound('department', '这个部门')));

    app.get('/api/catalog/topics', {
      schema: { tags: ['catalog'], summary: 'Life events and topics', response: responses({ 200: Type.Array(TopicSchema) }) },
    }, async () => ctx.catalog.index.topics());

    app.get('/api/catalog/topics/:id/services', {
      schema: { tags: ['catalog'], params: Id, response: responses({ 200: Type.Array(ServiceSummarySchema) }) },
    }, async (req) => ctx.catalog.index.servicesOfTopic(req.params.id) ?? Promise.reject(notFound('topic', '这个主题')));

    app.get('/api/catalog/services', {
      schema: {
        tags: ['catalog'],
        summary: 'Find business types by name, colloquial name or department',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 50 }),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: responses({ 200: Type.Array(ServiceSummarySchema) }),
      },
    }, async (req) => ctx.catalog.index.search(req.query.q, req.query.limit));

    app.get('/api/catalog/search-index', {
      schema: {
        tags: ['catalog'],
        summary: 'The kiosk search index: every business type with its pinyin, colloquial names and the hall phrases',
        description: 'Its ETag is the index version; send it back in If-None-Match for a 304 until the catalog changes.',
        response: responses({ 200: SearchIndexSchema, 304: Type.Null({ description: 'unchanged' }) }),
      },
    }, async (req, reply) => {
      const payload = payloadOf(ctx.catalog.searchIndex());
      const etag = `"${payload.version}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      reply.header('content-type', 'application/json; charset=utf-8');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(payload.gzip);
      return reply.send(payload.json);
    });

    app.get('/api/catalog/services/:id', {
      schema: { tags: ['catalog'], summary: 'One service guide in full', params: Id, response: responses({ 200: GuideSchema }) },
    }, async (req) => ctx.catalog.index.guide(req.params.id) ?? Promise.reject(notFound('service', '这项业务')));

    await app.register(catalogUpload(ctx));
  };
}

/**
 * The catalog upload: who is asking is checked on arrival (the guard runs before the body, see auth-guard),
 * then as many uploads as `server.limits.concurrentUploads` are streamed to temporary files — never held in
 * memory while they arrive — and parsed from there; more at once are refused with 503 before their bodies.
 */
function catalogUpload(ctx: Pick<HubDecorations, 'config' | 'staffAddress' | 'catalog' | 'auth'>): FastifyPluginAsyncTypebox {
  const limits = ctx.config.server.limits;
  const maxBytes = limits.importMaxMb * 1024 * 1024;
  const holding = new WeakSet<object>();
  let active = 0;
  const release = (req: FastifyRequest) => {
    if (holding.delete(req)) active -= 1;
  };
  const slot = async (req: FastifyRequest): Promise<void> => {
    if (active >= limits.concurrentUploads) {
      throw denied('upload_busy');
    }
    active += 1;
    holding.add(req);
  };
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(['application/json', 'text/plain'], async (_req: FastifyRequest, payload: Readable) => {
      const dir = await mkdtemp(join(tmpdir(), 'hall-import-'));
      const file = join(dir, 'upload.json');
      let bytes = 0;
      const bounded = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes) done(refusalError(fileTooLarge(limits.importMaxMb)));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(payload, bounded, createWriteStream(file, { mode: 0o600 }));
        return file;
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
    });
    app.addHook('onResponse', async (req) => release(req));
    app.addHook('onRequestAbort', async (req) => release(req));

    app.post('/api/admin/catalog/import', {
      schema: {
        tags: ['admin'],
        summary: 'Import an exchange document (task-exchange/1); bad rows are reported, good rows applied',
        description: 'Streamed to a temporary file; at most server.limits.importMaxMb, server.limits.concurrentUploads at once.',
        security: [{ bearer: [] }],
        response: responses({ 200: ImportReportSchema }),
      },
      bodyLimit: maxBytes,
      preHandler: requireRole(ctx, 'manager'),
      onRequest: slot,
    }, async (req) => {
      const file = req.body as string;
      try {
        const doc = parseExchangeText(await readFile(file, 'utf8'));
        return ctx.catalog.import(doc, `upload by ${req.principal?.username ?? '?'}`);
      } catch (err) {
        if (err instanceof CatalogRefused) {
          throw refusalError(catalogMalformed(err.message, err.problems));
        }
        throw err;
      } finally {
        await rm(dirname(file), { recursive: true, force: true });
      }
    });
  };
}
