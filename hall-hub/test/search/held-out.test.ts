import type { ImportReport, SearchIndex } from '@hall/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { heldOutImport } from './demo-catalog.js';
import { isExpected, loadQuerySet, QUERY_KINDS } from './query-set.js';

/**
 * The held-out set: a catalog the search was not written for (Nanjing: other departments, codes and names, no
 * aliases) and visitor queries written for it before the search was tuned.
 */
const queries = loadQuerySet('held-out');

let index: SearchIndex;
let report: ImportReport;

beforeAll(() => {
  const imported = heldOutImport();
  report = imported.report;
  index = imported.catalog.searchIndex();
}, 60_000);

describe('the held-out catalog and its queries', () => {
  it('is a province exchange file the hub imports whole: ≥ 60 business types across ≥ 12 departments', () => {
    expect(report.rejected).toBe(0);
    expect(report.problems).toEqual([]);
    expect(index.entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(index.entries.map((e) => e.deptCode)).size).toBeGreaterThanOrEqual(12);
    expect(index.entries.every((e) => e.aliases.length === 0)).toBe(true);
  });

  it('has ≥ 150 queries of every kind, each naming business types the catalog has', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    for (const kind of QUERY_KINDS) expect(queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(10);
    for (const e of queries.flatMap((q) => q.expect)) expect(index.entries.some((x) => isExpected(x.name, e)), e).toBe(true);
  });
});
