import type { DisplayScene, Region, ScreenLayoutBody } from '@hall/shared';
import { useComputed } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { Clock } from '../components/clock.js';
import { NoticeBand } from '../components/notice-band.js';
import { LateCalls, LatestCall, Lines, RecentCalls, WindowGrid } from '../components/queue-panels.js';
import { MediaSlot } from '../signage/media-slot.js';
import { overloadNotices } from '../store/overload-notices.js';
import { lateCalls, wall } from '../store/store.js';
import { callsIn, gridOrder, linesIn, windowsIn, type Area } from '../store/wall-view.js';
import { CaseBoardSurface } from './case-board.js';
import type { LayoutSpec } from './layouts.js';
import { ParallelBoardSurface } from './parallel-board.js';

/** a window cell's width and height with its gap (styles.css `.cell`, as the hall wall draws them) */
const CELL_PX = 160;
const CELL_ROW_PX = 126;
/** the panels' side padding in a region */
const PAD_PX = 48;
const LINE_ROW_PX = 60;
const PANEL_TITLE_PX = 70;

interface RegionProps {
  region: Region;
  scene: DisplayScene;
  /** the region's own size, in the layout's design pixels */
  box: LayoutSpec;
  area: Area;
  cache: boolean;
}

// One component per kind, each reading only the signals it draws from: a call re-renders the queue regions, never
// the media, info or case-board regions beside them.
function CallsRegion({ box, area }: Pick<RegionProps, 'box' | 'area'>) {
  const calls = callsIn(wall.value, area);
  const late = lateCalls.value;
  return (
    <section class="calls" aria-label="calls">
      <LatestCall call={calls[0]} />
      <RecentCalls calls={calls.slice(1, 1 + box.recentCalls)} late={late} />
      <LateCalls calls={[...calls].reverse().filter((c) => late.has(c.seq))} />
    </section>
  );
}

const WindowsRegion = ({ box, area }: Pick<RegionProps, 'box' | 'area'>) => (
  <WindowGrid windows={gridOrder(windowsIn(wall.value, area))} perPage={box.windowsPerPage} columns={cellsPerRow(box.width)} />
);
const WaitingRegion = ({ box, area }: Pick<RegionProps, 'box' | 'area'>) => <Lines lines={linesIn(wall.value, area)} perPage={box.linesPerPage} />;
type Notices = ReturnType<typeof overloadNotices>;
const sameNotices = (a: Notices, b: Notices) => a.length === b.length && a.every((n, i) => n.id === b[i]!.id && n.text === b[i]!.text);

function TickerRegion({ scene, area }: Pick<RegionProps, 'scene' | 'area'>) {
  // A call changes the hall's view but seldom a line's overload mark: the band reads only the marks, so it is
  // drawn again when they change, not with every call.
  const kept = useRef<Notices>([]);
  const overload = useComputed(() => {
    const next = overloadNotices(linesIn(wall.value, area));
    return sameNotices(next, kept.current) ? kept.current : (kept.current = next);
  });
  return <NoticeBand notices={[...overload.value, ...scene.notices]} noShow={scene.noShow} />;
}

function RegionContent({ region, scene, box, area, cache }: RegionProps) {
  switch (region.kind) {
    case 'latest-call':
      return <CallsRegion box={box} area={area} />;
    case 'windows':
      return <WindowsRegion box={box} area={area} />;
    case 'waiting':
      return <WaitingRegion box={box} area={area} />;
    case 'ticker':
      return <TickerRegion scene={scene} area={area} />;
    case 'info':
      return (
        <header class="head">
          <div class="title">
            <div class="hall-name">{scene.hallName}</div>
            <div class="sub">叫号信息 · Queue information</div>
          </div>
          <Clock />
        </header>
      );
    case 'case-board':
      return <CaseBoardSurface scene={scene} spec={box} />;
    case 'parallel-board':
      return <ParallelBoardSurface scene={scene} spec={box} />;
    case 'media':
      return <MediaSlot region={region} campaigns={scene.signage?.campaigns ?? []} timeZone={scene.timeZone} held={scene.emergency !== null} cache={cache} />;
  }
}

const cellsPerRow = (width: number) => Math.max(1, Math.floor((width - PAD_PX) / CELL_PX));

/** A region's size and how much of the queue fits in it, in the layout's design pixels. */
export function regionBox(layout: Pick<ScreenLayoutBody, 'columns' | 'rows'>, r: Region, spec: LayoutSpec): LayoutSpec {
  const width = Math.round((spec.width * r.w) / layout.columns);
  const height = Math.round((spec.height * r.h) / layout.rows);
  const cells = cellsPerRow(width);
  const rows = Math.max(1, Math.floor((height - PANEL_TITLE_PX) / CELL_ROW_PX));
  return {
    width,
    height,
    design: spec.design,
    windowsPerPage: cells * rows,
    recentCalls: Math.max(0, Math.min(spec.recentCalls, Math.floor((height - 420) / 80))),
    // one column of lines in a region (styles.css)
    linesPerPage: Math.max(1, Math.floor((height - PANEL_TITLE_PX) / LINE_ROW_PX)),
  };
}

/**
 * A signage layout (issue #20): the manager's grid of regions at the layout's design size. The queue regions draw
 * from the live store exactly as the built-in surfaces do; a media region loads its player on demand and lives in
 * a box of its own (CSS containment), so what it plays never lays out or repaints the queue's regions.
 */
export function RegionLayout({ scene, layout, spec, cache }: { scene: DisplayScene; layout: ScreenLayoutBody; spec: LayoutSpec; cache: boolean }) {
  const s = scene.settings;
  const area: Area = { zone: s.surface === 'zone-wall' ? s.zone : null, windowNo: s.surface === 'window-screen' ? s.windowNo : null };
  return (
    <div
      class={`regions design-${spec.design}`}
      style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}
      data-regions={layout.regions.length}
    >
      {layout.regions.map((r) => (
        <div key={r.id} class={`region region-${r.kind}`} data-region={r.id} data-kind={r.kind} style={{ gridColumn: `${r.x + 1} / span ${r.w}`, gridRow: `${r.y + 1} / span ${r.h}` }}>
          <RegionContent region={r} scene={scene} box={regionBox(layout, r, spec)} area={area} cache={cache} />
        </div>
      ))}
    </div>
  );
}
