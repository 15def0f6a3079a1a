import fp from 'fastify-plugin';
import { importCatalogFiles } from '../adapters/catalog-files/import-catalog-files.js';
import { createSqliteCatalogFiles } from '../adapters/sqlite/sqlite-catalog-files.js';
import { createSqliteCatalogStore } from '../adapters/sqlite/sqlite-catalog-store.js';
import { buildSearchIndex } from '../adapters/search/build-search-index.js';
import { createCatalogService } from '../app/catalog-service.js';

/** The catalog (事项目录) and its search, with the catalog files the configuration names imported at start. */
export const catalogPlugin = fp<{ files: readonly string[] }>(
  async (app, opts) => {
    const { config, db } = app;
    const catalog = createCatalogService(createSqliteCatalogStore(db), config, (sources) => buildSearchIndex(sources, config.synonyms));
    importCatalogFiles(opts.files, { catalog, ledger: createSqliteCatalogFiles(db), now: () => app.clock.now(), logger: app.hubLogger });
    app.decorate('catalog', catalog);
  },
  { name: 'catalog', dependencies: ['hall-store'] },
);
