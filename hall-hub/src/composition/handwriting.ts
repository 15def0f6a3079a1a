import fp from 'fastify-plugin';
import { createZinniaRecognizer } from '../adapters/handwriting/zinnia-recognizer.js';

/**
 * The kiosk's writing pad: Zinnia, offline, as one long-lived process group (closed with the hub). Without the
 * Debian packages the hub still starts; the route answers 503 and the kiosk offers the pinyin keyboard instead.
 */
export const handwritingPlugin = fp(
  async (app) => {
    const handwriting = createZinniaRecognizer(app.env.HALL_ZINNIA_MODEL ? { model: app.env.HALL_ZINNIA_MODEL } : {});
    if (handwriting.missing) app.hubLogger.warn(`handwriting recognition is off: ${handwriting.missing} is not installed (apt-get install zinnia-utils tegaki-zinnia-simplified-chinese)`);
    app.decorate('handwriting', handwriting);
    app.addHook('onClose', async () => handwriting.close());
  },
  { name: 'handwriting', dependencies: ['hall-store'] },
);
