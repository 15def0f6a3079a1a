import type { ImportReport, SearchIndex } from '@hall/shared';
import { createCatalogIndex, type CatalogIndex } from '../domain/catalog/catalog-index.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import type { CatalogStore } from '../ports/catalog-store.js';
import type { SearchIndexer } from '../ports/search-indexer.js';
import { importExchange } from './catalog-import.js';

export interface CatalogService {
  readonly index: CatalogIndex;
  /** the kiosks' search index for the catalog in use (built once per catalog, its version is the ETag) */
  searchIndex(): SearchIndex;
  /** Imports a parsed exchange document; throws CatalogRefused for a malformed one. */
  import(doc: unknown, source: string): ImportReport;
}

/** The catalog in use: rebuilt in memory from the store after every import that changed something. */
export function createCatalogService(store: CatalogStore, config: HallConfig, indexer: SearchIndexer): CatalogService {
  const build = () => createCatalogIndex(store.liveRecords(), config.lines, config.windows, config.topics, indexer);
  let index = build();
  return {
    get index() {
      return index;
    },
    searchIndex: () => index.searchIndex(),
    import(doc, source) {
      const report = importExchange(store, doc, source);
      if (report.applied > 0) index = build();
      return { ...report, services: index.size };
    },
  };
}
