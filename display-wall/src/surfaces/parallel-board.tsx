import type { DisplayScene, ParallelBoard, ParallelProject, ParallelStepView } from '@hall/shared';
import { lightWords, remainingWords, stepStateWords } from '@hall/shared/parallel-words';
import { Clock } from '../components/clock.js';
import { NoticeBand } from '../components/notice-band.js';
import { useDeviceJson } from '../net/device-json.js';
import type { LayoutSpec } from './layouts.js';

const KEY = 'hall.display.parallel-board';
const REFRESH_MS = 30_000;

function Light({ light, finished }: { light: ParallelProject['light']; finished: boolean }) {
  const w = lightWords(light, finished);
  return (
    <span class={`light light-${light}`} data-light={light}>
      <span class="mark" aria-hidden="true">{w.mark}</span> {w.zh}
    </span>
  );
}

function Step({ s }: { s: ParallelStepView }) {
  const state = stepStateWords(s);
  const left = remainingWords(s);
  return (
    <li class={`step step-${s.light}`} data-dept={s.departmentName} data-light={s.light} data-state={s.state}>
      <span class="dept">{s.departmentName}</span>
      <span class="state">{state.zh}</span>
      <Light light={s.light} finished={s.state === 'done'} />
      {left && <span class="left">{left.zh}</span>}
    </li>
  );
}

/**
 * 并联审批 zone wall: each project accepted at its lead department's window (一口受理), with every department's
 * step — its state and its light on its own limit, shown by shape and words as well as colour. The applicant is
 * masked (王*华; organisations in full); nothing personal beyond the mask leaves the hub.
 */
export function ParallelBoardSurface({ scene, spec }: { scene: DisplayScene; spec: LayoutSpec }) {
  const board = useDeviceJson<ParallelBoard>('/api/supervision/parallel', KEY, REFRESH_MS);
  const projects = board?.projects.slice(0, spec.height > spec.width ? 9 : 6) ?? [];
  return (
    <div class="parallel-board">
      <header class="board-head">
        <h1>
          并联审批 <span class="en">Parallel approvals</span>
        </h1>
        <p class="legend" aria-label="图例">● 正常 ▲ 临近时限 ■ 已超期 √ 按时办结 × 超期办结</p>
        <Clock />
      </header>
      {!board ? (
        <p class="board-empty">正在获取项目信息… <span class="en">Loading…</span></p>
      ) : projects.length === 0 ? (
        <p class="board-empty">暂无并联审批项目 <span class="en">No parallel approvals</span></p>
      ) : (
        <div class="projects" data-projects={projects.length}>
          {projects.map((p) => (
            <section key={p.caseNo} class={`project project-${p.light}`} data-case={p.caseNo} data-light={p.light}>
              <header>
                <h2>{p.serviceName}</h2>
                <Light light={p.light} finished={p.finished} />
              </header>
              <p class="facts">
                <span class="no">{p.caseNo}</span> · <span class="applicant">{p.applicant}</span> · 牵头 {p.leadDepartmentName} · 受理 {p.acceptedDay.slice(5)}
              </p>
              <ol class="steps">
                {p.steps.map((s) => (
                  <Step key={s.departmentName} s={s} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
      <NoticeBand notices={scene.notices} noShow={scene.noShow} />
    </div>
  );
}
