import type { BilingualText } from '@hall/shared';
import { hallTime } from '../time/hall-time.js';
import { PAPER_80MM, asciiText, compactNumbers, cut, feed, hallClockText, labelled, lines, rule, windowList, type Paper, type PrintBlock } from './blocks.js';

export interface TicketPrintInput {
  hall: { name: string; address?: string | null; phone?: string | null; timeZone: string };
  ticket: {
    id: string;
    number: string;
    lineName: string;
    lineNameEn?: string | null;
    peopleAhead: number | null;
    estimatedWaitMinutes: number | null;
    servingWindows: readonly string[];
    issuedAt: number;
    /** the full names of the departments the line serves (the line's own name is often an abbreviation: 市场监管) */
    departments?: readonly string[];
    /** the green-channel group's names, when the ticket has one */
    priorityGroup?: { name: string; nameEn: string } | null;
  };
  /** what the QR code opens: the visitor's phone page for this ticket (default: just the ticket id) */
  qr?: string;
  /** what to do on a missed call, made from the hall's no-show policy (noShowMessage): the same words the walls and phone use */
  noShow: BilingualText;
  paper?: Paper;
}

/** The number is the one thing a visitor must read from across the hall: big, rasterized, bold. */
export const TICKET_NUMBER_DOTS = 150;

/**
 * A queue ticket for an 80 mm thermal printer. Everything a visitor needs while waiting, in Chinese, with one
 * English line. The QR code opens the visitor's phone page for the ticket (its token is the ticket id, which
 * staff and kiosks can also scan); never the only way — the number and the kiosks tell the same.
 */
export function ticketLayout(input: TicketPrintInput): PrintBlock[] {
  const paper = input.paper ?? PAPER_80MM;
  const { hall, ticket: t } = input;
  const issued = hallTime(t.issuedAt, hall.timeZone);
  const ahead = t.peopleAhead;
  const wait = t.estimatedWaitMinutes;
  const blocks: PrintBlock[] = [
    { kind: 'logo', text: hall.name },
    rule('double'),
    ...lines('您的排队号', paper, { align: 'center' }),
    { kind: 'raster-text', text: t.number, size: TICKET_NUMBER_DOTS, align: 'center' },
    ...lines(t.lineName, paper, { align: 'center', bold: true, double: true }),
  ];
  for (const d of t.departments ?? []) if (d !== t.lineName) blocks.push(...lines(d, paper, { align: 'center', bold: true }));
  if (t.priorityGroup) blocks.push(...lines(`绿色通道（${t.priorityGroup.name}）`, paper, { align: 'center', bold: true }));
  blocks.push(rule());
  if (ahead !== null) blocks.push(...labelled('前面等候', ahead === 0 ? '0 人，请留意叫号' : `${ahead} 人`, paper, { bold: true }));
  if (wait !== null && ahead !== null && ahead > 0) blocks.push(...labelled('预计等候', `约 ${wait} 分钟`, paper));
  if (t.servingWindows.length > 0) blocks.push(...labelled('办理窗口', windowList(t.servingWindows), paper));
  blocks.push(...labelled('取号时间', hallClockText(issued.day, issued.minutes), paper));
  blocks.push(
    feed(),
    { kind: 'qr', data: input.qr ?? t.id, cellSize: input.qr && input.qr.length > 60 ? 5 : 6 },
    ...lines('手机扫码查看排队进度，叫号时提醒', paper, { align: 'center' }),
    ...lines('也可凭此码在自助机或窗口查询', paper, { align: 'center' }),
    rule(),
    ...lines(`请留意大厅显示屏和语音叫号；${input.noShow.zh}。本号当日有效。`, paper),
    ...lines(englishLine(input), paper),
    ...lines(`${input.noShow.en}.`, paper),
    rule(),
    ...lines(hall.name, paper, { align: 'center', bold: true }),
  );
  if (hall.address) blocks.push(...lines(hall.address, paper, { align: 'center' }));
  if (hall.phone) blocks.push(...lines(`咨询电话 ${hall.phone}`, paper, { align: 'center' }));
  blocks.push(cut());
  return blocks;
}

/**
 * A ticket sent again after its first copy was cut off (the printer reset mid-job): it says 补打 under the logo,
 * so staff can tell it from a second ticket. The visitor's number and QR are the same.
 */
export function markReprint(blocks: readonly PrintBlock[], paper: Paper = PAPER_80MM): PrintBlock[] {
  if (blocks.some((b) => b.kind === 'text' && b.text.startsWith(REPRINT_MARK))) return [...blocks];
  const at = blocks[0]?.kind === 'logo' ? 1 : 0;
  return [...blocks.slice(0, at), ...lines(`${REPRINT_MARK} REPRINT`, paper, { align: 'center', bold: true }), ...blocks.slice(at)];
}
export const REPRINT_MARK = '【补打】';

/**
 * A name for the single-byte English line: only a name that is wholly printable ASCII is used, since dropping the
 * Chinese from a mixed one ("Department: 市场监管") leaves a fragment ("Department:"), which is worse than none.
 */
function englishName(name: string | null | undefined): string {
  const trimmed = (name ?? '').trim();
  return /^[\x20-\x7e]+$/.test(trimmed) ? asciiText(trimmed) : '';
}

/** "Ticket A012 (General services): 7 ahead, about 19 min. Windows 1, 2, 3." — ASCII, two lines at most. */
function englishLine({ ticket: t }: TicketPrintInput): string {
  const group = t.priorityGroup ? englishName(t.priorityGroup.nameEn) : '';
  const about = [englishName(t.lineNameEn), group ? `priority: ${group}` : ''].filter(Boolean);
  const queue = [
    t.peopleAhead !== null ? `${t.peopleAhead} ahead` : '',
    t.peopleAhead && t.estimatedWaitMinutes !== null ? `about ${t.estimatedWaitMinutes} min` : '',
  ].filter(Boolean);
  const windows = t.servingWindows.length > 0 ? ` Window${t.servingWindows.length > 1 ? 's' : ''} ${compactNumbers(t.servingWindows).join(', ')}.` : '';
  return `Ticket ${t.number}${about.length ? ` (${about.join(', ')})` : ''}${queue.length ? `: ${queue.join(', ')}` : ''}.${windows}`;
}
