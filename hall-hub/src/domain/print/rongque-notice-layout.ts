import type { RongqueRecord } from '@hall/shared';
import { deadlineText } from '../rongque/rongque-notices.js';
import { hallTime } from '../time/hall-time.js';
import { CHECKBOX, PAPER_80MM, cut, hallClockText, heading, labelled, lines, rule, type Paper, type PrintBlock } from './blocks.js';

export interface RongqueNoticeOptions {
  hall: { name: string; phone?: string | null; timeZone: string };
  /** the deadline's hall day (YYYY-MM-DD) */
  deadlineDay: string;
  paper?: Paper;
}

/**
 * 容缺受理通知书: what the applicant must still bring and by when, on the window's 80 mm printer. The applicant
 * appears masked (the slip may be left on a counter); the case is named by its id so the supply can be matched.
 */
export function rongqueNoticeLayout(r: RongqueRecord, opts: RongqueNoticeOptions): PrintBlock[] {
  const paper = opts.paper ?? PAPER_80MM;
  const accepted = hallTime(Date.parse(r.acceptedAt), opts.hall.timeZone);
  const blocks: PrintBlock[] = [
    { kind: 'raster-text', text: '容缺受理通知书', size: 56, align: 'center' },
    ...lines(opts.hall.name, paper, { align: 'center' }),
    rule('double'),
    ...labelled('申请人', r.applicant, paper),
    ...labelled('办理事项', r.serviceName, paper, { bold: true }),
    ...labelled('受理部门', r.departmentName, paper),
    ...labelled('受理窗口', `${r.windowNo} 号窗口（工号 ${r.staffId}）`, paper),
    ...labelled('受理时间', hallClockText(accepted.day, accepted.minutes), paper),
    ...labelled('号票', r.ticketNo, paper),
    rule(),
    ...heading(`待补交材料（共 ${r.missing.length} 项）`, paper),
  ];
  for (const m of r.missing) blocks.push(...lines(`${CHECKBOX} ${m}`, paper, {}, '   '));
  blocks.push(
    rule(),
    ...labelled('补交期限', `${deadlineText(opts.deadlineDay)}前（${r.supplyWorkingDays}个工作日）`, paper, { bold: true, double: true }),
    ...lines('您的申请已容缺受理。请在补交期限内将上述材料送交受理窗口；逾期未补齐的，申请将不予受理，并记入信用记录。', paper),
    ...labelled('受理编号', r.id, paper),
    ...lines(opts.hall.name, paper, { align: 'center', bold: true }),
  );
  if (opts.hall.phone) blocks.push(...lines(`咨询电话 ${opts.hall.phone}`, paper, { align: 'center' }));
  blocks.push(cut());
  return blocks;
}
