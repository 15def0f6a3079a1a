import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_TABLES, checkRow, serviceIdOf, type RawRow } from '../../src/domain/catalog/exchange-rows.js';
import { mergeVerdict, type HeldRow } from '../../src/domain/catalog/merge-rules.js';
import { basic, material } from '@hall/testkit/exchange-fixture';

// The pure catalog core (the exchange rows’ checks and the merge rules) — no database (the import through SQLite is catalog-import.test.ts).
// The mutation run (scripts/mutation-modules.mjs, the catalog's groups) relies on these.

const CODE = '11210000EX0000003C4000117003000';

describe('exchange rows are checked one by one', () => {
  const ok = (table: Parameters<typeof checkRow>[0], raw: unknown) => {
    const r = checkRow(table, raw);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    return r.row;
  };
  const reason = (table: Parameters<typeof checkRow>[0], raw: unknown) => {
    const r = checkRow(table, raw);
    return r.ok ? 'accepted' : `${r.rowGuid ?? '-'}: ${r.reason}`;
  };

  it('a good basic row: codes as text, counts as numbers, the business type keyed by code and item', () => {
    const row = ok('task_general_basic', basic('g1', CODE, '01', '药品零售许可', { task_version: '3', promise_day: ' 15 ', dept_code: 2100, unknown_col: 'kept' }));
    expect({ ...row, row: undefined }).toEqual({
      table: 'task_general_basic',
      rowGuid: 'g1',
      op: 'I',
      cdTime: '2026-11-01 08:00:00',
      taskCode: CODE,
      handleItem: '01',
      serviceId: `${CODE}:01`,
      version: 3,
      row: undefined,
    });
    expect(row.row).toMatchObject({ task_version: 3, promise_day: 15, anticipate_day: 30, dept_code: '2100', unknown_col: 'kept', task_handle_item: '01', alias: null });
    expect(serviceIdOf(CODE, '')).toBe(CODE);
    const noItem = ok('task_general_material', material('m1', '', '', '申请书', { task_code: 123456, task_handle_item: null }));
    expect([noItem.taskCode, noItem.handleItem, noItem.serviceId, noItem.version, noItem.row.task_handle_item]).toEqual(['123456', '', '123456', null, '']);
    expect(EXCHANGE_TABLES).toEqual(['task_general_basic', 'task_general_extend', 'task_general_material', 'task_general_fee_project', 'task_general_questions']);
  });

  it('refuses a bad row with the reason, naming the row when it can', () => {
    const b = (extra: Record<string, unknown>) => basic('g1', CODE, '', '药品零售许可', extra);
    expect(reason('task_general_basic', null)).toBe('-: row is not a JSON object');
    expect(reason('task_general_basic', [])).toBe('-: row is not a JSON object');
    expect(reason('task_general_basic', 'row')).toBe('-: row is not a JSON object');
    expect(reason('task_general_basic', b({ row_guid: '' }))).toBe('-: row_guid is missing or not text');
    expect(reason('task_general_basic', b({ row_guid: { a: 1 } }))).toBe('-: row_guid is missing or not text');
    expect(reason('task_general_basic', b({ row_guid: 42 }))).toBe('accepted');
    expect(reason('task_general_basic', b({ cd_operation: 'X' }))).toBe('g1: cd_operation must be I, U or D (got "X")');
    expect(reason('task_general_basic', b({ cd_time: '2026-11-01T08:00:00' }))).toBe('g1: cd_time must be "yyyy-MM-dd HH:mm:ss" (got "2026-11-01T08:00:00")');
    expect(reason('task_general_basic', b({ cd_time: 'x2026-11-01 08:00:00' }))).toMatch(/cd_time must be/);
    expect(reason('task_general_basic', b({ cd_time: '2026-11-01 08:00:00x' }))).toMatch(/cd_time must be/);
    expect(reason('task_general_basic', b({ task_code: '' }))).toBe('g1: task_code is missing or not text');
    expect(reason('task_general_basic', b({ task_code: Number.NaN }))).toBe('g1: task_code is missing or not text');
    expect(reason('task_general_basic', b({ task_code: 'x'.repeat(64) }))).toBe('accepted');
    expect(reason('task_general_basic', b({ task_code: 'x'.repeat(65) }))).toBe('g1: task_code is longer than 64 characters');
    expect(reason('task_general_basic', b({ task_handle_item: true }))).toBe('g1: task_handle_item is not text');
    expect(reason('task_general_basic', b({ promise_day: 1.5 }))).toBe('g1: promise_day must be a whole number (got 1.5)');
    expect(reason('task_general_basic', b({ promise_day: '15 days' }))).toBe('g1: promise_day must be a whole number (got "15 days")');
    expect(reason('task_general_basic', b({ promise_day: '1 5' }))).toMatch(/promise_day must be a whole number/);
    expect(reason('task_general_basic', b({ promise_day: true }))).toMatch(/promise_day must be a whole number/);
    expect(reason('task_general_basic', b({ task_name: ['a'] }))).toBe('g1: task_name must be text (got ["a"])');
    expect(reason('task_general_basic', b({ task_name: '' }))).toBe('g1: task_name is required');
    expect(reason('task_general_basic', b({ dept_name: null }))).toBe('g1: dept_name is required');
    expect(reason('task_general_basic', b({ task_version: null }))).toBe('g1: task_version is required');
    // a deletion needs neither the required texts nor a version
    expect(reason('task_general_basic', b({ cd_operation: 'D', task_name: '', task_version: '' }))).toBe('accepted');
    expect(reason('task_general_material', material('m1', CODE, '', ''))).toBe('m1: material_name is required');
    expect(reason('task_general_material', material('m1', CODE, '', '申请书', { order_num: 'first' }))).toBe('m1: order_num must be a whole number (got "first")');
    expect(reason('task_general_fee_project', { row_guid: 'f', cd_operation: 'U', cd_time: '2026-11-01 08:00:00', task_code: CODE })).toBe('f: fee_name is required');
    expect(reason('task_general_questions', { row_guid: 'q', cd_operation: 'U', cd_time: '2026-11-01 08:00:00', task_code: CODE, question: '?' })).toBe('q: answer is required');
    expect(reason('task_general_extend', { row_guid: 'e', cd_operation: 'U', cd_time: '2026-11-01 08:00:00', task_code: CODE })).toBe('accepted');
    expect(reason('task_general_extend', { row_guid: 'e', cd_operation: 'U', cd_time: '2026-11-01 08:00:00', task_code: CODE, is_online: 1 })).toBe('accepted');
    expect(reason('task_general_extend', { row_guid: 'e', cd_operation: 'U', cd_time: '2026-11-01 08:00:00', task_code: CODE, is_online: false })).toBe('e: is_online must be text (got false)');
  });

  // The columns of the exchange tables (catalog-exchange.md) the hub reads: each whole-number column takes a
  // number or its decimal text and refuses anything else; each text column takes text or a code written as a
  // number and refuses anything else; a column left out is held as null, so a stored row has every column.
  const COLUMNS = {
    task_general_basic: {
      int: ['task_version', 'anticipate_day', 'promise_day', 'limit_scene_num'],
      text: ['catalog_code', 'task_name', 'task_type', 'task_state', 'dept_code', 'dept_name', 'by_law', 'accept_condition', 'handle_flow', 'anticipate_type', 'promise_type', 'promise_explain', 'project_type', 'is_fee', 'fee_basis', 'link_way', 'supervise_way', 'transact_addr', 'transact_time', 'handle_type', 'link_addr', 'mobile_terminal_url', 'server_type', 'use_level', 'alias'],
    },
    task_general_extend: {
      int: [],
      text: ['is_entry_center', 'is_online', 'online_handle_url', 'online_handle_depth', 'is_schedule', 'is_express', 'is_pay_online', 'is_service_terminals', 'result_type', 'result_name', 'other_dept', 'limit_explain', 'extend_field'],
    },
    task_general_material: { int: ['order_num', 'page_num'], text: ['material_name', 'material_type', 'material_format', 'page_format', 'is_need', 'source_type', 'source_explain', 'fill_explain', 'accept_stand', 'by_law'] },
    task_general_fee_project: { int: ['order_num'], text: ['fee_name', 'fee_stand', 'by_law', 'is_desc', 'desc_explain'] },
    task_general_questions: { int: ['order_num'], text: ['question', 'answer'] },
  } as const;
  const minimal = (table: keyof typeof COLUMNS): RawRow => ({
    row_guid: 'r',
    cd_operation: 'U',
    cd_time: '2026-11-01 08:00:00',
    task_code: CODE,
    ...(table === 'task_general_basic' ? { task_name: '名', dept_code: 'D', dept_name: '部门', task_version: 1 } : {}),
    ...(table === 'task_general_material' ? { material_name: '表' } : {}),
    ...(table === 'task_general_fee_project' ? { fee_name: '费' } : {}),
    ...(table === 'task_general_questions' ? { question: '问', answer: '答' } : {}),
  });

  it.each(Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>)('%s: every column of the exchange format is normalized, a wrong kind refused', (table) => {
    const held = ok(table, minimal(table)).row;
    for (const col of [...COLUMNS[table].int, ...COLUMNS[table].text]) if (!(col in minimal(table))) expect(held[col], col).toBeNull();
    for (const col of COLUMNS[table].int) {
      expect(ok(table, { ...minimal(table), [col]: '12' }).row[col], col).toBe(12);
      expect(reason(table, { ...minimal(table), [col]: 'x' }), col).toBe(`r: ${col} must be a whole number (got "x")`);
    }
    for (const col of COLUMNS[table].text) {
      expect(ok(table, { ...minimal(table), [col]: 12 }).row[col], col).toBe('12');
      expect(reason(table, { ...minimal(table), [col]: true }), col).toBe(`r: ${col} must be text (got true)`);
    }
    expect(ok(table, { ...minimal(table), extra_col: 1.5 }).row.extra_col).toBe(1.5);
    // and no column the table does not have
    const expected = new Set([...Object.keys(minimal(table)), ...COLUMNS[table].int, ...COLUMNS[table].text, 'task_handle_item']);
    expect(Object.keys(held).sort()).toEqual([...expected].sort());
  });

  it('a whole number survives as a number, in either form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), (n, asText) => {
        const row = ok('task_general_material', material('m', CODE, '', '申请书', { page_num: asText ? String(n) : n }));
        expect(row.row.page_num).toBe(n);
      }),
    );
  });
});

