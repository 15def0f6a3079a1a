import type { Figures, Report, ReportTable } from '@hall/shared';

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

const ROWS_OF = { department: 'departments', window: 'windows', staff: 'staff', line: 'lines' } as const;

function cell(v: Cell): string {
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
    rows = [
      ['排名 Rank', '部门编码 Department code', '部门 Department', '综合得分 Score', '满意度得分 Satisfaction score', '等候得分 Wait score',
        '办理得分 Service score', '办结 Served', '平均等候(分钟) Avg wait (min)', '平均办理(分钟) Avg service (min)', '满意率 Satisfaction rate',
        '差评 Bad ratings', '红灯 Red warnings', '黄灯 Yellow warnings'],
      ...report.ranking.map((r) => [r.rank, r.key, r.name, r.score, r.satisfactionScore, r.waitScore, r.serviceScore, r.served,
        r.avgWaitMinutes, r.avgServiceMinutes, r.satisfactionRate, r.badRatings, r.redWarnings, r.yellowWarnings]),
    ];
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
