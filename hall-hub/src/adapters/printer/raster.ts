import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SHIPPED_FAMILY, useOwnFontconfig } from '../led/own-fontconfig.js';
import { loadSharp } from '../lazy-modules.js';

// Pango is asked for the shipped family only, under a fontconfig that knows nothing else: the same glyphs on every machine.
useOwnFontconfig();

export type Align = 'left' | 'center' | 'right';

/** A 1-bit image as ESC/POS wants it: rows of `rowBytes` bytes, most significant bit leftmost, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  rowBytes: number;
  bits: Buffer;
}

/**
 * The CJK font ships with the project (npm @embedpdf/fonts-sc, Noto Sans Hans, OFL): a kiosk PC has no
 * Chinese fonts to rely on, and without one sharp draws tofu boxes. The package's `exports` hide the font
 * files, so they are found beside its entry point.
 */
export function bundledFont(weight: 'Regular' | 'Bold'): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', `NotoSansHans-${weight}.otf`);
}

/** An 8-bit coverage image (0 = paper, 255 = full ink). */
export interface Coverage {
  width: number;
  height: number;
  data: Buffer;
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text drawn by sharp (pango) with the bundled font; `size` is the em size in dots. */
export async function textCoverage(text: string, size: number, weight: 'Regular' | 'Bold', maxWidth?: number): Promise<Coverage> {
  const { data, info } = await (await loadSharp())({
    text: { text: escapeMarkup(text), font: `${SHIPPED_FAMILY} ${weight} ${size}`, fontfile: bundledFont(weight), rgba: true, dpi: 72 },
  })
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const img = { width: info.width, height: info.height, data };
  return maxWidth !== undefined && img.width > maxWidth ? fitWidth(img, maxWidth) : img;
}

/**
 * Shrinks an image that is wider than the paper (a long hall name) instead of cutting it off; `squeeze` keeps
 * the height and only changes the width (previews fitting text to the printer's column grid).
 */
export async function fitWidth(img: Coverage, width: number, squeeze = false): Promise<Coverage> {
  const { data, info } = await (await loadSharp())(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(squeeze ? { width, height: img.height, fit: 'fill' } : { width })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

async function svgCoverage(svg: string): Promise<Coverage> {
  const { data, info } = await (await loadSharp())(Buffer.from(svg)).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** A blank 1-bit canvas; `draw` thresholds coverage into it (text needs no dithering: it is black or paper). */
export function createBitmap(width: number, height: number): Bitmap {
  const rowBytes = Math.ceil(width / 8);
  return { width, height, rowBytes, bits: Buffer.alloc(rowBytes * height) };
}

export function draw(target: Bitmap, img: Coverage, left: number, top: number): void {
  for (let y = 0; y < img.height; y++) {
    const ty = top + y;
    if (ty < 0 || ty >= target.height) continue;
    for (let x = 0; x < img.width; x++) {
      const tx = left + x;
      if (tx < 0 || tx >= target.width || img.data[y * img.width + x]! < 128) continue;
      const i = ty * target.rowBytes + (tx >> 3);
      target.bits[i] = target.bits[i]! | (0x80 >> (tx & 7));
    }
  }
}

const offset = (align: Align, room: number) => (align === 'left' ? 0 : align === 'right' ? room : Math.floor(room / 2));

export interface Rasterizer {
  /** A line of large text as a full-width 1-bit strip (`widthDots` wide, at most 576 for 80 mm paper). */
  text(text: string, size: number, align: Align, widthDots: number): Promise<Bitmap>;
  /** The hall's emblem and name, centred. */
  logo(hallName: string, widthDots: number): Promise<Bitmap>;
}

/**
 * Renders headings and the logo once and keeps them: the same hall name and ticket numbers come back all day,
 * and rendering with pango costs milliseconds where the rest of a ticket costs microseconds.
 */
export function createRasterizer(cacheEntries = 512): Rasterizer {
  const cache = new Map<string, Promise<Bitmap>>();
  const cached = (key: string, make: () => Promise<Bitmap>): Promise<Bitmap> => {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const p = make();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
    return p;
  };
  return {
    text: (text, size, align, widthDots) =>
      cached(`t|${text}|${size}|${align}|${widthDots}`, async () => {
        const img = await textCoverage(text, size, 'Bold', widthDots);
        const out = createBitmap(widthDots, img.height);
        draw(out, img, offset(align, widthDots - img.width), 0);
        return out;
      }),
    logo: (hallName, widthDots) => cached(`l|${hallName}|${widthDots}`, () => renderLogo(hallName, widthDots)),
  };
}

const EMBLEM = 72;

/** A ring with 政务 in it, the hall name beside it: drawn, not a file, so every hall has one. */
async function renderLogo(hallName: string, widthDots: number): Promise<Bitmap> {
  const ring = await svgCoverage(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${EMBLEM}" height="${EMBLEM}">` +
      `<circle cx="${EMBLEM / 2}" cy="${EMBLEM / 2}" r="${EMBLEM / 2 - 4}" fill="none" stroke="black" stroke-width="6"/></svg>`,
  );
  const mark = await textCoverage('政务', 22, 'Bold');
  const gap = 14;
  const name = await textCoverage(hallName, 34, 'Bold', widthDots - EMBLEM - gap);
  const width = EMBLEM + gap + name.width;
  const out = createBitmap(widthDots, EMBLEM);
  const left = Math.max(0, Math.floor((widthDots - width) / 2));
  draw(out, ring, left, 0);
  draw(out, mark, left + Math.floor((EMBLEM - mark.width) / 2), Math.floor((EMBLEM - mark.height) / 2));
  draw(out, name, left + EMBLEM + gap, Math.floor((EMBLEM - name.height) / 2));
  return out;
}

/** Black on white, one byte a pixel: how previews show a bitmap. */
export function bitmapToGrey(b: Bitmap): Buffer {
  const out = Buffer.alloc(b.width * b.height, 255);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (b.bits[y * b.rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) out[y * b.width + x] = 0;
    }
  }
  return out;
}
