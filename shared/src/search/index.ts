export * from './search-index.js';
export * from './synonyms.js';
export { createSearcher, type Searcher } from './searcher.js';
