import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';

/**
 * Serves the built browser apps from the hub, so a kiosk or screen needs only the hub's address:
 * /kiosk/ (kiosk/dist). An app that has not been built is skipped with a warning, not an error.
 */
export async function registerStaticApps(app: FastifyInstance, apps: ReadonlyArray<{ prefix: string; dir: string }>): Promise<void> {
  let first = true;
  for (const { prefix, dir } of apps) {
    if (!existsSync(dir)) {
      app.log.warn({ dir }, `${prefix} is not built (npm start builds it)`);
      continue;
    }
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      // Only the first registration may decorate the reply with sendFile.
      decorateReply: first,
      // index.html must never be cached: a kiosk picks up a new build at its next reload.
      setHeaders: (res, path) => {
        if (path.endsWith('.html') || path.endsWith('sw.js')) res.setHeader('cache-control', 'no-cache');
        else if (path.includes('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    first = false;
  }
}
