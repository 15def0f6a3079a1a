import type { DisplayScene } from '@hall/shared';
import { Clock } from '../components/clock.js';
import { IdleMedia } from '../components/idle-media.js';
import { NoticeBand } from '../components/notice-band.js';
import { LateCalls, LatestCall, Lines, RecentCalls, WindowGrid } from '../components/queue-panels.js';
import { overloadNotices } from '../store/overload-notices.js';
import { callsIn, gridOrder, linesIn, windowsIn, type Area } from '../store/wall-view.js';
import { lateCalls, wall } from '../store/store.js';
import type { LayoutSpec } from './layouts.js';

/** The hall wall (综合屏) — and, given a zone, the zone wall: calls, windows, waiting, notices, date and time. */
export function HallWall({ scene, spec }: { scene: DisplayScene; spec: LayoutSpec }) {
  const s = scene.settings;
  const area: Area = { zone: s.surface === 'zone-wall' ? s.zone : null, windowNo: null };
  const view = wall.value;
  const calls = callsIn(view, area);
  const late = lateCalls.value;
  const zoneName = area.zone ? (scene.zones.find((z) => z.id === area.zone)?.name ?? area.zone) : null;
  return (
    <div class={`wall design-${spec.design}`}>
      <header class="head">
        <div class="title">
          <div class="hall-name">{scene.hallName}</div>
          <div class="sub">{zoneName ? `${zoneName} · Zone` : '叫号信息 · Queue information'}</div>
        </div>
        <Clock />
      </header>
      <section class="calls" aria-label="calls">
        <LatestCall call={calls[0]} />
        <RecentCalls calls={calls.slice(1, 1 + spec.recentCalls)} late={late} />
        <LateCalls calls={[...calls].reverse().filter((c) => late.has(c.seq))} />
      </section>
      <WindowGrid windows={gridOrder(windowsIn(view, area))} perPage={spec.windowsPerPage} />
      <Lines lines={linesIn(view, area)} perPage={spec.linesPerPage} />
      {spec.design === 'wide' && <IdleMedia media={scene.media} fallback={<div class="media-hall">{scene.hallName}</div>} />}
      <NoticeBand notices={[...overloadNotices(linesIn(view, area)), ...scene.notices]} noShow={scene.noShow} />
    </div>
  );
}
