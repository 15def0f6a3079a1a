import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubDir } from './repo-paths.js';

export interface TestQuery {
  q: string;
  /** colloquial: everyday phrasings; typo: a wrong homophone or a character off (the held-out set has these) */
  kind: 'chinese' | 'initials' | 'pinyin' | 'colloquial' | 'typo' | 'mixed';
  /** business type names a visitor would accept (see `isExpected`) */
  expect: string[];
}

export const QUERY_KINDS: readonly TestQuery['kind'][] = ['chinese', 'initials', 'pinyin', 'colloquial', 'typo', 'mixed'];

const FILES = {
  demo: ['queries.json'],
  'held-out': ['held-out', 'queries.json'],
  'fresh-demo': ['fresh-probe', 'demo.json'],
  'fresh-held-out': ['fresh-probe', 'nanjing.json'],
} as const;

/**
 * A kiosk search test set, shared by the tests and the kiosk-search benchmark: `demo` (queries.json, over the
 * demo catalog) or `held-out` (held-out/queries.json, over the Nanjing catalog, written before the search was
 * tuned for it); `fresh-demo` and `fresh-held-out` (fresh-probe/, everyday phrasings and typos over each, written
 * after the lexicon as a second, later check that it serves other people's words).
 */
export function loadQuerySet(set: keyof typeof FILES = 'demo'): TestQuery[] {
  const file = FILES[set];
  return (JSON.parse(readFileSync(join(hubDir, 'test', 'search', ...file), 'utf8')) as { queries: TestQuery[] }).queries;
}

/** An expected name stands for that business type, or for every variant of it when it has no bracket. */
export const isExpected = (name: string, expected: string) => name === expected || name.startsWith(`${expected}（`);

/** Whether any of the first three names is one the query expects. */
export const foundInTop3 = (q: TestQuery, names: readonly string[]) => names.slice(0, 3).some((n) => q.expect.some((e) => isExpected(n, e)));

/** What the kiosk searches for while the queries are typed: every prefix of every query, each once. */
export function keystrokes(queries: readonly TestQuery[]): string[] {
  const seen = new Set<string>();
  for (const { q } of queries) {
    const cps = [...q];
    for (let k = 1; k <= cps.length; k++) seen.add(cps.slice(0, k).join(''));
  }
  return [...seen];
}
