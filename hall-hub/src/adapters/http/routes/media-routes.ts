import { MediaAssetSchema, MediaLibrarySchema } from '@hall/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MediaRefused, type MediaLibraryService } from '../../../app/media-library.js';
import { requireRole, type GuardContext } from '../auth-guard.js';
import { notFound, refusalError } from '../errors.js';
import { sendImmutableFile } from '../file-reply.js';
import { responses } from '../schemas.js';

export interface MediaRoutesContext extends GuardContext {
  media: MediaLibraryService;
}

// The library's ids are sha256 hex; anything else is simply not found.
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Binary = Type.String({ description: 'the file' });
const Asset = MediaAssetSchema;
/**
 * What a sandboxed widget may do: run its scripts in an opaque origin (no `allow-same-origin`: it reads no
 * cookie, storage or API of the hub's), inside a frame of the hub's own pages only.
 */
const WIDGET_CSP = "sandbox allow-scripts; frame-ancestors 'self'";

const mediaError = (err: unknown): never => {
  throw err instanceof MediaRefused ? refusalError(err.refusal) : err;
};

/**
 * Signage's media library (#20). Managers upload (the file is the raw body, its type the content-type, its name
 * `?name=`), list and delete; auditors read; screens fetch the files with no session, by immutable URLs.
 */
export function mediaRoutes(ctx: MediaRoutesContext): FastifyPluginAsyncTypebox {
  const { media } = ctx;
  const readers = requireRole(ctx, 'manager', 'auditor');
  const managers = requireRole(ctx, 'manager');
  const security = [{ bearer: [] }];
  return async (app) => {
    // An upload is streamed to disk as it arrives: no parser reads it into memory (these routes only).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, _payload, done) => done(null));

    app.get('/api/media', {
      schema: { tags: ['signage'], summary: 'The media library: every asset, the bytes used, the quota and the data disk’s free space', security, response: responses({ 200: MediaLibrarySchema }) },
      preHandler: readers,
    }, async () => media.library());

    app.post('/api/media', {
      schema: {
        tags: ['signage'],
        summary: 'Upload a file to the media library: the raw body, its type as content-type, its name in ?name=',
        description:
          'Checked before it is kept: the bytes’ type (magic number) must match the name and content-type; images are decoded and re-encoded (WebP, fitted to 3840×2160); videos must be WebM with VP8/VP9/AV1 and Opus/Vorbis; HTML widgets must be UTF-8 text; PDFs are rendered to page images. Refused (media_type_mismatch, media_unsupported, media_corrupt, media_codec, media_too_large, media_quota, media_disk_low) with nothing stored. 201: stored; 200: the same file was there already.',
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }) }),
        security,
        response: responses({ 200: Asset, 201: Asset }),
      },
      preHandler: managers,
    }, async (req, reply) => {
      const length = req.headers['content-length'];
      try {
        const { asset, created } = await media.upload({
          name: req.query.name,
          declaredMime: req.headers['content-type'] ?? '',
          declaredBytes: length === undefined ? null : Number(length),
          // Not destroyed when the reading stops early: the refusal still has to reach the sender.
          body: req.raw.iterator({ destroyOnReturn: false }),
          by: req.principal!.username,
        });
        return reply.status(created ? 201 : 200).send(asset);
      } catch (err) {
        return mediaError(err);
      }
    });

    app.get('/api/media/:id', {
      schema: { tags: ['signage'], summary: 'One asset of the media library', params: IdParams, security, response: responses({ 200: Asset }) },
      preHandler: readers,
    }, async (req) => media.asset(req.params.id) ?? mediaError(notFound('media file', '这个媒体文件')));

    app.delete('/api/media/:id', {
      schema: { tags: ['signage'], summary: 'Delete an asset (refused with media_in_use while a campaign plays it)', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      const removed = await media.remove(req.params.id).catch(mediaError);
      if (!removed) throw notFound('media file', '这个媒体文件');
      return reply.status(204).send(null);
    });

    app.get('/api/media/:id/file', {
      schema: {
        tags: ['signage'],
        summary: 'An asset’s file, as screens fetch it: immutable, with an ETag and byte ranges; widgets are served sandboxed',
        params: IdParams,
        response: responses({ 200: Binary }),
      },
    }, async (req, reply) => {
      const f = media.file(req.params.id, null);
      if (!f) throw notFound('media file', '这个媒体文件');
      // A widget is framed by the wall, sandboxed: scripts yes, the hub's origin no.
      if (f.kind === 'widget') reply.header('content-security-policy', WIDGET_CSP).header('x-frame-options', 'SAMEORIGIN');
      return sendImmutableFile(req, reply, f);
    });

    app.get('/api/media/:id/pages/:n', {
      schema: {
        tags: ['signage'],
        summary: 'A PDF’s page n (from 1), rendered as an image',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), n: Type.Integer({ minimum: 1, maximum: 1000 }) }),
        response: responses({ 200: Binary }),
      },
    }, async (req, reply) => {
      const f = media.file(req.params.id, req.params.n);
      if (!f || f.kind !== 'pdf') throw notFound('page', '这一页');
      return sendImmutableFile(req, reply, f);
    });
  };
}
