import type { Guide, GuideMaterial } from '@hall/shared';
import { hallTime } from '../time/hall-time.js';
import {
  CHECKBOX,
  PAPER_80MM,
  asciiPayload,
  cut,
  feed,
  hallClockText,
  heading,
  labelled,
  lines,
  rule,
  windowList,
  type Paper,
  type PrintBlock,
} from './blocks.js';
import { displayWidth, leftRight } from './text-width.js';

export interface GuideSheetOptions {
  hall: { name: string; address?: string | null; phone?: string | null; timeZone: string };
  printedAt: number;
  paper?: Paper;
}

const FORM: Record<NonNullable<GuideMaterial['form']>, string> = {
  original: '原件',
  copy: '复印件',
  'original-and-copy': '原件和复印件',
};
const MEDIUM: Record<NonNullable<GuideMaterial['medium']>, string> = {
  paper: '纸质',
  electronic: '电子',
  'paper-and-electronic': '纸质或电子',
};
const CASE_TYPES: Record<NonNullable<Guide['caseType']>, string> = { immediate: '即办件', promised: '承诺件' };
const SERVICE_OBJECTS: Record<string, string> = { person: '自然人', enterprise: '企业法人' };
const HANDLE_FORMS: Record<string, string> = { window: '窗口办理', pc: '网上办理', mobile: '移动端办理', express: '快递申请', other: '其他' };

/**
 * The guide as a one-time notice sheet (一次性告知单): everything the visitor must bring and know, on one strip of
 * 80 mm paper — who it is for and what it yields, the basis, the materials as a checklist, the steps, both time
 * limits, fees, where to go and whom to complain to, and the online guide as a QR code with its address also
 * printed (never QR only). Each element is printed only where the catalog sets it.
 */
export function guideSheetLayout(guide: Guide, opts: GuideSheetOptions): PrintBlock[] {
  const paper = opts.paper ?? PAPER_80MM;
  const printed = hallTime(opts.printedAt, opts.hall.timeZone);
  const blocks: PrintBlock[] = [
    { kind: 'raster-text', text: '一次性告知单', size: 56, align: 'center' },
    ...lines(opts.hall.name, paper, { align: 'center' }),
    rule('double'),
    ...lines(guide.name, paper, { bold: true, double: true }),
    ...overview(guide, paper),
  ];
  if (guide.legalBasis) blocks.push(rule(), ...heading('办理依据', paper), ...lines(guide.legalBasis, paper));
  if (guide.conditions) blocks.push(rule(), ...heading('受理条件', paper), ...lines(guide.conditions, paper));
  blocks.push(...materials(guide, paper));
  if (guide.processSteps.length > 0) {
    blocks.push(rule(), ...heading('办理流程', paper));
    guide.processSteps.forEach((s, i) => blocks.push(...lines(`${i + 1}. ${s}`, paper, {}, '   ')));
  }
  blocks.push(...timeLimits(guide, paper), ...fees(guide, paper), ...place(guide, opts, paper), ...online(guide, paper));
  if (guide.faqs.length > 0) {
    blocks.push(rule(), ...heading('常见问题', paper));
    for (const f of guide.faqs) blocks.push(...lines(`问：${f.question}`, paper, { bold: true }, '    '), ...lines(`答：${f.answer}`, paper, {}, '    '));
  }

  blocks.push(
    rule(),
    ...lines('以上为本事项需提交的全部材料和办理要求（一次性告知）。材料齐全即予受理；如有疑问请咨询窗口工作人员。', paper),
    ...labelled('打印时间', hallClockText(printed.day, printed.minutes), paper),
    ...labelled('事项编码', guide.taskCode, paper),
  );
  if (guide.handleItem) blocks.push(...labelled('业务办理项编码', guide.handleItem, paper));
  blocks.push(...labelled('指南版本', `第 ${guide.version} 版`, paper), ...lines(opts.hall.name, paper, { align: 'center', bold: true }));
  if (opts.hall.phone) blocks.push(...lines(`咨询电话 ${opts.hall.phone}`, paper, { align: 'center' }));
  blocks.push(cut());
  return blocks;
}

/** Who does it, for whom, of what kind, how it can be done, what it yields, and with which other departments. */
function overview(guide: Guide, paper: Paper): PrintBlock[] {
  const out = [...labelled('实施部门', guide.deptName, paper), ...labelled('事项类型', guide.taskTypeName, paper)];
  if (guide.caseType) out.push(...labelled('办件类型', CASE_TYPES[guide.caseType], paper));
  if (guide.serviceObjects.length > 0) out.push(...labelled('服务对象', guide.serviceObjects.map((o) => SERVICE_OBJECTS[o] ?? o).join('、'), paper));
  if (guide.handleForms.length > 0) out.push(...labelled('办理形式', guide.handleForms.map((f) => HANDLE_FORMS[f] ?? f).join('、'), paper));
  if (guide.resultName) out.push(...labelled('审批结果', guide.resultName, paper));
  if (guide.jointDepartments) out.push(...labelled('联办部门', guide.jointDepartments, paper));
  return out;
}

function materials(guide: Guide, paper: Paper): PrintBlock[] {
  const out = [rule(), ...heading(`申请材料（共 ${guide.materials.length} 项）`, paper)];
  if (guide.materials.length === 0) out.push(...lines('无需提交材料。', paper));
  guide.materials.forEach((m, i) => out.push(...materialLines(m, i + 1, paper)));
  if (guide.rongqueAllowed) {
    out.push(...lines('※ 本事项支持容缺受理：标注“可容缺”的材料可先书面承诺、后补交（守信红榜申请人适用）。', paper));
  }
  return out;
}

