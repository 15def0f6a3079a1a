import type { ServiceRecord } from '../domain/catalog/guide.js';
import type { CheckedRow } from '../domain/catalog/exchange-rows.js';
import type { HeldRow } from '../domain/catalog/merge-rules.js';
import type { ImportReport } from '@hall/shared';

/** Where the imported catalog lives: rows as received (tombstones included), and a log of imports. */
export interface CatalogStore {
  transaction<T>(fn: () => T): T;
  heldService(serviceId: string): HeldRow | null;
  heldChild(rowGuid: string): HeldRow | null;
  putService(row: CheckedRow, content: string): void;
  putChild(row: CheckedRow, content: string): void;
  /** whether a business type is in the catalog and not deleted */
  serviceLive(serviceId: string): boolean;
  liveRecords(): ServiceRecord[];
  logImport(source: string, report: ImportReport): void;
}
