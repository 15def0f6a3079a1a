import type { Region, ScreenLayoutBody } from '@hall/shared';
import { useRef } from 'preact/hooks';
import { cellsMoved, keyEdit, moveRegion, resizeRegion } from '../signage/layout-grid.js';
import { lang, t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

export const REGION_LABEL: Record<Region['kind'], MessageKey> = {
  'latest-call': 'regionLatestCall',
  windows: 'regionWindows',
  waiting: 'regionWaiting',
  media: 'regionMedia',
  ticker: 'regionTicker',
  info: 'regionInfo',
  'case-board': 'regionCaseBoard',
  'parallel-board': 'regionParallelBoard',
};

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  from: Region;
}

/** Where a region sits, said in words (for screen readers and the selected region's caption). */
export const placeText = (r: Region) =>
  lang.value === 'zh' ? `第 ${r.x + 1} 列，第 ${r.y + 1} 行，${r.w} × ${r.h} 格` : `column ${r.x + 1}, row ${r.y + 1}, ${r.w} × ${r.h} cells`;

/**
 * The layout as a grid of cells. A region is moved by dragging it (mouse, pen or finger: pointer events) and
 * resized by its corner handle; with the keyboard, arrows move the focused region a cell and Shift + arrows
 * resize it. Every change goes through the pure grid functions, so a region never leaves the grid.
 */
export function LayoutGridEditor(props: {
  layout: ScreenLayoutBody;
  selected: string | null;
  problemIds: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onChange: (regions: Region[]) => void;
}) {
  const { layout, selected } = props;
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const grid = { columns: layout.columns, rows: layout.rows };
  const [pw, ph] = layout.size.split('x').map(Number) as [number, number];

  const replace = (next: Region) => props.onChange(layout.regions.map((r) => (r.id === next.id ? next : r)));

  function down(e: PointerEvent, r: Region, mode: Drag['mode']) {
    e.stopPropagation();
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { id: r.id, mode, startX: e.clientX, startY: e.clientY, from: r };
    props.onSelect(r.id);
    (e.currentTarget as HTMLElement).closest<HTMLElement>('.region')?.focus();
  }
  function move(e: PointerEvent) {
    const d = drag.current;
    const el = box.current;
    if (!d || !el) return;
    const { dx, dy } = cellsMoved(e.clientX - d.startX, e.clientY - d.startY, el.clientWidth, el.clientHeight, grid);
    const next = d.mode === 'move' ? moveRegion(d.from, dx, dy, grid) : resizeRegion(d.from, dx, dy, grid);
    const now = layout.regions.find((r) => r.id === d.id);
    if (now && (now.x !== next.x || now.y !== next.y || now.w !== next.w || now.h !== next.h)) replace(next);
  }
  const up = () => {
    drag.current = null;
  };

  return (
    <div class="layout-grid-wrap">
      <p id="grid-keys" class="muted">
        {t('gridKeysHint')}
      </p>
      <div
        ref={box}
        class="layout-grid"
        role="group"
        aria-label={`${t('gridLabel')} ${layout.columns} × ${layout.rows}`}
        style={{ aspectRatio: `${pw} / ${ph}`, backgroundSize: `${100 / layout.columns}% ${100 / layout.rows}%` }}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        {layout.regions.map((r) => (
          <div
            key={r.id}
            class={`region kind-${r.kind}${r.id === selected ? ' selected' : ''}${props.problemIds.has(r.id) ? ' problem' : ''}`}
            data-region={r.id}
            tabIndex={0}
            role="button"
            aria-pressed={r.id === selected}
            aria-describedby="grid-keys"
            style={{ left: `${(100 * r.x) / layout.columns}%`, top: `${(100 * r.y) / layout.rows}%`, width: `${(100 * r.w) / layout.columns}%`, height: `${(100 * r.h) / layout.rows}%` }}
            onPointerDown={(e) => down(e, r, 'move')}
            onFocus={() => props.onSelect(r.id)}
            onKeyDown={(e) => {
              const next = keyEdit(r, e.key, e.shiftKey, grid);
              if (!next) return;
              e.preventDefault();
              replace(next);
            }}
          >
            <span class="region-name">{t(REGION_LABEL[r.kind])}</span>
            <small>
              {r.w} × {r.h}
            </small>
            {/* The name is what is shown, and then where it is, for a screen reader (axe: label-content-name-mismatch). */}
            <span class="sr-only">
              ：{r.id}，{placeText(r)}
            </span>
            <span class="resize-handle" aria-hidden="true" onPointerDown={(e) => down(e, r, 'resize')} />
          </div>
        ))}
      </div>
    </div>
  );
}
