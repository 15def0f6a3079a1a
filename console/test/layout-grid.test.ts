import { layoutProblems, type Region } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { addRegion, cellsMoved, keyEdit, moveRegion, regrid, resizeRegion, starterLayout } from '../src/signage/layout-grid.js';

const grid = { columns: 16, rows: 9 };
const media: Region = { id: 'media-1', kind: 'media', x: 10, y: 2, w: 4, h: 3 };

describe('the layout editor moves and resizes regions by whole cells, inside the grid', () => {
  it('moves a region and stops it at the grid’s edge without changing its size', () => {
    expect(moveRegion(media, 1, 1, grid)).toMatchObject({ x: 11, y: 3, w: 4, h: 3 });
    expect(moveRegion(media, 5, 0, grid)).toMatchObject({ x: 12, w: 4 }); // 12 + 4 = 16: flush with the right edge
    expect(moveRegion(media, -20, -20, grid)).toMatchObject({ x: 0, y: 0, w: 4, h: 3 });
    expect(moveRegion(media, 0, 9, grid)).toMatchObject({ y: 6, h: 3 });
  });

  it('resizes from the bottom-right corner: never under one cell, never past the edge', () => {
    expect(resizeRegion(media, 1, 2, grid)).toMatchObject({ x: 10, y: 2, w: 5, h: 5 });
    expect(resizeRegion(media, 10, 10, grid)).toMatchObject({ w: 6, h: 7 });
    expect(resizeRegion(media, -10, -10, grid)).toMatchObject({ w: 1, h: 1 });
  });

  it('arrow keys move one cell, Shift + arrow resizes, other keys are not the editor’s', () => {
    expect(keyEdit(media, 'ArrowLeft', false, grid)).toMatchObject({ x: 9, y: 2, w: 4, h: 3 });
    expect(keyEdit(media, 'ArrowDown', false, grid)).toMatchObject({ x: 10, y: 3 });
    expect(keyEdit(media, 'ArrowRight', true, grid)).toMatchObject({ x: 10, w: 5 });
    expect(keyEdit(media, 'ArrowUp', true, grid)).toMatchObject({ h: 2 });
    expect(keyEdit({ ...media, x: 12 }, 'ArrowRight', false, grid)).toMatchObject({ x: 12 });
    expect(keyEdit(media, 'Enter', false, grid)).toBeNull();
  });

  it('turns a drag in pixels into whole cells of the drawn grid', () => {
    // 800 px wide for 16 columns: 50 px a cell; 74 px is one cell, 76 px two.
    expect(cellsMoved(74, -76, 800, 450, grid)).toEqual({ dx: 1, dy: -2 });
    expect(cellsMoved(0, 0, 0, 0, grid)).toEqual({ dx: 0, dy: 0 });
  });

  it('adds a region where it fits, with a fresh id, and the problems list stays empty', () => {
    const l = starterLayout('大厅', '1920x1080');
    expect(layoutProblems(l)).toEqual([]);
    const full = { ...l, regions: l.regions.map((r) => (r.kind === 'windows' ? { ...r, w: 4 } : r)) };
    const added = addRegion(full, 'media');
    expect(added.id).toBe('media-1');
    expect(layoutProblems({ ...full, regions: [...full.regions, added] })).toEqual([]);
    expect(added.x).toBeGreaterThanOrEqual(12);
    const again = addRegion({ ...full, regions: [...full.regions, added] }, 'media');
    expect(again.id).toBe('media-2');
  });

  it('with no room left, the new region lands at the top left and the overlap is named', () => {
    const l = { columns: 2, rows: 1, regions: [{ id: 'a', kind: 'ticker' as const, x: 0, y: 0, w: 2, h: 1 }] };
    const r = addRegion(l, 'info');
    expect(r).toMatchObject({ x: 0, y: 0, w: 1, h: 1 });
    expect(layoutProblems({ ...l, regions: [...l.regions, r] }).map((p) => p.code)).toEqual(['overlap']);
  });

  it('a smaller grid brings every region inside it (outside_grid never survives a regrid)', () => {
    const l = { ...starterLayout('竖屏', '1920x1080'), regions: [media] };
    expect(layoutProblems({ ...l, columns: 8, rows: 4 }).map((p) => p.code)).toEqual(['outside_grid']);
    const small = regrid(l, 8, 4);
    expect(small.regions[0]).toMatchObject({ x: 4, y: 1, w: 4, h: 3 });
    expect(layoutProblems(small)).toEqual([]);
    expect(regrid(l, 99, 0)).toMatchObject({ columns: 24, rows: 1 });
  });

  it('a portrait starter layout stacks its regions and has no problems', () => {
    const l = starterLayout('竖屏', '1080x1920');
    expect(l).toMatchObject({ columns: 9, rows: 16 });
    expect(layoutProblems(l)).toEqual([]);
    expect(l.regions.every((r) => r.w === 9)).toBe(true);
  });
});
