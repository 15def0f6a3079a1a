import type { Guide } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { buildEscpos } from '../../src/adapters/printer/escpos.js';
import { createRasterizer } from '../../src/adapters/printer/raster.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { sampleGuide } from './sample-guide.js';

const hall = { name: '测试政务服务中心', address: null, phone: null, timeZone: 'Asia/Shanghai' };
const rasterizer = createRasterizer();

/** The sheet as the printer reads it: ESC/POS bytes decoded, wrapped lines joined again. */
async function printed(guide: Guide): Promise<string> {
  const bytes = await buildEscpos(guideSheetLayout(guide, { hall, printedAt: MONDAY_0900 }), { widthDots: 576, columns: 48, rasterizer });
  const read = readEscpos(bytes);
  expect(read.unknown).toEqual([]);
  return read.text.replace(/\s+/g, '');
}

const material = sampleGuide().materials[0]!;

/** Every element of the guide, set. */
const full = sampleGuide({
  handleItem: '11210000EX0000003C400010100200001',
  legalBasis: '《中华人民共和国药品管理法》第五十一条',
  processSteps: ['网上申报', '窗口受理', '现场核查', '作出决定'],
  caseType: 'promised',
  serviceObjects: ['enterprise', 'person'],
  handleForms: ['window', 'pc', 'mobile', 'express'],
  resultName: '药品经营许可证',
  jointDepartments: '辽宁省市场监督管理局',
  supervision: '024-12345',
  appointmentSupported: true,
  mobileUrl: 'https://m.example.gov.cn/T1',
  fees: [{ name: '证书工本费', standard: '10元/本', basis: '辽价发〔2020〕1号', reducible: false, reduceBasis: null }],
  faqs: [{ question: '可以委托他人办理吗？', answer: '可以，须提交授权委托书。' }],
  materials: [
    { ...material, name: '营业执照', copies: 0, source: '政府部门核发', pageFormat: 'A4', acceptStandard: '在有效期内' },
  ],
});

/** The same guide with every optional element unset. */
const bare = sampleGuide({
  handleItem: null,
  legalBasis: null,
  processSteps: [],
  caseType: null,
  serviceObjects: [],
  handleForms: [],
  resultName: null,
  jointDepartments: null,
  supervision: null,
  appointmentSupported: false,
  mobileUrl: null,
  feeBasis: null,
  fees: [{ name: '证书工本费', standard: '10元/本', basis: null, reducible: false, reduceBasis: null }],
  faqs: [],
  materials: [{ ...material, name: '营业执照', copies: 2, source: null, pageFormat: null, acceptStandard: null }],
});

/** label → what the printer shows when the element is set; when it is not, the label is not printed at all. */
const ELEMENTS: Array<[string, string[]]> = [
  ['业务办理项编码', ['业务办理项编码：11210000EX0000003C400010100200001']],
  ['办理依据', ['【办理依据】《中华人民共和国药品管理法》第五十一条']],
  ['办理流程', ['【办理流程】1.网上申报2.窗口受理3.现场核查4.作出决定']],
  ['办件类型', ['办件类型：承诺件']],
  ['服务对象', ['服务对象：企业法人、自然人']],
  ['办理形式', ['办理形式：窗口办理、网上办理、移动端办理、快递申请']],
  ['审批结果', ['审批结果：药品经营许可证']],
  ['联办部门', ['联办部门：辽宁省市场监督管理局']],
  ['监督投诉', ['监督投诉：024-12345']],
  ['网上预约', ['支持网上预约']],
  ['移动端', ['移动端：https://m.example.gov.cn/T1']],
  ['依据：', ['依据：辽价发〔2020〕1号']],
  ['常见问题', ['【常见问题】问：可以委托他人办理吗？答：可以，须提交授权委托书。']],
  ['来源：', ['来源：政府部门核发']],
  ['A4', ['A4']],
  ['受理标准', ['受理标准：在有效期内']],
  ['电子证照库', ['0份：通过电子证照库核验，无需提交']],
];

describe('the whole guide on the one-time notice sheet (一次性告知单), read back from ESC/POS', () => {
  it('prints every element the guide carries when it is set', async () => {
    const text = await printed(full);
    for (const [label, shown] of ELEMENTS) for (const s of shown) expect(text, label).toContain(s.replace(/\s+/g, ''));
  });

  it('prints none of them when they are not set — no empty headings, no blank labels', async () => {
    const text = await printed(bare);
    for (const [label] of ELEMENTS) expect(text, label).not.toContain(label);
    // what every guide has is still there
    expect(text).toContain('实施部门：辽宁省药品监督管理局');
    expect(text).toContain('营业执照');
  });
});
