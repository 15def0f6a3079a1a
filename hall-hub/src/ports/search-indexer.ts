/**
 * Builds the kiosks' search index from the catalog's searchable names (pinyin and synonyms live in the adapter;
 * the domain's catalog index only calls it). The type is the domain's own, named here with the other ports.
 */
export type { SearchIndexer, SearchSource } from '../domain/catalog/catalog-index.js';
