import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/adapters/search/build-search-index.js';
import { createCatalogIndex, type RoutingLine, type RoutingWindow } from '../../src/domain/catalog/catalog-index.js';
import { EXCHANGE_TABLES, checkRow, serviceIdOf, type RawRow } from '../../src/domain/catalog/exchange-rows.js';
import { aliasesOf, buildGuide, isFullyOnline, summaryOf, type ServiceRecord } from '../../src/domain/catalog/guide.js';
import { mergeVerdict, type HeldRow } from '../../src/domain/catalog/merge-rules.js';
import { basic, material } from '@hall/testkit/exchange-fixture';

// The pure catalog core: row checks, merge rules, guides and the index — no database (the import through
// SQLite is catalog-import.test.ts). The mutation run (module `catalog`) relies on these.

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

const record = (over: Partial<ServiceRecord> = {}, basicOver: RawRow = {}): ServiceRecord => ({
  id: `${CODE}:01`,
  basic: { ...basic('g1', CODE, '01', '药品零售许可'), alias: '药店许可，开药店、 药店', link_way: '024-1234', supervise_way: '12345', transact_time: '工作日 9:00-17:00', fee_basis: null, ...basicOver },
  extend: null,
  materials: [],
  fees: [],
  questions: [],
  ...over,
});

const routing = { lineId: 'drug', lineName: '药品监管', windows: [{ no: '7', name: '七号窗口', zone: 'B' }] };

