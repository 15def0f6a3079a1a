import type { RankingRow, Report, SampledRate } from '@hall/shared';
import { BLUE, INK, MARGIN, MUTED, RULE, pct, table, type Cell, type Doc } from './pdf-kit.js';

/** The words a figure below the hall's minimum sample shows instead of a number. */
export const INSUFFICIENT = '样本不足';

/** A rate over its sample: 样本不足 below the minimum, a dash with no sample at all. */
const rate = (s: SampledRate): string => (s.enough ? pct(s.rate) : s.of === 0 ? '—' : INSUFFICIENT);

const scoreCells = (r: RankingRow): Cell[] => [
  r.rank ?? INSUFFICIENT,
  r.name,
  r.score,
  r.satisfactionScore,
  r.waitScore,
  r.serviceScore,
  r.onTimeScore,
  r.rongqueScore,
  r.served,
  r.avgWaitMinutes,
  r.avgServiceMinutes,
  r.redWarnings,
  r.yellowWarnings,
];

const evaluationCells = (r: RankingRow): Cell[] => [
  r.rank ?? INSUFFICIENT,
  r.name,
  r.cases.onTime.of,
  r.cases.onTime.count,
  rate(r.cases.onTime),
  r.cases.overdueFinished,
  r.cases.overdueOpen,
  r.rongque.accepted,
  r.rongque.suppliedOnTime.of,
  rate(r.rongque.suppliedOnTime),
  r.satisfaction.of,
  r.satisfaction.count,
  r.badRatings,
  rate(r.satisfaction),
];

/**
 * Scores as horizontal bars, one row per department (ranked ones first, then 样本不足): the chart grows with the
 * number of departments and goes on over pages, so no label ever shares a row — 41 departments stay readable.
 */
function rankingChart(doc: Doc, report: Report): void {
  const rowH = 14;
  const labelW = 230;
  const valueW = 54;
  const x0 = MARGIN + labelW;
  const barW = doc.page.width - 2 * MARGIN - labelW - valueW;
  const bottom = () => doc.page.height - MARGIN;
  const title = (more: boolean) => {
    doc.font('bold').fontSize(11).fillColor(BLUE).text(more ? '部门综合得分（续）' : '部门综合得分', MARGIN, doc.y + 8);
    doc.y += 4;
  };
  if (doc.y + 3 * rowH + 24 > bottom()) doc.addPage();
  title(false);
  for (const r of report.ranking) {
    if (doc.y + rowH > bottom()) {
      doc.addPage();
      title(true);
    }
    const y = doc.y;
    doc.font('regular').fontSize(8).fillColor(INK);
    doc.text(`${r.rank ?? '—'}. ${r.name}`, MARGIN, y + 3, { width: labelW - 8, lineBreak: false, ellipsis: true });
    doc.rect(x0, y + 2, barW, rowH - 4).fill('#f1f3f6');
    if (r.score !== null) {
      doc.rect(x0, y + 2, (barW * Math.max(0, Math.min(100, r.score))) / 100, rowH - 4).fill(BLUE);
      doc.fillColor(INK).text(String(r.score), x0 + barW + 6, y + 3, { width: valueW - 6, lineBreak: false });
    } else {
      doc.fillColor(MUTED).text(INSUFFICIENT, x0 + barW + 6, y + 3, { width: valueW - 6, lineBreak: false });
    }
    doc.moveTo(MARGIN, y + rowH).lineTo(x0 + barW + valueW, y + rowH).strokeColor(RULE).lineWidth(0.2).stroke();
    doc.y = y + rowH;
  }
  doc.x = MARGIN;
}

/** The department ranking (绩效排名), its evaluation (办件·容缺·好差评) and its chart, with the minimum-sample rule stated. */
export function rankingSections(doc: Doc, report: Report): void {
  const m = report.minimumSample;
  table(
    doc,
    report.kind === 'monthly' ? '部门绩效排名（月度，报省政务服务中心）' : '部门绩效排名（当日）',
    [
      ['排名', 44, 'right'],
      ['部门', 180, 'left'],
      ['综合得分', 50, 'right'],
      ['满意度', 42, 'right'],
      ['等候', 38, 'right'],
      ['办理', 38, 'right'],
      ['按时办结', 46, 'right'],
      ['容缺', 36, 'right'],
      ['办结', 40, 'right'],
      ['平均等候', 50, 'right'],
      ['平均办理', 50, 'right'],
      ['红灯', 36, 'right'],
      ['黄灯', 36, 'right'],
    ],
    report.ranking.map(scoreCells),
  );
  doc.font('regular').fontSize(7.5).fillColor(MUTED).text(
    `综合得分（满分100）按本期有数据的指标加权：满意度40、等候时效30、办理时效30、办件按时办结30、容缺按时补齐10。最小样本：办结${m.served}件、评价${m.rated}个、办件${m.finishedCases}件、容缺${m.rongque}件；` +
      `不足者该项显示“${INSUFFICIENT}”并按全厅水平计分，办结与办件均不足的部门不参与排名，列于排名之后。`,
    MARGIN,
    doc.y + 4,
    { width: doc.page.width - 2 * MARGIN },
  );
  table(
    doc,
    '绩效评估：办件按时办结、容缺按时补齐、好差评',
    [
      ['排名', 44, 'right'],
      ['部门', 160, 'left'],
      ['办件办结', 48, 'right'],
      ['按时办结', 48, 'right'],
      ['按时办结率', 56, 'right'],
      ['超期办结', 48, 'right'],
      ['超期未办结', 56, 'right'],
      ['容缺受理', 48, 'right'],
      ['容缺到期', 48, 'right'],
      ['按时补齐率', 56, 'right'],
      ['评价数', 40, 'right'],
      ['好评', 34, 'right'],
      ['差评', 34, 'right'],
      ['满意率', 46, 'right'],
    ],
    report.ranking.map(evaluationCells),
  );
  rankingChart(doc, report);
  doc.y += 6;
  doc.font('regular').fontSize(8).fillColor(INK);
}
