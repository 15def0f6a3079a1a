import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/adapters/sqlite/database.js';
import { createSqliteCatalogStore } from '../../src/adapters/sqlite/sqlite-catalog-store.js';
import { buildSearchIndex } from '../../src/adapters/search/build-search-index.js';
import { createCatalogService } from '../../src/app/catalog-service.js';
import { CatalogRefused, parseExchangeText } from '../../src/app/catalog-import.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import { basic, doc, material } from '@hall/testkit/exchange-fixture';

const C = 'TASK-0001';
function service() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'hall-cat-')), 'hall.db'));
  const config = smallHall({
    lines: [
      { id: 'general', prefix: 'A', name: '综合业务', serves: { deptCodes: ['11210000EX0000003C'] } },
      { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] } },
    ],
    topics: [{ id: 'drugs', name: '药品经营', kind: 'life-event', audience: 'enterprise', taskCodes: [C] }],
  });
  return createCatalogService(createSqliteCatalogStore(db), config, (sources) => buildSearchIndex(sources, []));
}

const base = () =>
  doc({
    task_general_basic: [basic('b1', C, 'H1', '药品经营许可（新办）'), basic('b2', C, 'H2', '药品经营许可（变更）')],
    task_general_material: [
      material('m1', C, 'H1', '申请书'),
      material('m2', C, 'H1', '营业执照', { is_need: '2', order_num: 2 }),
      material('m3', C, 'H2', '变更申请书'),
    ],
    task_general_questions: [
      { row_guid: 'q1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: C, task_handle_item: 'H1', order_num: 1, question: '要多久？', answer: '15个工作日。' },
    ],
  });

describe('catalog import', () => {
  it('imports business types with their materials, and the same batch twice changes nothing', () => {
    const s = service();
    const first = s.import(base(), 'test');
    expect(first).toMatchObject({ rows: 6, applied: 6, unchanged: 0, rejected: 0, problems: [], services: 2 });
    const again = s.import(base(), 'test');
    expect(again).toMatchObject({ applied: 0, unchanged: 6, services: 2 });
    const guide = s.index.guide(`${C}:H1`)!;
    expect(guide.materials.map((m) => [m.name, m.required])).toEqual([
      ['申请书', 'required'],
      ['营业执照', 'rongque'],
    ]);
    expect(guide.rongqueAllowed).toBe(true);
    expect(guide.faqs).toEqual([{ question: '要多久？', answer: '15个工作日。' }]);
    expect(guide.lineId).toBe('general');
    expect(guide.windows.map((w) => w.no)).toEqual(['1', '2', '3']);
    expect(guide.legalTimeLimit.days).toBe(30);
    expect(guide.promisedTimeLimit.days).toBe(15);
    expect(guide.resultsByPost).toBe(true);
  });

  it('a lower version never overwrites a higher one; a higher one does', () => {
    const s = service();
    s.import(doc({ task_general_basic: [basic('b1', C, 'H1', '新名称', { task_version: 3 })] }), 't');
    s.import(doc({ task_general_basic: [basic('b1x', C, 'H1', '旧名称', { task_version: 2, cd_time: '2026-11-02 08:00:00' })] }), 't');
    expect(s.index.guide(`${C}:H1`)?.name).toBe('新名称');
    s.import(doc({ task_general_basic: [basic('b1y', C, 'H1', '更新名称', { task_version: 4 })] }), 't');
    expect(s.index.guide(`${C}:H1`)?.name).toBe('更新名称');
  });

  it('D rows delete a business type and its children; an older insert cannot bring it back', () => {
    const s = service();
    s.import(base(), 't');
    const r = s.import(
      doc({ task_general_basic: [basic('d1', C, 'H2', '', { cd_operation: 'D', cd_time: '2026-11-03 08:00:00' })] }),
      't',
    );
    expect(r.applied).toBe(1);
    expect(s.index.guide(`${C}:H2`)).toBeNull();
    s.import(base(), 't');
    expect(s.index.guide(`${C}:H2`)).toBeNull();
    expect(s.index.size).toBe(1);
  });

  it('a later U of a material replaces it; a D removes it', () => {
    const s = service();
    s.import(base(), 't');
    s.import(doc({ task_general_material: [material('m1', C, 'H1', '申请书（新版）', { cd_operation: 'U', cd_time: '2026-11-02 00:00:00' })] }), 't');
    expect(s.index.guide(`${C}:H1`)?.materials[0]?.name).toBe('申请书（新版）');
    s.import(doc({ task_general_material: [material('m1', C, 'H1', 'x', { cd_operation: 'D', cd_time: '2026-11-03 00:00:00' })] }), 't');
    expect(s.index.guide(`${C}:H1`)?.materials.map((m) => m.name)).toEqual(['营业执照']);
  });

  it('reports bad rows by row_guid and applies the good ones; keeps unknown columns', () => {
    const s = service();
    const r = s.import(
      doc({
        task_general_basic: [
          basic('ok1', 'T2', '', '食品经营许可', { province_extra: { x: 1 } }),
          basic('bad1', 'T3', '', '坏的时限', { anticipate_day: '二十' }),
          basic('bad2', 'T4', '', '坏的操作', { cd_operation: 'X' }),
        ],
        task_general_material: [material('orphan', 'NO-SUCH', '', '孤儿材料')],
      }),
      't',
    );
    expect(r.applied).toBe(2);
    expect(r.rejected).toBe(2);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rowGuid: 'bad1', reason: expect.stringContaining('anticipate_day') }),
        expect.objectContaining({ rowGuid: 'bad2', reason: expect.stringContaining('cd_operation') }),
        expect.objectContaining({ rowGuid: 'orphan', reason: expect.stringContaining('NO-SUCH') }),
      ]),
    );
    expect(s.index.guide('T2')?.name).toBe('食品经营许可');
    // The orphan shows once its business type arrives.
    s.import(doc({ task_general_basic: [basic('late', 'NO-SUCH', '', '迟到的事项')] }), 't');
    expect(s.index.guide('NO-SUCH')?.materials.map((m) => m.name)).toEqual(['孤儿材料']);
  });

  it('treats absent, empty and null task_handle_item as the same', () => {
    const s = service();
    const row = basic('x1', 'T9', '', '事项');
    delete (row as Record<string, unknown>).task_handle_item;
    s.import(doc({ task_general_basic: [row], task_general_material: [material('xm', 'T9', null as unknown as string, '材料')] }), 't');
    expect(s.index.guide('T9')?.materials).toHaveLength(1);
  });

  it('refuses a malformed document whole and keeps the catalog in use', () => {
    const s = service();
    s.import(base(), 't');
    expect(() => parseExchangeText('{not json')).toThrow(CatalogRefused);
    expect(() => s.import({ format: 'other' }, 't')).toThrow(/format/);
    expect(() => s.import({ format: 'task-exchange/1', task_general_basic: 'nope' }, 't')).toThrow(CatalogRefused);
    expect(s.index.size).toBe(2);
  });

  it('lists by department and topic, hides business types not in force', () => {
    const s = service();
    s.import(base(), 't');
    s.import(doc({ task_general_basic: [basic('gone', 'T5', '', '已停用事项', { task_state: '2' })] }), 't');
    expect(s.index.departments()).toEqual([{ code: '11210000EX0000003C', name: '辽宁省药品监督管理局', services: 2 }]);
    expect(s.index.servicesOfTopic('drugs')?.map((x) => x.name)).toEqual(['药品经营许可（新办）', '药品经营许可（变更）']);
    expect(s.index.search('变更', 5).map((x) => x.name)).toEqual(['药品经营许可（变更）']);
  });
});
