import type { ExchangeTable, RawRow } from '../../domain/catalog/exchange-rows.js';
import type { ServiceRecord } from '../../domain/catalog/guide.js';
import type { HeldRow } from '../../domain/catalog/merge-rules.js';
import type { CatalogStore } from '../../ports/catalog-store.js';
import type { Db } from './database.js';

interface HeldDbRow {
  version: number;
  cd_time: string;
  deleted: number;
  row: string;
}

const CHILD_KIND: Record<ExchangeTable, keyof Omit<ServiceRecord, 'id' | 'basic'> | null> = {
  task_general_basic: null,
  task_general_extend: 'extend',
  task_general_material: 'materials',
  task_general_fee_project: 'fees',
  task_general_questions: 'questions',
};

export function createSqliteCatalogStore(db: Db): CatalogStore {
  const getService = db.prepare('SELECT version, cd_time, deleted, row FROM catalog_services WHERE key = ?');
  const getChild = db.prepare('SELECT 0 AS version, cd_time, deleted, row FROM catalog_children WHERE row_guid = ?');
  const upService = db.prepare(`INSERT INTO catalog_services (key, task_code, handle_item, version, cd_time, deleted, row)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET version = excluded.version, cd_time = excluded.cd_time,
    deleted = excluded.deleted, row = excluded.row`);
  const upChild = db.prepare(`INSERT INTO catalog_children (row_guid, tbl, service_key, cd_time, deleted, row)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (row_guid) DO UPDATE SET tbl = excluded.tbl, service_key = excluded.service_key,
    cd_time = excluded.cd_time, deleted = excluded.deleted, row = excluded.row`);
  const deleteChildrenOf = db.prepare('UPDATE catalog_children SET deleted = 1, cd_time = max(cd_time, ?) WHERE service_key = ?');
  const isLive = db.prepare('SELECT 1 FROM catalog_services WHERE key = ? AND deleted = 0');
  const liveServices = db.prepare('SELECT key, row FROM catalog_services WHERE deleted = 0 ORDER BY key');
  const liveChildren = db.prepare(
    'SELECT tbl, service_key, row FROM catalog_children WHERE deleted = 0 ORDER BY service_key, row_guid',
  );
  const log = db.prepare('INSERT INTO catalog_imports (batch, source, imported_at, report) VALUES (?, ?, ?, ?)');
  const held = (r: HeldDbRow | undefined): HeldRow | null =>
    r ? { version: r.version, cdTime: r.cd_time, deleted: r.deleted === 1, content: r.row } : null;

  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    heldService: (id) => held(getService.get(id) as HeldDbRow | undefined),
    heldChild: (guid) => held(getChild.get(guid) as HeldDbRow | undefined),
    putService(r, content) {
      const prev = getService.get(r.serviceId) as HeldDbRow | undefined;
      const version = r.version ?? prev?.version ?? 0;
      upService.run(r.serviceId, r.taskCode, r.handleItem, version, r.cdTime, r.op === 'D' ? 1 : 0, content);
      // Deleting a business type removes its children.
      if (r.op === 'D') deleteChildrenOf.run(r.cdTime, r.serviceId);
    },
    putChild(r, content) {
      upChild.run(r.rowGuid, r.table, r.serviceId, r.cdTime, r.op === 'D' ? 1 : 0, content);
    },
    serviceLive: (id) => isLive.get(id) !== undefined,
    liveRecords(): ServiceRecord[] {
      const records = new Map<string, ServiceRecord>();
      for (const s of liveServices.iterate() as Iterable<{ key: string; row: string }>) {
        records.set(s.key, { id: s.key, basic: JSON.parse(s.row) as RawRow, extend: null, materials: [], fees: [], questions: [] });
      }
      for (const c of liveChildren.iterate() as Iterable<{ tbl: ExchangeTable; service_key: string; row: string }>) {
        const rec = records.get(c.service_key);
        const kind = CHILD_KIND[c.tbl];
        if (!rec || !kind) continue;
        const row = JSON.parse(c.row) as RawRow;
        if (kind === 'extend') rec.extend = row;
        else rec[kind].push(row);
      }
      return [...records.values()];
    },
    logImport(source, report) {
      log.run(report.batch, source, Date.now(), JSON.stringify(report));
    },
  };
}
