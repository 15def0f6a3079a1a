import { describe, expect, it } from 'vitest';
import { CORNER_TOLERANCE, inkForZinnia } from '../../src/adapters/handwriting/zinnia-ink.js';

type Stroke = Array<[number, number]>;

/** A finger's line from a to b: a point every 10 units, each off the line by up to `wobble` (a fixed pattern). */
function traced(a: [number, number], b: [number, number], wobble: number): Stroke {
  const n = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 10);
  const [nx, ny] = [-(b[1] - a[1]) / (10 * n), (b[0] - a[0]) / (10 * n)]; // the unit normal
  return Array.from({ length: n + 1 }, (_, k) => {
    const off = k === 0 || k === n ? 0 : wobble * Math.sin(k * 1.7);
    return [Math.round(a[0] + ((b[0] - a[0]) * k) / n + nx * off), Math.round(a[1] + ((b[1] - a[1]) * k) / n + ny * off)] as [number, number];
  });
}

describe('strokes made ready for Zinnia', () => {
  it('keeps a trembling straight line as its two ends', () => {
    const stroke = traced([120, 500], [880, 520], 12);
    expect(stroke.length).toBeGreaterThan(70);
    expect(inkForZinnia([stroke])).toEqual([[[120, 500], [880, 520]]]);
  });

  it('keeps the corner of a 横折 and the hook at the end of a 竖钩, where they are', () => {
    const turn = [...traced([150, 200], [800, 200], 8), ...traced([800, 200], [780, 850], 8).slice(1)];
    expect(inkForZinnia([turn])).toEqual([[[150, 200], [800, 200], [780, 850]]]);
    const hook = [...traced([500, 100], [500, 850], 6), ...traced([500, 850], [420, 780], 0).slice(1)];
    expect(inkForZinnia([hook])).toEqual([[[500, 100], [500, 850], [420, 780]]]);
  });

  it('drops a bend smaller than its tolerance and keeps a larger one', () => {
    const bend = (depth: number): Stroke => [[100, 500], [300, 500 + depth / 2], [500, 500 + depth], [700, 500 + depth / 2], [900, 500]];
    expect(inkForZinnia([bend(CORNER_TOLERANCE - 10)])).toEqual([[[100, 500], [900, 500]]]);
    expect(inkForZinnia([bend(CORNER_TOLERANCE + 10)])).toEqual([[[100, 500], [500, 500 + CORNER_TOLERANCE + 10], [900, 500]]]);
  });

  it('leaves the strokes their number, order, direction and place on the pad, and a tap its one point', () => {
    const strokes: Stroke[] = [traced([900, 300], [100, 320], 10), [[480, 90]], traced([300, 900], [320, 120], 10)];
    expect(inkForZinnia(strokes)).toEqual([[[900, 300], [100, 320]], [[480, 90]], [[300, 900], [320, 120]]]);
    expect(strokes[0]!.length).toBeGreaterThan(2); // the visitor's strokes themselves are not changed
  });
});