describe('guides', () => {
  it('a complete guide: every column of the basic row in its place, child rows in their order', () => {
    const r = record({
      extend: { online_handle_url: 'https://zwfw.example/online', is_schedule: '1', is_express: '0', result_name: '药品经营许可证', other_dept: '市场监管局', online_handle_depth: '3', is_online: '1' },
      materials: [
        material('m2', CODE, '01', '营业执照', { order_num: 2, material_type: '2', material_format: '2', page_num: 2, is_need: '0', source_type: '2', source_explain: '市场监管局核发' }),
        material('m1', CODE, '01', '申请书', { order_num: 1, fill_explain: '用黑色笔', accept_stand: '签字盖章', page_format: 'A4' }),
        material('m3', CODE, '01', '承诺书', { order_num: 3, material_type: '3', material_format: '3', is_need: '2', source_type: null, page_num: null }),
      ],
      fees: [
        { fee_name: '工本费', fee_stand: '10元', by_law: '物价文件', is_desc: '1', desc_explain: '低保减免', order_num: 2 },
        { fee_name: '检验费', order_num: 1 },
      ],
      questions: [{ question: '要多久？', answer: '15个工作日', order_num: 1 }, { question: '', order_num: 0 }],
    });
    expect(buildGuide(r, routing)).toEqual({
      id: `${CODE}:01`,
      taskCode: CODE,
      handleItem: '01',
      name: '药品零售许可',
      deptCode: '11210000EX0000003C',
      deptName: '辽宁省药品监督管理局',
      taskType: '01',
      fullyOnline: false,
      lineId: 'drug',
      catalogCode: '000101002000',
      taskTypeName: '行政许可',
      version: 1,
      legalBasis: '《中华人民共和国药品管理法》第五十一条',
      conditions: '具有依法经过资格认定的药学技术人员。',
      processSteps: ['受理', '审查', '决定'],
      legalTimeLimit: { days: 30, unit: 'working-day', explain: null },
      promisedTimeLimit: { days: 15, unit: 'working-day', explain: null },
      caseType: 'promised',
      charged: true,
      feeBasis: null,
      fees: [
        { name: '检验费', standard: null, basis: null, reducible: false, reduceBasis: null },
        { name: '工本费', standard: '10元', basis: '物价文件', reducible: true, reduceBasis: '低保减免' },
      ],
      visitsNeeded: 1,
      handleForms: ['window', 'pc', 'express'],
      onlineUrl: 'https://zwfw.example/online',
      mobileUrl: null,
      resultsByPost: true,
      appointmentSupported: true,
      rongqueAllowed: true,
      resultName: '药品经营许可证',
      jointDepartments: '市场监管局',
      contact: '024-1234',
      supervision: '12345',
      address: '二楼 药品监管窗口',
      hours: '工作日 9:00-17:00',
      serviceObjects: ['enterprise'],
      materials: [
        { name: '申请书', form: 'original', medium: 'paper', copies: 1, pageFormat: 'A4', required: 'required', source: '申请人自备', fillExplain: '用黑色笔', acceptStandard: '签字盖章' },
        { name: '营业执照', form: 'copy', medium: 'electronic', copies: 2, pageFormat: null, required: 'optional', source: '政府部门核发：市场监管局核发', fillExplain: null, acceptStandard: null },
        { name: '承诺书', form: 'original-and-copy', medium: 'paper-and-electronic', copies: null, pageFormat: null, required: 'rongque', source: null, fillExplain: null, acceptStandard: null },
      ],
      faqs: [
        { question: '', answer: '' },
        { question: '要多久？', answer: '15个工作日' },
      ],
      lineName: '药品监管',
      windows: [{ no: '7', name: '七号窗口', zone: 'B' }],
      aliases: ['药店许可', '开药店', '药店'],
    });
  });

  it('the other code values: natural days, immediate cases, unknown codes kept as given, no routing', () => {
    const g = buildGuide(
      record(
        { materials: [material('m', CODE, '', '表', { material_type: '9', material_format: '9', source_type: '3', order_num: null })] },
        {
          task_type: '99',
          anticipate_type: '2',
          anticipate_explain: '不含公告期',
          promise_type: '2',
          promise_explain: '自受理之日起',
          project_type: '1',
          is_fee: '1',
          fee_basis: '收费依据',
          handle_type: '3；9、7',
          server_type: '1,2,3',
          link_addr: 'https://link.example',
          mobile_terminal_url: 'https://m.example',
          handle_flow: ' 受理 \r\n\r\n 办结 ',
          task_version: null,
          by_law: '  ',
        },
      ),
      { lineId: null, lineName: null, windows: [] },
    );
    expect(g).toMatchObject({
      taskTypeName: '99',
      legalTimeLimit: { days: 30, unit: 'natural-day', explain: '不含公告期' },
      promisedTimeLimit: { days: 15, unit: 'natural-day', explain: '自受理之日起' },
      caseType: 'immediate',
      charged: true,
      feeBasis: '收费依据',
      handleForms: ['mobile', 'other', '7'],
      serviceObjects: ['person', 'enterprise', '3'],
      onlineUrl: 'https://link.example',
      mobileUrl: 'https://m.example',
      resultsByPost: false,
      appointmentSupported: false,
      rongqueAllowed: false,
      processSteps: ['受理', '办结'],
      version: 0,
      legalBasis: null,
      lineId: null,
      lineName: null,
      windows: [],
    });
    expect(g.materials[0]).toMatchObject({ form: null, medium: null, source: '其他' });
    expect(buildGuide(record({}, { project_type: '3', is_fee: '0', task_type: undefined }), routing)).toMatchObject({ caseType: null, charged: false, taskTypeName: '', taskType: '' });
    expect(buildGuide(record({}, { handle_flow: undefined }), routing).processSteps).toEqual([]);
    // results by post: the extension table says so, or post (4) is among the ways of handling
    const byPost = (is_express: string | null, handle_type: string) => buildGuide(record({ extend: { is_express } }, { handle_type }), routing).resultsByPost;
    expect([byPost('1', '1'), byPost('0', '1,4'), byPost(null, '1,2'), byPost('0', '14')]).toEqual([true, true, false, false]);
    expect(TASK_TYPE_NAMES.map((c) => buildGuide(record({}, { task_type: c }), routing).taskTypeName)).toEqual([
      '行政权力', '行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务',
    ]);
  });

  it('容缺 allowed by the province extension field; a broken extension is ignored', () => {
    const withExt = (extend_field: string) => buildGuide(record({ extend: { extend_field } }), routing).rongqueAllowed;
    expect([withExt('{"rongque":true}'), withExt('{"rongque":"true"}'), withExt('[true]'), withExt('null'), withExt('{rongque'), withExt('')]).toEqual([true, false, false, false, false, false]);
  });

  it('fully online: depth 4, or online with no visit needed', () => {
    const fo = (extend: RawRow | null, visits: unknown = 1) => isFullyOnline(record({ extend }, { limit_scene_num: visits }));
    expect([fo({ online_handle_depth: '4' }), fo({ online_handle_depth: '3', is_online: '1' }), fo({ is_online: '1' }, 0), fo({ is_online: '0' }, 0), fo(null, 0), fo({ is_online: '1' }, null)]).toEqual([
      true, false, true, false, false, false,
    ]);
    expect(summaryOf(record({ extend: { online_handle_depth: '4' } }), null)).toEqual({
      id: `${CODE}:01`, taskCode: CODE, handleItem: '01', name: '药品零售许可', deptCode: '11210000EX0000003C', deptName: '辽宁省药品监督管理局', taskType: '01', fullyOnline: true, lineId: null,
    });
    const bare = summaryOf({ id: 'x', basic: {}, extend: null, materials: [], fees: [], questions: [] }, null);
    expect(bare).toEqual({ id: 'x', taskCode: '', handleItem: null, name: '', deptCode: '', deptName: '', taskType: '', fullyOnline: false, lineId: null });
    expect(aliasesOf(record({}, { alias: ' ;；, ' }))).toEqual([]);
  });
});

const TASK_TYPE_NAMES = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'];

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
