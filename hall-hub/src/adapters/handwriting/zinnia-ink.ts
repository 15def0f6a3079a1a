import simplify from 'simplify-js';
import type { Strokes } from '../../ports/handwriting-recognizer.js';

/**
 * How far (box units of 1000) a point may stray from the straight line between two kept corners and still be
 * dropped. Zinnia cuts each stroke into straight pieces wherever it strays more than √0.001 ≈ 3 % of the box
 * (feature.cpp, getVertex) and describes every piece by its ends. Debian's Simplified Chinese model
 * (tegaki-zinnia-simplified-chinese) learnt from Tomoe's handwriting data, where each stroke is a few corner
 * points; a finger's dense trace instead bends a little everywhere (a curved 撇 or 捺, a landing hook, a
 * tremor) and Zinnia cuts it into pieces the model never saw. 60 (6 % of the box) was chosen on characters
 * outside the benchmark's set (300 of GB2312 level 1, each written three times): top-1 75 → 80 %, top-5
 * 83 → 86 %; 40 and 80 both did worse.
 */
export const CORNER_TOLERANCE = 60;

/**
 * A visitor's strokes as the model's own data draws them: each stroke only its corners (Douglas–Peucker, the
 * first and last point always kept). Only the shape within a stroke changes: position, size, stroke count,
 * order and direction are the visitor's, since Zinnia reads them as written — and the pad asks after every
 * stroke, so a half-written character must stay where it is on the pad, not be stretched to fill it.
 */
export function inkForZinnia(strokes: Strokes, tolerance = CORNER_TOLERANCE): Array<Array<[number, number]>> {
  return strokes.map((stroke) => simplify(stroke.map(([x, y]) => ({ x, y })), tolerance, true).map(({ x, y }): [number, number] => [x, y]));
}
