import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createSqliteCatalogStore } from '../../src/adapters/sqlite/sqlite-catalog-store.js';
import { buildSearchIndex } from '../../src/adapters/search/build-search-index.js';
import { createCatalogService, type CatalogService } from '../../src/app/catalog-service.js';
import { loadConfig } from '../../src/config/load-config.js';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');

/** The demo hall's catalog, imported into a fresh SQLite file through the catalog service, as the hub does. */
export function demoCatalog(): CatalogService {
  const { config } = loadConfig({}, join(demo, 'hall.json'));
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'hall-search-')), 'hall.db'));
  const catalog = createCatalogService(createSqliteCatalogStore(db), config, (sources) => buildSearchIndex(sources, []));
  catalog.import(JSON.parse(readFileSync(join(demo, 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
  return catalog;
}