function timeLimits(guide: Guide, paper: Paper): PrintBlock[] {
  const out = [rule(), ...heading('办理时限', paper), ...labelled('法定办结时限', limitText(guide.legalTimeLimit), paper)];
  if (guide.legalTimeLimit.explain) out.push(...lines(`（${guide.legalTimeLimit.explain}）`, paper, {}, ' '));
  out.push(...labelled('承诺办结时限', limitText(guide.promisedTimeLimit), paper, { bold: true }));
  if (guide.promisedTimeLimit.explain) out.push(...lines(`（${guide.promisedTimeLimit.explain}）`, paper, {}, ' '));
  return out;
}

function fees(guide: Guide, paper: Paper): PrintBlock[] {
  const out = [rule(), ...heading('收费', paper)];
  if (!guide.charged) out.push(...lines('不收费', paper, { bold: true }));
  for (const f of guide.fees) {
    const name = f.name || '费用';
    const standard = f.standard ?? '按规定标准收取';
    // A short standard sits at the right of its fee, like a price list; a long one reads as a sentence.
    if (displayWidth(name) + displayWidth(standard) + 2 <= paper.columns) {
      for (const line of leftRight(name, standard, paper.columns)) out.push(...lines(line, paper));
    } else out.push(...labelled(name, standard, paper));
    if (f.basis) out.push(...lines(`依据：${f.basis}`, paper, {}, '  '));
    if (f.reducible) out.push(...lines(`可减免${f.reduceBasis ? `：${f.reduceBasis}` : ''}`, paper, {}, '  '));
  }
  if (guide.charged && guide.fees.length === 0) out.push(...lines('收费，标准请咨询窗口。', paper));
  if (guide.feeBasis) out.push(...labelled('收费依据', guide.feeBasis, paper));
  return out;
}

function place(guide: Guide, opts: GuideSheetOptions, paper: Paper): PrintBlock[] {
  const out = [rule(), ...heading('办理地点', paper), ...labelled('地点', guide.address ?? opts.hall.address ?? opts.hall.name, paper)];
  if (guide.windows.length > 0) out.push(...labelled('窗口', windowList(guide.windows.map((w) => w.no)), paper, { bold: true }));
  if (guide.lineName) out.push(...labelled('取号', `请在自助机选择“${guide.lineName}”取号`, paper));
  if (guide.appointmentSupported) out.push(...lines('本事项支持网上预约，预约后到自助机签到取号。', paper));
  if (guide.hours) out.push(...labelled('时间', guide.hours, paper));
  if (guide.contact) out.push(...labelled('咨询', guide.contact, paper));
  if (guide.supervision) out.push(...labelled('监督投诉', guide.supervision, paper));
  if (guide.visitsNeeded !== null) out.push(...labelled('到现场次数', `${guide.visitsNeeded} 次`, paper));
  if (guide.resultsByPost) out.push(...lines('办理结果可邮寄送达。', paper));
  return out;
}

function online(guide: Guide, paper: Paper): PrintBlock[] {
  const url = guide.onlineUrl ?? guide.mobileUrl;
  if (!url) return [];
  const ascii = asciiPayload(url);
  // Past 300 bytes a QR code gets too dense for 80 mm paper and a phone camera; the address is printed anyway.
  const qr = ascii && ascii.length <= 300 ? ascii : null;
  const out = [rule(), ...heading(guide.fullyOnline ? '网上办理（可全程网办）' : '网上办理', paper), ...lines(ascii ?? url, paper)];
  if (qr) out.push(feed(), { kind: 'qr', data: qr, cellSize: qr.length > 120 ? 4 : 5 }, ...lines('扫码查看网上办事指南', paper, { align: 'center' }));
  if (guide.mobileUrl && guide.mobileUrl !== url) out.push(...labelled('移动端', asciiPayload(guide.mobileUrl) ?? guide.mobileUrl, paper));
  return out;
}

function materialLines(m: GuideMaterial, n: number, paper: Paper): PrintBlock[] {
  const facts = [
    m.form ? `${FORM[m.form]}${m.copies ? `${m.copies}份` : ''}` : m.copies ? `${m.copies}份` : null,
    m.medium ? MEDIUM[m.medium] : null,
    m.pageFormat,
    m.required === 'rongque' ? '可容缺' : m.required === 'optional' ? '非必需，视情况提交' : null,
    m.source ? `来源：${m.source}` : null,
  ].filter((x): x is string => Boolean(x));
  const box = `${CHECKBOX} ${n}. `;
  const indent = ' '.repeat(box.length);
  const out = lines(`${box}${m.name}`, paper, {}, indent);
  if (facts.length > 0) out.push(...lines(`${indent}${facts.join('；')}`, paper, {}, indent));
  // "0 份" explains itself: the hall checks the document in the electronic licence library, nothing is handed in.
  if (m.copies === 0) out.push(...lines(`${indent}0份：通过电子证照库核验，无需提交`, paper, {}, indent));
  if (m.fillExplain) out.push(...lines(`${indent}填写：${m.fillExplain}`, paper, {}, indent));
  if (m.acceptStandard) out.push(...lines(`${indent}受理标准：${m.acceptStandard}`, paper, {}, indent));
  return out;
}

function limitText(l: Guide['legalTimeLimit']): string {
  if (l.days === null) return '未规定';
  if (l.days === 0) return '即办（当场办结）';
  return `${l.days}个${l.unit === 'natural-day' ? '自然日' : '工作日'}`;
}

