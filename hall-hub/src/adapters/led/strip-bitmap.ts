/**
 * A 1-bit LED strip frame as `show-bitmap` carries it: rows top to bottom, each `width / 8` bytes, the most
 * significant bit leftmost, 1 = LED lit.
 */
export interface StripFrame {
  width: number;
  height: number;
  bits: Buffer;
}

export function blankFrame(width: number, height: number): StripFrame {
  if (width % 8 !== 0) throw new Error(`strip width ${width} is not a multiple of 8`);
  return { width, height, bits: Buffer.alloc((width / 8) * height) };
}

export function isLit(f: StripFrame, x: number, y: number): boolean {
  return ((f.bits[y * (f.width >> 3) + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
}

export function light(f: StripFrame, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= f.width || y >= f.height) return;
  const i = y * (f.width >> 3) + (x >> 3);
  f.bits[i] = f.bits[i]! | (0x80 >> (x & 7));
}

/** The frame as text, one row per line ('#' lit, '.' dark): for tests and logs. */
export function frameToText(f: StripFrame): string {
  const rows: string[] = [];
  for (let y = 0; y < f.height; y++) {
    let r = '';
    for (let x = 0; x < f.width; x++) r += isLit(f, x, y) ? '#' : '.';
    rows.push(r);
  }
  return rows.join('\n');
}
