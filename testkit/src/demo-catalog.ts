import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteCatalogStore } from '@hall/hub/adapters/sqlite/sqlite-catalog-store';
import { createCatalogService, type CatalogService } from '@hall/hub/app/catalog-service';
import { loadConfig } from '@hall/hub/config/load-config';
import { hubDir } from './repo-paths.js';

const demo = join(hubDir, 'demo');

/** The demo hall's catalog, imported into a fresh SQLite file through the catalog service, as the hub does. */
export function demoCatalog(): CatalogService {
  const { config } = loadConfig({}, join(demo, 'hall.json'));
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'hall-search-')), 'hall.db'));
  const catalog = createCatalogService(createSqliteCatalogStore(db), config);
  catalog.import(JSON.parse(readFileSync(join(demo, 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
  return catalog;
}
