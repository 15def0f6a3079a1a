import { join } from 'node:path';
import fp from 'fastify-plugin';
import { createMediaFiles } from '../adapters/media/media-files.js';
import { createMediaInspector } from '../adapters/media/media-inspector.js';
import { freeBytesOn } from '../adapters/ops/disk-monitor.js';
import { createSqliteMediaStore } from '../adapters/sqlite/sqlite-media-store.js';
import { createMediaLibrary } from '../app/media-library.js';

const MB = 1024 * 1024;

/**
 * Signage's media library (#20): rows in the hall database, files under `<dataDir>/media/`, limits from
 * `signage.media`. Registered before display control: signage reads assets through it (`media.asset`, the port
 * `MediaCatalog`), tells it which assets campaigns play (`media.useUsage`) and hears of changes (`media.onChange`).
 */
export const mediaLibraryPlugin = fp(
  async (app) => {
    const { dataDir } = app;
    const limits = app.config.signage.media;
    const media = createMediaLibrary({
      store: createSqliteMediaStore(app.db),
      files: createMediaFiles(join(dataDir, 'media')),
      inspector: createMediaInspector(),
      disk: { freeBytes: () => freeBytesOn(dataDir) },
      clock: app.clock,
      limits: {
        maxFileBytes: Math.floor(limits.maxFileMb * MB),
        quotaBytes: Math.floor(limits.quotaMb * MB),
        reserveBytes: Math.floor(limits.diskReserveMb * MB),
        maxPdfPages: limits.maxPdfPages,
      },
    });
    await media.sweep();
    app.decorate('media', media);
  },
  { name: 'media-library', dependencies: ['hall-store'] },
);
