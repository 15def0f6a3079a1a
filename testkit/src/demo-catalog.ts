import type { ImportReport } from '@hall/shared';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteCatalogStore } from '@hall/hub/adapters/sqlite/sqlite-catalog-store';
import { buildSearchIndex } from '@hall/hub/adapters/search/build-search-index';
import { createCatalogService, type CatalogService } from '@hall/hub/app/catalog-service';
import { loadConfig } from '@hall/hub/config/load-config';
import { hubDir } from './repo-paths.js';

const demo = join(hubDir, 'demo');

/** The demo hall's catalog, imported into a fresh SQLite file through the catalog service, as the hub does. */
export function demoCatalog(): CatalogService {
  return catalogFrom(join(demo, 'catalog', 'demo-catalog.json'), 'demo').catalog;
}

/**
 * The held-out catalog (a Nanjing city hall, written apart from the demo: other departments, codes and names,
 * no colloquial aliases), imported the same way into the demo hall's configuration.
 */
export function heldOutCatalog(): CatalogService {
  return heldOutImport().catalog;
}

/** The same, with what the import reported (the held-out test checks that the hub took the file whole). */
export function heldOutImport(): { catalog: CatalogService; report: ImportReport } {
  return catalogFrom(join(hubDir, 'test', 'search', 'held-out', 'nanjing-catalog.json'), 'held-out');
}

function catalogFrom(file: string, source: string): { catalog: CatalogService; report: ImportReport } {
  const { config } = loadConfig({}, join(demo, 'hall.json'));
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'hall-search-')), 'hall.db'));
  const catalog = createCatalogService(createSqliteCatalogStore(db), config, (sources) => buildSearchIndex(sources, []));
  const report = catalog.import(JSON.parse(readFileSync(file, 'utf8')), source);
  return { catalog, report };
}
