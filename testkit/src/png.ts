import { crc32, deflateSync } from 'node:zlib';

/**
 * A real 8-bit RGB PNG, built by hand so a test needs no image library: `pixel(x, y)` gives each pixel's colour.
 * The media library decodes what it is given, so these must be whole, valid files.
 */
export function pngOf(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    // each row starts with its filter byte (0: none)
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** One colour all over (each colour a different file: the media library is content-addressed). */
export const solidPng = (width: number, height: number, rgb: readonly [number, number, number]): Buffer => pngOf(width, height, () => rgb);

/** Noise from a seed (incompressible, so an upload takes a moment; each seed a different file). */
export function noisePng(width: number, height: number, seed = 1): Buffer {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return pngOf(width, height, () => [next(), next(), next()]);
}
