import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubDir } from './repo-paths.js';

export interface TestQuery {
  q: string;
  kind: 'chinese' | 'initials' | 'pinyin' | 'colloquial' | 'mixed';
  /** business type names a visitor would accept (see `isExpected`) */
  expect: string[];
}

/** The kiosk search test set (queries.json), shared by the test and the kiosk-search benchmark. */
export function loadQuerySet(): TestQuery[] {
  return (JSON.parse(readFileSync(join(hubDir, 'test', 'search', 'queries.json'), 'utf8')) as { queries: TestQuery[] }).queries;
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