describe('merge rules', () => {
  const held: HeldRow = { version: 2, cdTime: '2026-11-02 08:00:00', deleted: false, content: '{"a":1}' };
  const inc = (over: Partial<{ version: number | null; cdTime: string; deleted: boolean; content: string }> = {}) => ({
    version: 2,
    cdTime: '2026-11-02 08:00:00',
    deleted: false,
    content: '{"a":1}',
    ...over,
  });

  it('new rows apply; the same row again changes nothing; lower versions and older times never overwrite', () => {
    expect(mergeVerdict(null, inc())).toBe('apply');
    expect(mergeVerdict(held, inc())).toBe('unchanged');
    expect(mergeVerdict(held, inc({ version: 1, cdTime: '2026-12-01 08:00:00', content: 'new' }))).toBe('unchanged');
    expect(mergeVerdict(held, inc({ version: 3, cdTime: '2026-01-01 08:00:00' }))).toBe('apply');
    expect(mergeVerdict(held, inc({ cdTime: '2026-11-01 08:00:00', content: 'new' }))).toBe('unchanged');
    expect(mergeVerdict(held, inc({ content: 'new' }))).toBe('apply');
    expect(mergeVerdict(held, inc({ deleted: true }))).toBe('apply');
    expect(mergeVerdict(held, inc({ cdTime: '2026-11-03 08:00:00' }))).toBe('unchanged');
    // a child row carries no version: it takes the held one's, and time decides
    expect(mergeVerdict(held, inc({ version: null, content: 'new' }))).toBe('apply');
    expect(mergeVerdict(held, inc({ version: null, cdTime: '2026-11-01 08:00:00', content: 'new' }))).toBe('unchanged');
  });

  it('rows in any order of arrival end where the newest says, and a second pass changes nothing (property)', () => {
    const row = fc.record({ version: fc.integer({ min: 1, max: 3 }), cdTime: fc.constantFrom('2026-11-01 08:00:00', '2026-11-02 08:00:00'), deleted: fc.boolean(), content: fc.constantFrom('a', 'b') });
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 8, selector: (r) => `${r.version} ${r.cdTime}` }), (rows) => {
        let h: HeldRow | null = null;
        for (const r of [...rows, ...rows]) if (mergeVerdict(h, r) === 'apply') h = r;
        const top = rows.reduce((m, r) => (r.version > m.version || (r.version === m.version && r.cdTime > m.cdTime) ? r : m));
        // the newest row's content (an equal content under a later time is no change, so the time may lag)
        expect(h && [h.version, h.deleted, h.content]).toEqual([top.version, top.deleted, top.content]);
        for (const r of rows) expect(mergeVerdict(h, r)).toBe('unchanged');
      }),
    );
  });
});
