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

/**
 * The guide as a one-time notice sheet (一次性告知单): everything the visitor must bring and know, on one strip of
 * 80 mm paper — the materials as a checklist, both time limits, fees, where to go, and the online guide as a QR
 * code with its address also printed (never QR only).
 */
export function guideSheetLayout(guide: Guide, opts: GuideSheetOptions): PrintBlock[] {
  const paper = opts.paper ?? PAPER_80MM;
  const printed = hallTime(opts.printedAt, opts.hall.timeZone);
  const blocks: PrintBlock[] = [
    { kind: 'raster-text', text: '一次性告知单', size: 56, align: 'center' },
    ...lines(opts.hall.name, paper, { align: 'center' }),
    rule('double'),
    ...lines(guide.name, paper, { bold: true, double: true }),
    ...labelled('实施部门', guide.deptName, paper),
    ...labelled('事项类型', `${guide.taskTypeName}${caseTypeText(guide) ? `（${caseTypeText(guide)}）` : ''}`, paper),
  ];
  if (guide.conditions) blocks.push(rule(), ...heading('受理条件', paper), ...lines(guide.conditions, paper));

  blocks.push(rule(), ...heading(`申请材料（共 ${guide.materials.length} 项）`, paper));
  if (guide.materials.length === 0) blocks.push(...lines('无需提交材料。', paper));
  guide.materials.forEach((m, i) => blocks.push(...materialLines(m, i + 1, paper)));
  if (guide.rongqueAllowed) {
    blocks.push(...lines('※ 本事项支持容缺受理：标注“可容缺”的材料可先书面承诺、后补交（守信红榜申请人适用）。', paper));
  }

  blocks.push(rule(), ...heading('办理时限', paper));
  blocks.push(...labelled('法定办结时限', limitText(guide.legalTimeLimit), paper));
  if (guide.legalTimeLimit.explain) blocks.push(...lines(`（${guide.legalTimeLimit.explain}）`, paper, {}, ' '));
  blocks.push(...labelled('承诺办结时限', limitText(guide.promisedTimeLimit), paper, { bold: true }));
  if (guide.promisedTimeLimit.explain) blocks.push(...lines(`（${guide.promisedTimeLimit.explain}）`, paper, {}, ' '));

  blocks.push(rule(), ...heading('收费', paper));
  if (!guide.charged) blocks.push(...lines('不收费', paper, { bold: true }));
  for (const f of guide.fees) {
    const name = f.name || '费用';
    const standard = f.standard ?? '按规定标准收取';
    // A short standard sits at the right of its fee, like a price list; a long one reads as a sentence.
    if (displayWidth(name) + displayWidth(standard) + 2 <= paper.columns) {
      for (const line of leftRight(name, standard, paper.columns)) blocks.push(...lines(line, paper));
    } else blocks.push(...labelled(name, standard, paper));
    if (f.reducible) blocks.push(...lines(`可减免${f.reduceBasis ? `：${f.reduceBasis}` : ''}`, paper, {}, '  '));
  }
  if (guide.charged && guide.fees.length === 0) blocks.push(...lines('收费，标准请咨询窗口。', paper));
  if (guide.feeBasis) blocks.push(...labelled('收费依据', guide.feeBasis, paper));

  blocks.push(rule(), ...heading('办理地点', paper));
  blocks.push(...labelled('地点', guide.address ?? opts.hall.address ?? opts.hall.name, paper));
  if (guide.windows.length > 0) {
    blocks.push(...labelled('窗口', windowList(guide.windows.map((w) => w.no)), paper, { bold: true }));
  }
  if (guide.lineName) blocks.push(...labelled('取号', `请在自助机选择“${guide.lineName}”取号`, paper));
  if (guide.hours) blocks.push(...labelled('时间', guide.hours, paper));
  if (guide.contact) blocks.push(...labelled('咨询', guide.contact, paper));
  if (guide.visitsNeeded !== null) blocks.push(...labelled('到现场次数', `${guide.visitsNeeded} 次`, paper));
  if (guide.resultsByPost) blocks.push(...lines('办理结果可邮寄送达。', paper));

  const online = guide.onlineUrl ?? guide.mobileUrl;
  const ascii = online ? asciiPayload(online) : null;
  // Past 300 bytes a QR code gets too dense for 80 mm paper and a phone camera; the address is printed anyway.
  const qr = ascii && ascii.length <= 300 ? ascii : null;
  if (online) {
    blocks.push(rule(), ...heading(guide.fullyOnline ? '网上办理（可全程网办）' : '网上办理', paper));
    blocks.push(...lines(ascii ?? online, paper));
    if (qr) blocks.push(feed(), { kind: 'qr', data: qr, cellSize: qr.length > 120 ? 4 : 5 }, ...lines('扫码查看网上办事指南', paper, { align: 'center' }));
  }

  blocks.push(
    rule(),
    ...lines('以上为本事项需提交的全部材料和办理要求（一次性告知）。材料齐全即予受理；如有疑问请咨询窗口工作人员。', paper),
    ...labelled('打印时间', hallClockText(printed.day, printed.minutes), paper),
    ...labelled('事项编码', guide.taskCode, paper),
    ...labelled('指南版本', `第 ${guide.version} 版`, paper),
    ...lines(opts.hall.name, paper, { align: 'center', bold: true }),
  );
  if (opts.hall.phone) blocks.push(...lines(`咨询电话 ${opts.hall.phone}`, paper, { align: 'center' }));
  blocks.push(cut());
  return blocks;
}

function materialLines(m: GuideMaterial, n: number, paper: Paper): PrintBlock[] {
  const facts = [
    m.form ? `${FORM[m.form]}${m.copies ? `${m.copies}份` : ''}` : m.copies ? `${m.copies}份` : null,
    m.medium ? MEDIUM[m.medium] : null,
    m.required === 'rongque' ? '可容缺' : m.required === 'optional' ? '非必需，视情况提交' : null,
    m.source,
  ].filter((x): x is string => Boolean(x));
  const box = `${CHECKBOX} ${n}. `;
  const indent = ' '.repeat(box.length);
  const out = lines(`${box}${m.name}`, paper, {}, indent);
  if (facts.length > 0) out.push(...lines(`${indent}${facts.join('；')}`, paper, {}, indent));
  if (m.fillExplain) out.push(...lines(`${indent}填写：${m.fillExplain}`, paper, {}, indent));
  return out;
}

function limitText(l: Guide['legalTimeLimit']): string {
  if (l.days === null) return '未规定';
  if (l.days === 0) return '即办（当场办结）';
  return `${l.days}个${l.unit === 'natural-day' ? '自然日' : '工作日'}`;
}

function caseTypeText(g: Guide): string {
  return g.caseType === 'immediate' ? '即办件' : g.caseType === 'promised' ? '承诺件' : '';
}
