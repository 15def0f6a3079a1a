import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mulberry32 } from './prng.js';

/** [x, y] points on the writing pad's 1000 × 1000 square, y down: what the kiosk sends the hub. */
export type PadStrokes = Array<Array<[number, number]>>;

const require = createRequire(import.meta.url);

/**
 * A character as hanzi-writer-data (Make Me a Hanzi, from Arphic fonts) draws it: each stroke's median line,
 * in its 1024-unit box with y up and the baseline 124 below the bottom, turned into pad coordinates and
 * filled in every `step` units, as a finger sampled at 60 Hz would leave them.
 */
export function characterStrokes(char: string, step = 25): PadStrokes {
  const file = require.resolve(`hanzi-writer-data/${char}.json`);
  const { medians } = JSON.parse(readFileSync(file, 'utf8')) as { medians: Array<Array<[number, number]>> };
  const pad = ([x, y]: [number, number]): [number, number] => [(x * 1000) / 1024, ((900 - y) * 1000) / 1024];
  return medians.map((line) => {
    const points = line.map(pad);
    const out: Array<[number, number]> = [points[0]!];
    for (let k = 1; k < points.length; k++) {
      const [ax, ay] = points[k - 1]!;
      const [bx, by] = points[k]!;
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
      for (let j = 1; j <= n; j++) out.push([ax + ((bx - ax) * j) / n, ay + ((by - ay) * j) / n]);
    }
    return out;
  });
}

/** Seeded (the kit's mulberry32), so a benchmark's "handwriting" is the same every run. */
export const seeded = mulberry32;

/**
 * The same character as a person might write it: the whole glyph shifted, scaled and slanted a little, each
 * stroke moved on its own, and a tremor along every line — then rounded to whole units and kept on the pad.
 */
export function jittered(strokes: PadStrokes, random: () => number, amount = 1): PadStrokes {
  const r = (span: number) => (random() * 2 - 1) * span * amount;
  const scale = 1 + r(0.12);
  const slant = r(0.1);
  const dx = r(40);
  const dy = r(40);
  const clamp = (v: number) => Math.max(0, Math.min(1000, Math.round(v)));
  return strokes.map((line) => {
    const sx = r(18);
    const sy = r(18);
    return line.map(([x, y]): [number, number] => {
      const cx = (x - 500) * scale + slant * (y - 500) + 500 + dx + sx + r(6);
      const cy = (y - 500) * scale + 500 + dy + sy + r(6);
      return [clamp(cx), clamp(cy)];
    });
  });
}
