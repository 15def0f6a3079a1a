import type { DisplayScene, StaffBadge, WindowView } from '@hall/shared';
import { Clock } from '../components/clock.js';
import { IdleMedia } from '../components/idle-media.js';
import { NoticeBand } from '../components/notice-band.js';
import { wall } from '../store/store.js';
import type { LayoutSpec } from './layouts.js';

function StaffCard({ staff, onDuty }: { staff: StaffBadge | null; onDuty: string | null }) {
  if (!staff) {
    return (
      <div class="staff staff-none">
        <div class="photo placeholder">—</div>
        <div class="staff-name">{onDuty ?? '暂无人员'}</div>
      </div>
    );
  }
  return (
    <div class="staff" data-staff={staff.no}>
      {staff.photoUrl ? (
        <img class="photo" src={staff.photoUrl} alt={staff.name} />
      ) : (
        <div class="photo placeholder" aria-label={staff.name}>
          {staff.name.slice(0, 1)}
        </div>
      )}
      <div class="staff-name">{staff.name}</div>
      <div class="staff-no">工号 No. {staff.no}</div>
      {staff.title && <div class="staff-title">{staff.title}</div>}
      {staff.partyMember && <div class="party">共产党员</div>}
    </div>
  );
}

const STATUS: Record<WindowView['status'], [string, string]> = {
  calling: ['正在呼叫', 'Calling'],
  serving: ['正在办理', 'Serving'],
  idle: ['等待叫号', 'Open'],
  paused: ['暂停服务', 'Paused'],
  closed: ['暂未开放', 'Closed'],
};

/** The window screen (窗口屏): the window, its lines, the number being served, status, and who serves (亮身份). */
export function WindowScreen({ scene, spec }: { scene: DisplayScene; spec: LayoutSpec }) {
  const no = scene.settings.windowNo;
  const view = wall.value;
  const w = view.windows.find((x) => x.no === no);
  const lineNames = (w?.lines ?? []).map((id) => view.lines.find((l) => l.id === id)?.name ?? id);
  const staff = w?.staffNo ? (scene.staff.find((s) => s.no === w.staffNo) ?? null) : null;
  const rateFor = w ? view.finished[w.no] : undefined;
  const status = w?.status ?? 'closed';
  const quiet = status === 'closed' || (status === 'idle' && !w?.currentTicket);
  return (
    <div class={`window-screen design-${spec.design} ws-${status}`}>
      <header class="head">
        <div class="title">
          <div class="hall-name">
            <span class="win-no">{no}</span>号窗口 <span class="win-name">{w?.name ?? ''}</span>
          </div>
          <div class="sub">办理业务：{lineNames.join('、') || '—'}</div>
        </div>
        <Clock />
      </header>
      <section class="ws-main">
        <div class="ws-status" data-testid="window-status">
          {STATUS[status][0]} <span class="en">{STATUS[status][1]}</span>
        </div>
        {status === 'paused' ? (
          <div class="ws-paused">{w?.pauseReason ? `暂停原因：${w.pauseReason}` : '请稍候'}</div>
        ) : quiet && scene.media.length ? (
          <IdleMedia media={scene.media} fallback={null} />
        ) : w?.currentTicket ? (
          <div class="ws-ticket" data-testid="window-ticket">
            {w.currentTicket}
          </div>
        ) : (
          <div class="ws-welcome">欢迎您 · Welcome</div>
        )}
        {rateFor && status !== 'paused' && (
          <div class="rate" role="status">
            请对本次服务（{rateFor}）进行评价 · Please rate our service
          </div>
        )}
      </section>
      <aside class="ws-staff">
        <StaffCard staff={staff} onDuty={w?.staffName ?? null} />
      </aside>
      <NoticeBand notices={scene.notices} noShow={scene.noShow} />
    </div>
  );
}
