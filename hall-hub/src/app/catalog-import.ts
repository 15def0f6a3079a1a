import { ExchangeDocumentSchema, type ImportProblem, type ImportReport } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import { EXCHANGE_TABLES, checkRow, type CheckedRow } from '../domain/catalog/exchange-rows.js';
import { mergeVerdict } from '../domain/catalog/merge-rules.js';
import type { CatalogStore } from '../ports/catalog-store.js';

/** A document refused whole: not JSON, or not the exchange format's shape. The catalog is untouched. */
export class CatalogRefused extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'CatalogRefused';
  }
}

export function parseExchangeText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogRefused(`not a JSON document: ${(err as Error).message}`, []);
  }
}

/**
 * Applies an exchange document row by row, in one transaction: good rows are applied, bad rows are reported
 * with their row_guid and the reason. A document of the wrong shape is refused whole.
 */
export function importExchange(store: CatalogStore, doc: unknown, source: string): ImportReport {
  if (!Value.Check(ExchangeDocumentSchema, doc)) {
    const problems = [...Value.Errors(ExchangeDocumentSchema, doc)]
      .slice(0, 10)
      .map((e) => `${e.path || '(top level)'}: ${e.message}`);
    throw new CatalogRefused(`not a task-exchange/1 document: ${problems[0] ?? 'wrong shape'}`, problems);
  }
  const problems: ImportProblem[] = [];
  const checked: CheckedRow[] = [];
  let rows = 0;
  for (const table of EXCHANGE_TABLES) {
    for (const raw of doc[table] ?? []) {
      rows += 1;
      const c = checkRow(table, raw);
      if (c.ok) checked.push(c.row);
      else problems.push({ table, rowGuid: c.rowGuid, reason: c.reason });
    }
  }
  // Basic rows before children, each in cd_time order, so a child sees the business type it belongs to.
  checked.sort(
    (a, b) =>
      Number(b.table === 'task_general_basic') - Number(a.table === 'task_general_basic') ||
      a.cdTime.localeCompare(b.cdTime),
  );
  let applied = 0;
  let unchanged = 0;
  const report = store.transaction(() => {
    const touchedChildren: CheckedRow[] = [];
    for (const r of checked) {
      const content = JSON.stringify(r.row);
      const isBasic = r.table === 'task_general_basic';
      const held = isBasic ? store.heldService(r.serviceId) : store.heldChild(r.rowGuid);
      const verdict = mergeVerdict(held, {
        version: isBasic ? r.version : 0,
        cdTime: r.cdTime,
        deleted: r.op === 'D',
        content,
      });
      if (verdict === 'unchanged') {
        unchanged += 1;
      } else {
        applied += 1;
        if (isBasic) store.putService(r, content);
        else store.putChild(r, content);
      }
      if (!isBasic && r.op !== 'D') touchedChildren.push(r);
    }
    for (const r of touchedChildren) {
      if (!store.serviceLive(r.serviceId)) {
        problems.push({
          table: r.table,
          rowGuid: r.rowGuid,
          reason: `no business type ${r.serviceId} in the catalog (row kept; shown once its basic row arrives)`,
        });
      }
    }
    const out: ImportReport = {
      batch: typeof doc.cd_batch === 'string' ? doc.cd_batch : null,
      rows,
      applied,
      unchanged,
      rejected: rows - applied - unchanged,
      problems,
      services: 0,
    };
    store.logImport(source, out);
    return out;
  });
  return report;
}
