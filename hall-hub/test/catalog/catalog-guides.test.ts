import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/domain/catalog/exchange-rows.js';
import { aliasesOf, buildGuide, isFullyOnline, summaryOf, type ServiceRecord } from '../../src/domain/catalog/guide.js';
import { basic, material } from '@hall/testkit/exchange-fixture';

// The pure catalog core (guides and summaries) — no database (the import through SQLite is catalog-import.test.ts).
// The mutation run (scripts/mutation-modules.mjs, the catalog's groups) relies on these.

const CODE = '11210000EX0000003C4000117003000';

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
    // lists the province left out are empty; a name of blanks only is no name
    const sparse = buildGuide(
      record({ materials: [material('m', CODE, '', ' ')], fees: [{ fee_name: '  ' }] }, { alias: undefined, handle_type: undefined, server_type: undefined }),
      routing,
    );
    expect(sparse).toMatchObject({ aliases: [], handleForms: [], serviceObjects: [], resultsByPost: false });
    expect([sparse.materials[0]?.name, sparse.fees[0]?.name]).toEqual(['', '']);
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
