import type { PrintBlock } from '@hall/shared';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayWidth } from '../../domain/print/text-width.js';
import type { Printer } from '../../ports/printer.js';
import { bitmapToGrey, fitWidth, textCoverage, type Coverage, type Rasterizer } from './raster.js';
import { loadQrCode, loadSharp } from '../lazy-modules.js';

export interface PreviewOptions {
  widthDots: number;
  rasterizer: Rasterizer;
}

/** Font A is 12 × 24 dots; a printer's default line spacing adds about 6. */
const CELL = 12;
const LINE = 34;
const MARGIN = 24;

interface Layer {
  top: number;
  left: number;
  image: Coverage;
}

/** A solid image, for rules, cut marks and QR modules. */
function box(width: number, height: number): Coverage {
  return { width, height, data: Buffer.alloc(width * height, 255) };
}

/**
 * What the printer would print, as a PNG: the same blocks and the same raster images the ESC/POS builder sends,
 * text in the bundled font on the printer's 12-dot column grid. For the demo (no printer needed), the
 * managers' console and tests.
 */
export async function renderPreview(blocks: readonly PrintBlock[], o: PreviewOptions): Promise<Buffer> {
  const columns = Math.floor(o.widthDots / CELL);
  const layers: Layer[] = [];
  let y = MARGIN;
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        const cell = b.double ? CELL * 2 : CELL;
        const height = b.double ? LINE * 2 : LINE;
        const cols = Math.floor(columns / (b.double ? 2 : 1));
        const w = displayWidth(b.text);
        const shift = b.align === 'center' ? Math.floor((cols - w) / 2) : b.align === 'right' ? cols - w : 0;
        // Each run starts at its own column, as in the printer's fixed-pitch font, so indents and padded columns
        // line up as they will on paper. ASCII (proportional in our font) is set to exactly one cell a character;
        // Chinese is already two cells a character and is only ever narrowed — stretched, a lone · or 、 would
        // become a dash.
        for (const m of b.text.matchAll(/[\x21-\x7e]+(?: [\x21-\x7e]+)*|\P{ASCII}+/gu)) {
          const at = shift + displayWidth(b.text.slice(0, m.index));
          const drawn = await textCoverage(m[0], cell * 2, b.bold ? 'Bold' : 'Regular');
          const span = displayWidth(m[0]) * cell;
          const ascii = m[0].charCodeAt(0) < 0x80;
          const image = ascii || drawn.width > span ? await fitWidth(drawn, span, true) : drawn;
          layers.push({ top: y + Math.floor((height - image.height) / 2), left: MARGIN + at * cell, image });
        }
        y += height;
        break;
      }
      case 'rule': {
        const dash = box(8, 2);
        for (let x = 0; x < o.widthDots; x += 12) {
          layers.push({ top: y + LINE / 2 - (b.style === 'double' ? 3 : 1), left: MARGIN + x, image: dash });
          if (b.style === 'double') layers.push({ top: y + LINE / 2 + 2, left: MARGIN + x, image: dash });
        }
        y += LINE;
        break;
      }
      case 'raster-text':
      case 'logo': {
        const bitmap = b.kind === 'logo' ? await o.rasterizer.logo(b.text, o.widthDots) : await o.rasterizer.text(b.text, b.size, b.align, o.widthDots);
        const grey = bitmapToGrey(bitmap);
        layers.push({ top: y, left: MARGIN, image: { width: bitmap.width, height: bitmap.height, data: Buffer.from(grey.map((v) => 255 - v)) } });
        y += bitmap.height;
        break;
      }
      case 'qr': {
        const qr = (await loadQrCode()).create(b.data, { errorCorrectionLevel: 'M' });
        const n = qr.modules.size;
        const module = box(b.cellSize, b.cellSize);
        const left = MARGIN + Math.floor((o.widthDots - n * b.cellSize) / 2);
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < n; c++) {
            if (qr.modules.get(r, c)) layers.push({ top: y + r * b.cellSize, left: left + c * b.cellSize, image: module });
          }
        }
        y += n * b.cellSize + LINE;
        break;
      }
      case 'feed':
        y += b.lines * LINE;
        break;
      case 'cut': {
        y += LINE;
        const dash = box(6, 1);
        for (let x = -MARGIN; x < o.widthDots + MARGIN; x += 10) layers.push({ top: y, left: MARGIN + x, image: dash });
        y += 1;
        break;
      }
    }
  }
  const width = o.widthDots + 2 * MARGIN;
  const height = y + MARGIN;
  const page = Buffer.alloc(width * height, 255);
  for (const { top, left, image } of layers) {
    for (let r = 0; r < image.height; r++) {
      const py = top + r;
      if (py < 0 || py >= height) continue;
      for (let c = 0; c < image.width; c++) {
        const px = left + c;
        if (px < 0 || px >= width) continue;
        const ink = 255 - image.data[r * image.width + c]!;
        if (ink < page[py * width + px]!) page[py * width + px] = ink;
      }
    }
  }
  return (await loadSharp())(page, { raw: { width, height, channels: 1 } }).png().toBuffer();
}

export interface VirtualPrinterOptions extends PreviewOptions {
  id: string;
  /** where each job's PNG is written, as `<jobId>.png` */
  outDir: string;
}

const ALL_CLEAR = { offline: false, coverOpen: false, error: false, paper: 'ok' } as const;

/** A printer that is always there and never runs out of paper: it writes what it would print as PNG files. */
export function createVirtualPrinter(o: VirtualPrinterOptions): Printer {
  return {
    id: o.id,
    kind: 'virtual',
    async print(job) {
      try {
        const png = await renderPreview(job.blocks, o);
        mkdirSync(o.outDir, { recursive: true });
        writeFileSync(join(o.outDir, `${job.id}.png`), png);
        return { ok: true, status: ALL_CLEAR, answered: true };
      } catch (err) {
        return { ok: false, retry: false, reachable: true, status: ALL_CLEAR, answered: true, partial: false, error: `cannot render the job: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    check: async () => ({ reachable: true, status: ALL_CLEAR, answered: true, error: null }),
  };
}
