import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A single byte range of a file of `size` bytes (RFC 9110 §14.1.2); null: none asked, or more than one (the whole file is sent). */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

const etagListed = (header: string | undefined, etag: string) => header !== undefined && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/**
 * Sends a file that never changes (a content-addressed media file): cached for a year as immutable, a strong ETag
 * (If-None-Match → 304), and byte ranges (a video element seeks with them; If-Range honoured).
 */
export async function sendImmutableFile(req: FastifyRequest, reply: FastifyReply, f: { path: string; mime: string; etag: string }): Promise<FastifyReply> {
  const { size } = await stat(f.path);
  reply.header('etag', f.etag).header('cache-control', 'public, max-age=31536000, immutable').header('accept-ranges', 'bytes').type(f.mime);
  if (etagListed(req.headers['if-none-match'], f.etag)) return reply.status(304).send();
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === f.etag ? byteRange(req.headers.range, size) : null;
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1);
    return reply.send(createReadStream(f.path, { start: range.start, end: range.end }));
  }
  return reply.header('content-length', size).send(createReadStream(f.path));
}
