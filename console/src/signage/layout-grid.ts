import type { Layout, Region, RegionKind, ScreenLayoutBody } from '@hall/shared';

/**
 * The layout editor's arithmetic (pure): regions are whole grid cells, moved and resized by whole cells and kept
 * inside the grid, so whatever a hand or a key does, the draft stays drawable; overlaps are left for
 * `layoutProblems` to name (the manager is mid-move, not wrong).
 */

export interface GridSize {
  columns: number;
  rows: number;
}

/** Near-square cells for each screen size (a 16:9 screen gets 16 × 9). */
export const DEFAULT_GRID: Record<Layout, GridSize> = {
  '1920x1080': { columns: 16, rows: 9 },
  '1280x720': { columns: 16, rows: 9 },
  '1366x768': { columns: 16, rows: 9 },
  '1152x576': { columns: 16, rows: 8 },
  '3840x1080': { columns: 24, rows: 7 },
  '1080x1920': { columns: 9, rows: 16 },
};

export const GRID_MAX = 24;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** A region made to fit: at most the grid's size, wholly inside it. */
export function clampRegion(r: Region, g: GridSize): Region {
  const w = clamp(Math.round(r.w), 1, g.columns);
  const h = clamp(Math.round(r.h), 1, g.rows);
  return { ...r, w, h, x: clamp(Math.round(r.x), 0, g.columns - w), y: clamp(Math.round(r.y), 0, g.rows - h) };
}

/** Moved by whole cells; stops at the grid's edge (its size never changes on a move). */
export function moveRegion(r: Region, dx: number, dy: number, g: GridSize): Region {
  return clampRegion({ ...r, x: r.x + dx, y: r.y + dy }, g);
}

/** Grown or shrunk from its bottom-right corner; at least one cell, never past the grid's edge. */
export function resizeRegion(r: Region, dw: number, dh: number, g: GridSize): Region {
  return { ...r, w: clamp(r.w + dw, 1, g.columns - r.x), h: clamp(r.h + dh, 1, g.rows - r.y) };
}

/** What an arrow key does: moves the region one cell; with Shift, resizes it. null: not an arrow key. */
export function keyEdit(r: Region, key: string, shift: boolean, g: GridSize): Region | null {
  const step: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const d = step[key];
  if (!d) return null;
  return shift ? resizeRegion(r, d[0], d[1], g) : moveRegion(r, d[0], d[1], g);
}

/** Whole cells a pointer travelled, from the pixel distance and the drawn grid's size. */
export function cellsMoved(dxPx: number, dyPx: number, widthPx: number, heightPx: number, g: GridSize): { dx: number; dy: number } {
  return { dx: Math.round((dxPx / Math.max(1, widthPx)) * g.columns), dy: Math.round((dyPx / Math.max(1, heightPx)) * g.rows) };
}

const overlaps = (a: Pick<Region, 'x' | 'y' | 'w' | 'h'>, b: Pick<Region, 'x' | 'y' | 'w' | 'h'>) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A new region's id: its kind and the first free number (`media-2`). */
export function nextRegionId(regions: readonly Region[], kind: RegionKind): string {
  const used = new Set(regions.map((r) => r.id));
  for (let n = 1; ; n++) if (!used.has(`${kind}-${n}`)) return `${kind}-${n}`;
}

/**
 * A new region where it fits: the largest square-ish free block up to a quarter of the grid, scanned row by row;
 * if nothing is free, one cell at the top left (the problems list then says it overlaps).
 */
export function addRegion(l: Pick<ScreenLayoutBody, 'columns' | 'rows' | 'regions'>, kind: RegionKind): Region {
  const id = nextRegionId(l.regions, kind);
  const maxW = Math.max(1, Math.ceil(l.columns / 2));
  const maxH = Math.max(1, Math.ceil(l.rows / 2));
  for (let size = Math.max(maxW, maxH); size >= 1; size--) {
    const w = Math.min(size, maxW);
    const h = Math.min(size, maxH);
    for (let y = 0; y + h <= l.rows; y++) {
      for (let x = 0; x + w <= l.columns; x++) {
        const c = { x, y, w, h };
        if (!l.regions.some((r) => overlaps(r, c))) return { id, kind, ...c };
      }
    }
  }
  return { id, kind, x: 0, y: 0, w: 1, h: 1 };
}

/** The grid changed size: every region is brought inside it. */
export function regrid<L extends Pick<ScreenLayoutBody, 'columns' | 'rows' | 'regions'>>(l: L, columns: number, rows: number): L {
  const g = { columns: clamp(Math.round(columns), 1, GRID_MAX), rows: clamp(Math.round(rows), 1, GRID_MAX) };
  return { ...l, ...g, regions: l.regions.map((r) => clampRegion(r, g)) };
}

/** A fresh layout for a screen size: the latest call on the left, the windows beside it, the ticker below. */
export function starterLayout(name: string, size: Layout): ScreenLayoutBody {
  const g = DEFAULT_GRID[size];
  const tall = g.rows > g.columns;
  const body = g.rows - 1;
  const regions: Region[] = tall
    ? [
        { id: 'latest-call-1', kind: 'latest-call', x: 0, y: 0, w: g.columns, h: Math.floor(body / 2) },
        { id: 'windows-1', kind: 'windows', x: 0, y: Math.floor(body / 2), w: g.columns, h: body - Math.floor(body / 2) },
      ]
    : [
        { id: 'latest-call-1', kind: 'latest-call', x: 0, y: 0, w: Math.floor(g.columns / 2), h: body },
        { id: 'windows-1', kind: 'windows', x: Math.floor(g.columns / 2), y: 0, w: g.columns - Math.floor(g.columns / 2), h: body },
      ];
  regions.push({ id: 'ticker-1', kind: 'ticker', x: 0, y: body, w: g.columns, h: 1 });
  return { name, size, ...g, regions };
}
