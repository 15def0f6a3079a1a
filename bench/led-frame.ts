import { lineCoverage, renderStrip } from '@hall/hub/adapters/led/render-strip';
import { figure, median, type Figure } from './lib/report.js';

const RUNS = 300;
const WARMUP = 30;

/**
 * An LED strip frame: one line of Chinese rendered into a 128×32 1-bit bitmap (layout, pango rendering,
 * threshold, packing). Every text is new, so no cached line helps; next to it, the bare pango render of the
 * same line (the floor), interleaved; and a repeated text (served from the hub's line cache).
 */
export async function ledFrame(): Promise<Figure[]> {
  const text = (i: number) => `${i}号窗口暂停服务`;
  for (let i = 0; i < WARMUP; i++) {
    await renderStrip(text(10_000 + i), 128, 32);
    await lineCoverage(text(20_000 + i), 16);
  }
  const frames: number[] = [];
  const bare: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await renderStrip(text(i), 128, 32);
    frames.push(performance.now() - t);
    t = performance.now();
    await lineCoverage(text(RUNS + i), 16);
    bare.push(performance.now() - t);
    t = performance.now();
    await renderStrip(text(0), 128, 32);
    cached.push(performance.now() - t);
  }
  const base = { what: 'the bare sharp/pango render of one new line to 8-bit coverage (no layout, no 1-bit packing), interleaved', value: median(bare), unit: 'ms' };
  return [
    figure({
      id: 'led-frame.median',
      what: `128×32 frame, one new line of Chinese ("N号窗口暂停服务", 16 px Noto Sans, threshold, MSB-first packing), median of ${RUNS}`,
      value: median(frames),
      unit: 'ms',
      baseline: base,
      target: { text: 'median < 5 ms', check: ({ value }) => value < 5 },
    }),
    figure({ id: 'led-frame.cached-median', what: 'the same frame again (a recall): the rendered line comes from the cache', value: median(cached), unit: 'ms', baseline: base }),
  ];
}
