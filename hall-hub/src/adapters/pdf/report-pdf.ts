import type { Figures, Report, ReportRow } from '@hall/shared';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hallTime } from '../../domain/time/hall-time.js';
import { BLUE, GREEN, INK, MARGIN, MUTED, RULE, num, pct, table, type Cell, type Column, type Doc } from './pdf-kit.js';
import { rankingSections } from './ranking-pdf.js';
import { loadPdfKit } from '../lazy-modules.js';

/** The CJK font the hub already ships for printing (Noto Sans Hans, OFL), embedded as a subset. */
function bundledFont(weight: 'DemiLight' | 'Bold'): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', `NotoSansHans-${weight}.otf`);
}

const FIGURE_COLUMNS: Column[] = [
  ['取号', 40, 'right'],
  ['办结', 40, 'right'],
  ['过号', 36, 'right'],
  ['未叫号', 40, 'right'],
  ['平均等候', 50, 'right'],
  ['最长等候', 50, 'right'],
  ['平均办理', 50, 'right'],
  ['满意率', 46, 'right'],
  ['差评', 34, 'right'],
  ['未评价', 40, 'right'],
  ['红灯', 34, 'right'],
  ['黄灯', 34, 'right'],
];

function figureCells(f: Figures): Cell[] {
  return [
    f.issued,
    f.served,
    f.noShow,
    f.unserved,
    f.avgWaitMinutes,
    f.maxWaitMinutes,
    f.avgServiceMinutes,
    pct(f.satisfactionRate),
    f.ratings.dissatisfied + f.ratings['very-dissatisfied'],
    f.ratings.unrated,
    f.warnings.waitRed + f.warnings.serviceRed,
    f.warnings.waitYellow + f.warnings.serviceYellow,
  ];
}

/** `total` only for groupings that partition every ticket (departments, lines): windows see only tickets called. */
function groupTable(doc: Doc, title: string, keyHead: string, rows: ReportRow[], withDept: boolean, total: Figures | null): void {
  const columns: Column[] = [
    [keyHead, withDept ? 56 : 80, 'left'],
    ['名称', withDept ? 110 : 180, 'left'],
    ...(withDept ? ([['部门', 120, 'left']] as Column[]) : []),
    ...FIGURE_COLUMNS,
  ];
  const body = rows.map((r) => [r.key, r.name, ...(withDept ? [r.department] : []), ...figureCells(r.figures)]);
  table(doc, title, columns, total ? [...body, ['合计', '', ...(withDept ? [''] : []), ...figureCells(total)]] : body);
}

