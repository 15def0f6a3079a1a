import { bundledFont } from '../printer/raster.js';
import { SHIPPED_FAMILY, useOwnFontconfig } from './own-fontconfig.js';
import { blankFrame, light, type StripFrame } from './strip-bitmap.js';
import { loadSharp } from '../lazy-modules.js';

// Before anything renders: pango may choose only among the fonts the hub ships (see own-fontconfig.ts).
useOwnFontconfig();

/**
 * Text → 1-bit LED strip frame, with sharp (pango) and the Noto Sans font the hub already ships for printing.
 * Compared with "WenQuanYi Zen Hei Sharp" (a bitmap font, Debian-only, 17 MB) Noto thresholded at integer
 * pixel sizes reads as well at 16 px and nearly as well at 12 px when the cut is lowered so thin strokes stay
 * whole (docs/screenshots/led-font-compare.png); it needs no system package.
 */
const SIZES = [32, 24, 16, 12] as const;
/** Coverage needed to light an LED: lower for small sizes, where hairlines fall between pixels. */
const cutFor = (size: number) => (size <= 12 ? 64 : size <= 16 ? 90 : 110);

interface Ink {
  width: number;
  height: number;
  data: Buffer;
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = bundledFont('Regular');

/** Rendered lines are cached: a strip shows the same few texts over and over. */
const cache = new Map<string, Ink>();
const CACHE_MAX = 2000;

/** One line of text as 8-bit coverage, straight from pango: the one call a frame cannot do without. */
export async function lineCoverage(text: string, size: number): Promise<Ink> {
  const { data, info } = await (await loadSharp())({
    text: { text: escapeMarkup(text), font: `${SHIPPED_FAMILY} Regular ${size}`, fontfile: FONT, rgba: true, dpi: 72 },
  })
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

async function inkOf(text: string, size: number): Promise<Ink> {
  const key = `${size}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ink = await lineCoverage(text, size);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, ink);
  return ink;
}

/** Estimated advance of a string at a size: CJK full width, the rest a little over half (Noto's digits and capitals). */
function estimate(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? size : Math.ceil(size * 0.6);
  return w;
}

/**
 * Splits text into `n` lines of estimated width ≤ width, as even as possible (a lone character on a second
 * line reads badly); null if no split fits. Strings on a strip are short, so trying every split is cheap.
 */
function balance(chars: string[], size: number, width: number, n: number): string[] | null {
  if (n === 1) return estimate(chars.join(''), size) <= width ? [chars.join('')] : null;
  let best: { lines: string[]; worst: number } | null = null;
  for (let cut = 1; cut < chars.length; cut++) {
    const head = chars.slice(0, cut).join('');
    const w = estimate(head, size);
    if (w > width) break;
    const rest = balance(chars.slice(cut), size, width, n - 1);
    if (!rest) continue;
    const worst = Math.max(w, ...rest.map((l) => estimate(l, size)));
    if (!best || worst < best.worst) best = { lines: [head, ...rest], worst };
  }
  return best?.lines ?? null;
}

function layout(text: string, size: number, width: number, maxLines: number): string[] | null {
  const chars = [...text];
  for (let n = 1; n <= Math.min(maxLines, chars.length); n++) {
    const lines = balance(chars, size, width, n);
    if (lines) return lines;
  }
  return null;
}

/**
 * Lays the text out as large as it fits — on one or more even lines — centred, and renders it. `texts` are
 * alternatives, longest first (e.g. "请A001到2号窗口", then "A001 2号"): a small strip shows the first one that
 * fits at 12 px or more; if none does, the last one is cut at the right edge.
 */
export async function renderStrip(texts: string | readonly string[], width: number, height: number): Promise<StripFrame> {
  const frame = blankFrame(width, height);
  const options = (typeof texts === 'string' ? [texts] : texts).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (options.length === 0) return frame;
  let chosen: { size: number; lines: string[] } | null = null;
  search: for (const text of options) {
    for (const size of SIZES) {
      const maxLines = Math.floor(height / size);
      if (maxLines < 1) continue;
      const lines = layout(text, size, width, maxLines);
      if (!lines) continue;
      const inks = await Promise.all(lines.map((l) => inkOf(l, size)));
      // The estimate can be off by a pixel or two: trust the rendering.
      if (inks.every((i) => i.width <= width)) {
        chosen = { size, lines };
        break search;
      }
    }
  }
  const size = chosen?.size ?? 12;
  const lines = chosen?.lines ?? [options[options.length - 1]!];
  const inks = await Promise.all(lines.map((l) => inkOf(l, size)));
  const slot = Math.floor(height / lines.length);
  const cut = cutFor(size);
  inks.forEach((ink, k) => {
    const left = Math.max(0, Math.floor((width - ink.width) / 2));
    const top = k * slot + Math.max(0, Math.floor((slot - ink.height) / 2));
    for (let y = 0; y < ink.height; y++) {
      for (let x = 0; x < ink.width; x++) if (ink.data[y * ink.width + x]! >= cut) light(frame, left + x, top + y);
    }
  });
  return frame;
}

/** A picture of the strip as the hall sees it: round red LEDs on black, `scale` screen pixels per LED. */
export async function previewPng(frame: StripFrame, scale = 6): Promise<Buffer> {
  const w = frame.width * scale;
  const h = frame.height * scale;
  const rgb = Buffer.alloc(w * h * 3);
  const r = scale / 2 - 0.5;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const lit = ((frame.bits[y * (frame.width >> 3) + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const cx = dx - (scale - 1) / 2;
          const cy = dy - (scale - 1) / 2;
          if (cx * cx + cy * cy > r * r) continue;
          const i = ((y * scale + dy) * w + x * scale + dx) * 3;
          if (lit) {
            rgb[i] = 255;
            rgb[i + 1] = 48;
            rgb[i + 2] = 16;
          } else {
            rgb[i] = 34;
            rgb[i + 1] = 10;
            rgb[i + 2] = 8;
          }
        }
      }
    }
  }
  return (await loadSharp())(rgb, { raw: { width: w, height: h, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}
