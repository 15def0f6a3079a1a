import type { PrintBlock } from '@hall/shared';
import iconv from 'iconv-lite';
import type { ThermalPrinter } from 'node-thermal-printer';
import type { Bitmap, Rasterizer } from './raster.js';
import { loadThermalPrinter } from '../lazy-modules.js';

export interface EscposOptions {
  /** printable width in dots: 576 on 80 mm paper at 203 dpi */
  widthDots: number;
  /** font A columns in that width (12-dot cells): 48 on 80 mm paper */
  columns: number;
  rasterizer: Rasterizer;
}

/** FS & — Chinese character mode. Chinese printers start in it, but a printer set up otherwise would print GBK as pairs of Latin-1 glyphs. */
const FS_CHINESE_MODE = Buffer.from([0x1c, 0x26]);
/** 24 rows at 72 bytes ≈ 1.7 KB a command: large single images garble or get clipped on cheap printers (node-thermal-printer #99, #103, #249). */
export const STRIP_ROWS = 24;

/**
 * Blocks → the bytes of one ESC/POS job. node-thermal-printer writes the commands and encodes text with
 * characterSet CHINA (GBK; without it the library falls back to a Japanese code page); it never wraps lines
 * (breakLine NONE), because the layout already did, counting Chinese as two columns. Raster images (the number,
 * headings, the logo) are packed here, in strips, from the rasterizer's 1-bit bitmaps.
 */
export async function buildEscpos(blocks: readonly PrintBlock[], opts: EscposOptions): Promise<Buffer> {
  const { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } = await loadThermalPrinter();
  // No interface: the buffer is all we want; sending is the TCP adapter's job.
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet.CHINA, breakLine: BreakLine.NONE, width: opts.columns });
  p.setBuffer(Buffer.from([0x1b, 0x40])); // ESC @: start from the printer's defaults, whatever the last job left
  p.setCharacterSet(CharacterSet.CHINA);
  p.append(FS_CHINESE_MODE);
  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        align(p, b.align);
        p.bold(b.bold);
        p.setTextSize(b.double ? 1 : 0, b.double ? 1 : 0); // GS ! scales Chinese glyphs too; ESC ! would not
        p.println(gbkSafe(b.text));
        break;
      case 'rule':
        align(p, 'left');
        p.bold(false);
        p.setTextSize(0, 0);
        p.println((b.style === 'double' ? '=' : '-').repeat(opts.columns));
        break;
      case 'raster-text':
        p.append(rasterCommands(await opts.rasterizer.text(b.text, b.size, b.align, opts.widthDots)));
        break;
      case 'logo':
        p.append(rasterCommands(await opts.rasterizer.logo(b.text, opts.widthDots)));
        break;
      case 'qr':
        if (!/^[\x20-\x7e]+$/.test(b.data)) throw new Error('QR payloads must be ASCII');
        align(p, 'center');
        p.printQR(b.data, { cellSize: b.cellSize, correction: 'M', model: 2 });
        p.newLine();
        break;
      case 'feed':
        p.append(Buffer.from([0x1b, 0x64, b.lines])); // ESC d n
        break;
      case 'cut':
        p.partialCut({ verticalTabAmount: 1 });
        break;
    }
  }
  return p.getBuffer();
}

function align(p: ThermalPrinter, a: 'left' | 'center' | 'right'): void {
  if (a === 'center') p.alignCenter();
  else if (a === 'right') p.alignRight();
  else p.alignLeft();
}

/** GS v 0 m xL xH yL yH d… per strip of rows, full width so no alignment command is needed. */
export function rasterCommands(b: Bitmap, stripRows = STRIP_ROWS): Buffer {
  const parts: Buffer[] = [Buffer.from([0x1b, 0x61, 0x00])];
  for (let y = 0; y < b.height; y += stripRows) {
    const rows = Math.min(stripRows, b.height - y);
    parts.push(
      Buffer.from([0x1d, 0x76, 0x30, 0x00, b.rowBytes & 0xff, b.rowBytes >> 8, rows & 0xff, rows >> 8]),
      b.bits.subarray(y * b.rowBytes, (y + rows) * b.rowBytes),
    );
  }
  return Buffer.concat(parts);
}

const safeChars = new Map<string, boolean>();

/**
 * Characters GBK lacks (☐, •, rare ideographs) would make node-thermal-printer hunt for another code page and
 * switch mid-line. They become ？ instead, which is two columns like them, so the line still fits.
 */
export function gbkSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let ok = safeChars.get(ch);
    if (ok === undefined) {
      // Two bytes or nothing: GBK's lone single-byte extra (€ at 0x80) would read as a lead byte.
      ok = iconv.encode(ch, 'gbk').length === 2;
      safeChars.set(ch, ok);
    }
    out += ok ? ch : '？';
  }
  return out;
}