/** Bars of tickets taken and served per hour (or day), with the scale and the labels. */
function seriesChart(doc: Doc, report: Report): void {
  const points = report.series.points;
  const x0 = MARGIN + 30;
  const y0 = doc.y + 14;
  const w = doc.page.width - 2 * MARGIN - 40;
  const h = 110;
  const max = Math.max(1, ...points.map((p) => Math.max(p.issued, p.served)));
  doc.font('bold').fontSize(11).fillColor(BLUE).text(report.series.unit === 'hour' ? '各时段取号与办结' : '每日取号与办结', MARGIN, doc.y);
  doc.font('regular').fontSize(7).fillColor(MUTED);
  doc.text(String(max), MARGIN, y0 - 3, { width: 26, align: 'right' });
  doc.text('0', MARGIN, y0 + h - 6, { width: 26, align: 'right' });
  doc.moveTo(x0, y0).lineTo(x0, y0 + h).lineTo(x0 + w, y0 + h).strokeColor(INK).lineWidth(0.6).stroke();
  const slot = w / Math.max(1, points.length);
  const bar = Math.max(1, slot * 0.35);
  points.forEach((p, i) => {
    const x = x0 + i * slot + slot * 0.12;
    const hi = (p.issued / max) * h;
    const hs = (p.served / max) * h;
    doc.rect(x, y0 + h - hi, bar, hi).fill(BLUE);
    doc.rect(x + bar, y0 + h - hs, bar, hs).fill(GREEN);
    // Every label of a day's hours; every few of a month's days.
    if (points.length <= 16 || i % Math.ceil(points.length / 16) === 0) {
      doc.fillColor(MUTED).fontSize(6.5).text(report.series.unit === 'hour' ? p.label.slice(0, 2) : p.label.slice(5), x - 4, y0 + h + 3, { width: slot, lineBreak: false });
    }
  });
  doc.rect(x0 + w - 150, y0 - 12, 8, 8).fill(BLUE);
  doc.fillColor(INK).fontSize(7.5).text('取号', x0 + w - 138, y0 - 12, { lineBreak: false });
  doc.rect(x0 + w - 100, y0 - 12, 8, 8).fill(GREEN);
  doc.fillColor(INK).text('办结', x0 + w - 88, y0 - 12, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = y0 + h + 16;
}

/** An instant as the hall's wall clock reads it (YYYY-MM-DD HH:MM), whatever zone the hub's machine is set to. */
export function hallClock(iso: string, timeZone: string): string {
  const t = hallTime(Date.parse(iso), timeZone);
  const hh = String(Math.floor(t.minutes / 60)).padStart(2, '0');
  const mm = String(t.minutes % 60).padStart(2, '0');
  return `${t.day} ${hh}:${mm}`;
}

function summary(doc: Doc, f: Figures): void {
  const items: Array<[string, string]> = [
    ['取号', num(f.issued)],
    ['办结', num(f.served)],
    ['过号', num(f.noShow)],
    ['平均等候(分钟)', num(f.avgWaitMinutes)],
    ['平均办理(分钟)', num(f.avgServiceMinutes)],
    ['满意率', pct(f.satisfactionRate)],
    ['红灯预警', num(f.warnings.waitRed + f.warnings.serviceRed)],
    ['黄灯预警', num(f.warnings.waitYellow + f.warnings.serviceYellow)],
  ];
  const w = (doc.page.width - 2 * MARGIN) / items.length;
  const y = doc.y + 6;
  items.forEach(([label, value], i) => {
    const x = MARGIN + i * w;
    doc.rect(x + 2, y, w - 4, 40).strokeColor(RULE).lineWidth(0.6).stroke();
    doc.font('regular').fontSize(8).fillColor(MUTED).text(label, x + 8, y + 5, { width: w - 16, lineBreak: false });
    doc.font('bold').fontSize(15).fillColor(INK).text(value, x + 8, y + 17, { width: w - 16, lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = y + 52;
}

/**
 * A report as an A4 landscape PDF in Chinese: the totals, a chart, the department ranking with its evaluation
 * (cases on time, 容缺, 好差评) and its chart, and the tables per department, window and staff member. Times are
 * the hall's wall clock. pdfkit embeds a subset of the CJK font, so any PDF reader
 * shows the names as written.
 */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `${report.hallName} ${report.kind === 'daily' ? '日报' : '月报'} ${report.from}${report.from === report.to ? '' : ` — ${report.to}`}`,
      Author: report.hallName,
      Creator: 'hall hub',
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', bundledFont('DemiLight'));
  doc.registerFont('bold', bundledFont('Bold'));

  const period = report.kind === 'daily' ? report.from : report.from.slice(0, 7);
  doc.font('bold').fontSize(18).fillColor(INK).text(`${report.hallName}  ${report.kind === 'daily' ? '运行日报' : '运行月报'}  ${period}`);
  doc.font('regular').fontSize(8.5).fillColor(MUTED)
    .text(`统计区间 ${report.from} 至 ${report.to}  ·  生成于 ${hallClock(report.generatedAt, report.timeZone)}（${report.timeZone}）  ·  等候=取号至叫号，办理=开始至办结，单位分钟；红黄灯按各业务的预警阈值`);
  summary(doc, report.totals);
  seriesChart(doc, report);

  rankingSections(doc, report);
  groupTable(doc, '按部门', '编码', report.departments, false, report.totals);
  groupTable(doc, '按窗口', '窗口', report.windows, true, null);
  groupTable(doc, '按工作人员', '工号', report.staff, true, null);
  groupTable(doc, '按业务', '业务', report.lines, false, report.totals);
  doc.end();
  return done;
}
