import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/adapters/search/build-search-index.js';
import { createCatalogIndex, type RoutingLine, type RoutingWindow } from '../../src/domain/catalog/catalog-index.js';
import { serviceIdOf, type RawRow } from '../../src/domain/catalog/exchange-rows.js';
import type { ServiceRecord } from '../../src/domain/catalog/guide.js';
import { basic } from '@hall/testkit/exchange-fixture';

// The pure catalog core (the index: grouping, routing, 一口受理, search) — no database (the import through SQLite is catalog-import.test.ts).
// The mutation run (scripts/mutation-modules.mjs, the catalog's groups) relies on these.

describe('the catalog index', () => {
  const svc = (code: string, handle: string, name: string, dept: string, extra: RawRow = {}): ServiceRecord => ({
    id: serviceIdOf(code, handle),
    basic: { ...basic(`g-${code}-${handle}`, code, handle, name, { dept_code: dept, dept_name: `部门${dept}`, ...extra }) },
    extend: null,
    materials: [],
    fees: [],
    questions: [],
  });
  const records = [
    svc('T1', '', '身份证换领', 'D2'),
    svc('T2', '01', '营业执照设立登记', 'D1'),
    svc('T2', '02', '营业执照变更登记', 'D1'),
    svc('T3', '', '社保卡补办', 'D3'),
    svc('T4', '', '已停用事项', 'D1', { task_state: '2' }),
    { ...svc('T5', '', '旧事项', 'D3'), basic: { task_code: 'T5', task_name: '旧事项', dept_code: 'D3', dept_name: '部门D3' } },
  ];
  const lines: RoutingLine[] = [
    { id: 'by-id', name: '按事项', serves: { taskCodes: ['T2:02'], deptCodes: [] } },
    { id: 'by-code', name: '按编码', serves: { taskCodes: ['T2', 'T1'], deptCodes: ['D1'] } },
    { id: 'by-dept', name: '按部门', serves: { taskCodes: [], deptCodes: ['D3', 'D1'] } },
  ];
  const windows: RoutingWindow[] = [
    { no: '1', name: '一号', zone: 'A', lines: [{ line: 'by-code' }, { line: 'by-dept' }] },
    { no: '2', name: '二号', zone: 'A', lines: [{ line: 'by-id' }] },
    { no: '3', name: '三号', zone: 'B', lines: [{ line: 'by-dept' }] },
  ];
  const topics = [
    { id: 'start-business', name: '开办企业', kind: 'life-event' as const, audience: 'enterprise' as const, taskCodes: ['T2'] },
    { id: 'one', name: '单项', kind: 'topic' as const, audience: 'all' as const, taskCodes: ['T2:02', 'T9'] },
    { id: 'none', name: '空', kind: 'topic' as const, audience: 'person' as const, taskCodes: [] },
  ];
  let indexed = 0;
  const index = createCatalogIndex(records, lines, windows, topics, (sources) => {
    indexed++;
    return buildSearchIndex(sources);
  });

  it('holds the business types in force, grouped by department (sorted) and topic', () => {
    expect(index.size).toBe(5);
    expect(index.departments()).toEqual([
      { code: 'D1', name: '部门D1', services: 2 },
      { code: 'D2', name: '部门D2', services: 1 },
      { code: 'D3', name: '部门D3', services: 2 },
    ]);
    expect(index.servicesOfDepartment('D1')?.map((s) => s.id)).toEqual(['T2:01', 'T2:02']);
    expect(index.servicesOfDepartment('D9')).toBeNull();
    expect(index.topics()).toEqual([
      { id: 'start-business', name: '开办企业', kind: 'life-event', audience: 'enterprise', services: 2 },
      { id: 'one', name: '单项', kind: 'topic', audience: 'all', services: 1 },
      { id: 'none', name: '空', kind: 'topic', audience: 'person', services: 0 },
    ]);
    expect(index.servicesOfTopic('one')?.map((s) => s.id)).toEqual(['T2:02']);
    expect(index.servicesOfTopic('nope')).toBeNull();
    expect(index.guide('T4')).toBeNull();
    expect(index.allGuides().map((g) => g.id)).toEqual(['T1', 'T2:01', 'T2:02', 'T3', 'T5']);
    // in id order whatever order the records came in
    const reversed = createCatalogIndex([...records].reverse(), lines, windows, topics, buildSearchIndex);
    expect(reversed.allGuides().map((g) => g.id)).toEqual(['T1', 'T2:01', 'T2:02', 'T3', 'T5']);
  });

  it('routes a business type by its own id first, then its code, then its department; windows follow the line', () => {
    expect(['T2:02', 'T2:01', 'T1', 'T3', 'T5', 'T4', 'nope'].map((id) => index.lineFor(id))).toEqual(['by-id', 'by-code', 'by-code', 'by-dept', 'by-dept', null, null]);
    expect(index.guide('T2:02')).toMatchObject({ lineId: 'by-id', lineName: '按事项', windows: [{ no: '2', name: '二号', zone: 'A' }] });
    expect(index.guide('T3')).toMatchObject({ lineId: 'by-dept', lineName: '按部门', windows: [{ no: '1', name: '一号', zone: 'A' }, { no: '3', name: '三号', zone: 'B' }] });
    // a handled item (T6:01) finds its line by its code before a line of its department listed earlier
    const byCode = createCatalogIndex(
      [svc('T6', '01', '换证', 'D3')],
      [
        { id: 'dept', name: '按部门', serves: { taskCodes: [], deptCodes: ['D3'] } },
        { id: 'code', name: '按编码', serves: { taskCodes: ['T6'], deptCodes: [] } },
      ],
      [],
      [],
      buildSearchIndex,
    );
    expect(byCode.lineFor('T6:01')).toBe('code');
    const lone = createCatalogIndex([svc('T8', '', '无窗口事项', 'D8')], lines, windows, [], buildSearchIndex);
    expect(lone.guide('T8')).toMatchObject({ lineId: null, lineName: null, windows: [] });
    expect(lone.servicesOfDepartment('D8')?.[0]?.lineId).toBeNull();
  });

  it('一口受理: a joint item is taken only at its own department’s windows on its line, when it has some there', () => {
    const joint = (code: string, dept: string | undefined, extend: RawRow | null) => ({
      ...svc(code, '', `联办${code}`, dept ?? 'unused'),
      basic: { ...basic(`g-${code}`, code, '', `联办${code}`, { dept_code: dept, dept_name: '部门' }) },
      extend,
    });
    const jointLines: RoutingLine[] = [
      { id: 'shared', name: '综合', serves: { taskCodes: ['J5', 'J6'], deptCodes: ['DA', 'DC'] } },
      { id: 'other', name: '其他', serves: { taskCodes: [], deptCodes: [] } },
    ];
    const jointWindows: RoutingWindow[] = [
      { no: '1', name: '一号', zone: 'A', dept: 'DA', lines: [{ line: 'shared' }] },
      { no: '2', name: '二号', zone: 'A', dept: 'DB', lines: [{ line: 'shared' }] },
      { no: '3', name: '三号', zone: 'B', dept: '', lines: [{ line: 'shared' }] },
      { no: '4', name: '四号', zone: 'B', dept: 'DC', lines: [{ line: 'other' }] },
    ];
    const joined = createCatalogIndex(
      [
        joint('J1', 'DA', { other_dept: '部门DB' }),
        joint('J2', 'DA', { other_dept: '  ' }),
        joint('J3', 'DA', null),
        joint('J4', 'DC', { other_dept: '部门DA' }),
        joint('J5', undefined, { other_dept: '部门DA' }),
        joint('J6', 'DZ', { other_dept: '部门DA' }),
      ],
      jointLines,
      jointWindows,
      [],
      buildSearchIndex,
    );
    expect(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'nope'].map((id) => joined.leadDeptFor(id))).toEqual(['DA', null, null, null, null, null, null]);
    const windowsOf = (id: string) => joined.guide(id)?.windows.map((w) => w.no);
    expect(['J1', 'J2', 'J3', 'J4', 'J5', 'J6'].map(windowsOf)).toEqual([['1'], ['1', '2', '3'], ['1', '2', '3'], ['1', '2', '3'], ['1', '2', '3'], ['1', '2', '3']]);
  });

  it('searches over the business types in force, building the index once', () => {
    expect(indexed).toBe(0);
    const hits = index.search('营业执照', 5);
    expect(hits.map((h) => h.id).sort()).toEqual(['T2:01', 'T2:02']);
    expect(hits[0]).toMatchObject({ deptCode: 'D1', lineId: expect.stringMatching(/^by-/) });
    expect(index.search('已停用', 5)).toEqual([]);
    expect(index.searchIndex()).toBe(index.searchIndex());
    index.search('社保卡', 5);
    expect(indexed).toBe(1);
  });
});
