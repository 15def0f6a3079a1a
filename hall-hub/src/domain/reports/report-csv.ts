import type { Figures, RankingRow, Report, ReportTable, SampledRate } from '@hall/shared';

type Cell = string | number | null;

/** Column headers are bilingual: the hall's staff read Chinese, the province's tooling often English. */
const FIGURE_COLUMNS: ReadonlyArray<[string, (f: Figures) => Cell]> = [
  ['取号 Issued', (f) => f.issued],
  ['叫号 Called', (f) => f.called],
  ['办结 Served', (f) => f.served],
  ['过号 No-show', (f) => f.noShow],
  ['取消 Cancelled', (f) => f.cancelled],
  ['未叫号 Unserved', (f) => f.unserved],
  ['转移 Transferred', (f) => f.transferred],
  ['平均等候(分钟) Avg wait (min)', (f) => f.avgWaitMinutes],
  ['最长等候(分钟) Max wait (min)', (f) => f.maxWaitMinutes],
  ['平均办理(分钟) Avg service (min)', (f) => f.avgServiceMinutes],
  ['最长办理(分钟) Max service (min)', (f) => f.maxServiceMinutes],
  ['非常满意 Very satisfied', (f) => f.ratings['very-satisfied']],
  ['满意 Satisfied', (f) => f.ratings.satisfied],
  ['基本满意 Basically satisfied', (f) => f.ratings.basic],
  ['不满意 Dissatisfied', (f) => f.ratings.dissatisfied],
  ['非常不满意 Very dissatisfied', (f) => f.ratings['very-dissatisfied']],
  ['未评价 Unrated', (f) => f.ratings.unrated],
  ['满意率 Satisfaction rate', (f) => f.satisfactionRate],
  ['等候黄灯 Wait yellow', (f) => f.warnings.waitYellow],
  ['等候红灯 Wait red', (f) => f.warnings.waitRed],
  ['办理黄灯 Service yellow', (f) => f.warnings.serviceYellow],
  ['办理红灯 Service red', (f) => f.warnings.serviceRed],
];

const KEY_COLUMNS: Record<'department' | 'window' | 'staff' | 'line', [string, string, string | null]> = {
  department: ['部门编码 Department code', '部门 Department', null],
  window: ['窗口 Window', '窗口名称 Name', '部门 Department'],
  staff: ['工号 Staff no.', '姓名 Name', '部门 Department'],
  line: ['业务 Line', '业务名称 Name', null],
};

/** Below the hall's minimum sample a rate is 样本不足 in words; with no sample at all the cell stays empty. */
export const INSUFFICIENT = '样本不足 Insufficient sample';
const sampledCell = (s: SampledRate): Cell => (s.enough ? s.rate : s.of === 0 ? null : INSUFFICIENT);

const RANKING_COLUMNS: ReadonlyArray<[string, (r: RankingRow) => Cell]> = [
  ['排名 Rank', (r) => r.rank ?? INSUFFICIENT],
  ['部门编码 Department code', (r) => r.key],
  ['部门 Department', (r) => r.name],
  ['综合得分 Score', (r) => r.score],
  ['满意度得分 Satisfaction score', (r) => r.satisfactionScore],
  ['等候得分 Wait score', (r) => r.waitScore],
  ['办理得分 Service score', (r) => r.serviceScore],
  ['按时办结得分 On-time score', (r) => r.onTimeScore],
  ['容缺得分 容缺 score', (r) => r.rongqueScore],
  ['办结 Served', (r) => r.served],
  ['平均等候(分钟) Avg wait (min)', (r) => r.avgWaitMinutes],
  ['平均办理(分钟) Avg service (min)', (r) => r.avgServiceMinutes],
  ['评价数 Rated', (r) => r.satisfaction.of],
  ['满意率 Satisfaction rate', (r) => sampledCell(r.satisfaction)],
  ['差评 Bad ratings', (r) => r.badRatings],
  ['红灯 Red warnings', (r) => r.redWarnings],
  ['黄灯 Yellow warnings', (r) => r.yellowWarnings],
  ['办件办结 Cases finished', (r) => r.cases.onTime.of],
  ['按时办结 Finished on time', (r) => r.cases.onTime.count],
  ['按时办结率 On-time rate', (r) => sampledCell(r.cases.onTime)],
  ['超期办结 Finished late', (r) => r.cases.overdueFinished],
  ['超期未办结 Open past limit', (r) => r.cases.overdueOpen],
  ['容缺受理 容缺 accepted', (r) => r.rongque.accepted],
  ['容缺到期 容缺 due', (r) => r.rongque.suppliedOnTime.of],
  ['按时补齐 Supplied on time', (r) => r.rongque.suppliedOnTime.count],
  ['按时补齐率 Supplied on time rate', (r) => sampledCell(r.rongque.suppliedOnTime)],
];

/** The ranking: ranked departments, then those below the minimum sample (样本不足, no rank and no score). */
const rankingRows = (report: Report): Cell[][] => [RANKING_COLUMNS.map(([h]) => h), ...report.ranking.map((r) => RANKING_COLUMNS.map(([, get]) => get(r)))];

const ROWS_OF = { department: 'departments', window: 'windows', staff: 'staff', line: 'lines' } as const;

export function cell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  // A cell that starts like a formula is shown as text in a spreadsheet, never run (CSV injection).
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const lines = (rows: Cell[][]): string => rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/**
 * One table of a report as CSV (RFC 4180, CRLF), with a UTF-8 byte-order mark so that Excel opens the
 * Chinese text as UTF-8 rather than the system's GBK.
 */
export function reportCsv(report: Report, table: ReportTable): string {
  let rows: Cell[][];
  if (table === 'ranking') {
    rows = rankingRows(report);
  } else if (table === 'series') {
    rows = [
      [report.series.unit === 'hour' ? '时段 Hour' : '日期 Day', '取号 Issued', '办结 Served', '平均等候(分钟) Avg wait (min)', '平均办理(分钟) Avg service (min)'],
      ...report.series.points.map((p) => [p.label, p.issued, p.served, p.avgWaitMinutes, p.avgServiceMinutes]),
    ];
  } else {
    const [keyHead, nameHead, deptHead] = KEY_COLUMNS[table];
    const head: Cell[] = [keyHead, nameHead, ...(deptHead ? [deptHead] : []), ...FIGURE_COLUMNS.map(([h]) => h)];
    const body = report[ROWS_OF[table]].map((r): Cell[] => [r.key, r.name, ...(deptHead ? [r.department] : []), ...FIGURE_COLUMNS.map(([, get]) => get(r.figures))]);
    // Departments and lines share out every ticket, so their rows add up to the hall; windows and staff see
    // only the tickets called, so a total row there would mislead.
    const total: Cell[] = ['合计 Total', '', ...FIGURE_COLUMNS.map(([, get]) => get(report.totals))];
    rows = table === 'department' || table === 'line' ? [head, ...body, total] : [head, ...body];
  }
  return `\uFEFF${lines(rows)}`;
}
