import { HandwritingAnswerSchema, HandwritingRequestSchema } from '@hall/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogCharacters, preferCatalogCharacters } from '../../../domain/catalog/catalog-characters.js';
import type { HandwritingRecognizer } from '../../../ports/handwriting-recognizer.js';
import { requireDevice } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { denied, refusalError } from '../errors.js';
import { rateLimited } from '../../../app/request-refusals.js';
import { responses } from '../schemas.js';

/** how many readings to ask the recogniser for, before the catalog's characters are put first */
export const RECOGNISED = 20;

const unavailable = () => denied('handwriting_unavailable');

/**
 * Handwriting for the kiosk's writing pad: the strokes of one character in, candidates out. Recognition runs
 * here (Zinnia, offline) so the kiosk ships no 26 MB model; each stroke is one request, so the rate is per kiosk.
 */
export function handwritingRoutes(ctx: Pick<HubDecorations, 'config' | 'catalog' | 'credentials' | 'deviceAddress' | 'devices'>, recognizer: HandwritingRecognizer): FastifyPluginAsyncTypebox {
  const kiosk = requireDevice(ctx, 'kiosk');
  // The catalog's characters, worked out again only when the catalog (its search index's version) changes.
  let known = { version: '', chars: new Set<string>() };
  const knownChars = () => {
    const index = ctx.catalog.searchIndex();
    if (index.version !== known.version) known = { version: index.version, chars: catalogCharacters(index) };
    return known.chars;
  };
  return async (app) => {
    const perKiosk = app.createRateLimit({
      max: ctx.config.server.limits.handwritingPerKioskPerMinute,
      timeWindow: 60_000,
      keyGenerator: (r) => `handwriting:${r.device?.id ?? ''}`,
    });
    app.post('/api/handwriting/recognize', {
      schema: {
        tags: ['catalog'],
        summary: "Recognise one handwritten character from the kiosk's writing pad (kiosk device credential; rate-limited per kiosk)",
        body: HandwritingRequestSchema,
        response: responses({ 200: HandwritingAnswerSchema }),
      },
      config: { auditDevice: false },
      preHandler: [kiosk],
      onRequest: async (req) => {
        const r = await perKiosk(req);
        if (!r.isAllowed && r.isExceeded) {
          throw refusalError(rateLimited(r.ttlInSeconds, { zh: '手写识别', en: 'handwriting requests' }));
        }
      },
    }, async (req) => {
      if (!recognizer.available) throw unavailable();
      const read = await recognizer.recognize(req.body.strokes, RECOGNISED).catch((err: unknown) => {
        req.log.warn({ err }, 'handwriting recognition failed');
        throw unavailable();
      });
      return { candidates: preferCatalogCharacters(read, knownChars(), req.body.limit ?? 10) };
    });
  };
}
