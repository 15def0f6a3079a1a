import type { CaseBoard as Board } from '@hall/shared';
import { Clock } from '../components/clock.js';
import { NoticeBand } from '../components/notice-band.js';
import { caseBoard } from '../store/case-board.js';
import type { DisplayScene } from '@hall/shared';
import type { LayoutSpec } from './layouts.js';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function Outcome({ row }: { row: Board['rows'][number] }) {
  if (row.onTime === true) return <span class="ontime">√ 按时办结 <span class="en">on time</span></span>;
  if (row.onTime === false) return <span class="late">× 超期办结 <span class="en">late</span></span>;
  const word = row.light === 'red' ? '■ 已超期' : row.light === 'yellow' ? '▲ 临近时限' : '● 办理中';
  return <span class={`light-${row.light}`}>{word}</span>;
}

/**
 * 办件公示: the cases accepted and finished lately, with the applicant masked (王*华; organisations in full),
 * and each department's on-time rate this month. Nothing personal beyond the mask leaves the hub.
 */
export function CaseBoardSurface({ scene, spec }: { scene: DisplayScene; spec: LayoutSpec }) {
  // pushed by the hub over the live link (net/live.ts) whenever a case or a light changes
  const board = caseBoard.value;
  const rows = board?.rows.slice(0, spec.height > spec.width ? 24 : 14) ?? [];
  return (
    <div class="case-board">
      <header class="board-head">
        <h1>
          办件公示 <span class="en">Cases accepted and decided</span>
        </h1>
        <Clock />
      </header>
      {!board ? (
        <p class="board-empty">正在获取办件信息… <span class="en">Loading…</span></p>
      ) : (
        <>
          <table class="board-rows" data-rows={rows.length}>
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>部门</th>
                <th>申请人</th>
                <th>受理</th>
                <th>办结</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseNo} data-case={r.caseNo}>
                  <td class="no">{r.caseNo}</td>
                  <td>{r.serviceName}</td>
                  <td>{r.departmentName}</td>
                  <td class="applicant">{r.applicant}</td>
                  <td>{r.acceptedDay.slice(5)}</td>
                  <td>{r.finishedDay ? r.finishedDay.slice(5) : '—'}</td>
                  <td>
                    <Outcome row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <section class="board-rates" aria-label="本月按时办结率">
            <h2>
              本月按时办结率 <span class="en">On time this month</span>
            </h2>
            <ul>
              {board.departments
                .filter((d) => d.finished > 0)
                .map((d) => (
                  <li key={d.departmentName}>
                    <span class="dept">{d.departmentName}</span>
                    <span class="bar" style={{ width: `${Math.round((d.onTimeRate ?? 0) * 100)}%` }} aria-hidden="true" />
                    <span class="rate">{pct(d.onTimeRate)}</span>
                  </li>
                ))}
            </ul>
          </section>
        </>
      )}
      <NoticeBand notices={scene.notices} noShow={scene.noShow} />
    </div>
  );
}
