import { useEffect, useState } from 'preact/hooks';
import { EmergencyOverlay, OfflineMark } from './components/overlays.js';
import { previewing, scene } from './store/store.js';
import { HallWall } from './surfaces/hall-wall.js';
import { layoutPixels, layoutSpec } from './surfaces/layouts.js';
import { WindowScreen } from './surfaces/window-screen.js';
import { CaseBoardSurface } from './surfaces/case-board.js';
import { ParallelBoardSurface } from './surfaces/parallel-board.js';
import { RegionLayout } from './surfaces/region-layout.js';

function useViewport(): { width: number; height: number } {
  const [v, setV] = useState({ width: innerWidth, height: innerHeight });
  useEffect(() => {
    const on = () => setV({ width: innerWidth, height: innerHeight });
    addEventListener('resize', on);
    return () => removeEventListener('resize', on);
  }, []);
  return v;
}

/**
 * The display: its surface drawn at the configured layout's design size and scaled to fill the screen
 * exactly; the emergency message over everything; black when the power schedule has it off.
 */
export function App() {
  const s = scene.value;
  const viewport = useViewport();
  if (!s) {
    return (
      <div class="boot">
        正在连接… <span class="en">Connecting…</span>
        <OfflineMark />
      </div>
    );
  }
  // A signage layout, when the screen has one, draws its regions at the layout's size instead of the surface.
  const regions = s.signage?.layout ?? null;
  const size = regions?.size ?? s.settings.layout;
  const spec = layoutSpec(size);
  const px = layoutPixels(size);
  // The configured pixel size wins over the browser's idea of the screen (LED senders often report odd sizes).
  const target = viewport.width === px.width && viewport.height === px.height ? px : viewport;
  const scale = Math.min(target.width / spec.width, target.height / spec.height);
  if (!s.power.on) return <div class="power-off" data-power="off" />;
  return (
    <div
      id="surface"
      class={`surface surface-${s.settings.surface} layout-${size}`}
      style={{ width: `${spec.width}px`, height: `${spec.height}px`, transform: `scale(${scale})`, filter: s.power.brightness < 100 ? `brightness(${Math.max(0.2, s.power.brightness / 100)})` : undefined }}
      data-layout={size}
      data-screen-layout={regions?.id}
    >
      {regions ? (
        <RegionLayout scene={s} layout={regions} spec={spec} cache={!previewing.value} />
      ) : s.settings.surface === 'window-screen' ? (
        <WindowScreen scene={s} spec={spec} />
      ) : s.settings.surface === 'case-board' ? (
        <CaseBoardSurface scene={s} spec={spec} />
      ) : s.settings.surface === 'parallel-board' ? (
        <ParallelBoardSurface scene={s} spec={spec} />
      ) : (
        <HallWall scene={s} spec={spec} />
      )}
      {s.emergency && <EmergencyOverlay emergency={s.emergency} />}
      <OfflineMark />
    </div>
  );
}
