import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadQrCode } from '../../lazy-modules.js';

/**
 * QR codes as SVG, drawn by the hub so kiosks and screens need no QR library. Only ASCII payloads (URLs,
 * ticket ids): a QR with Chinese text gets a wrong length on some scanners and printers.
 */
export function qrRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/qr.svg', {
      schema: {
        tags: ['hall'],
        summary: 'A QR code (SVG) for an ASCII text such as a URL',
        querystring: Type.Object({ text: Type.String({ minLength: 1, maxLength: 512, pattern: '^[\\x20-\\x7E]+$' }) }),
      },
    }, async (req, reply) => {
      const svg = await (await loadQrCode()).toString(req.query.text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    });
  };
}
