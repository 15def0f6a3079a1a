import iconv from 'iconv-lite';

/** Why a payload could not be decoded; codecs catch it and return it as a value — bad bytes never throw out. */
export class DecodeError extends Error {}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a decoder that reads with a PayloadReader; any DecodeError (or a leftover byte) becomes `{ok: false}`. */
export function decodeWith<T>(payload: Buffer, read: (r: PayloadReader) => T): Decoded<T> {
  const r = new PayloadReader(payload);
  try {
    const value = read(r);
    r.end();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Bounds-checked reads over a payload. */
export class PayloadReader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}

  u8(what: string): number {
    if (this.at + 1 > this.bytes.length) throw new DecodeError(`${what}: payload ends early`);
    return this.bytes[this.at++]!;
  }
  u16(what: string): number {
    if (this.at + 2 > this.bytes.length) throw new DecodeError(`${what}: payload ends early`);
    const v = this.bytes.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  take(n: number, what: string): Buffer {
    if (this.at + n > this.bytes.length) throw new DecodeError(`${what}: payload ends early`);
    const b = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
  rest(): Buffer {
    const b = this.bytes.subarray(this.at);
    this.at = this.bytes.length;
    return b;
  }
  /** a string of printable ASCII, one length byte first */
  ascii8(what: string): string {
    return asciiOf(this.take(this.u8(what), what), what);
  }
  /** GBK text, one length byte first */
  gbk8(what: string): string {
    return gbkOf(this.take(this.u8(what), what), what);
  }
  /** GB 18030 text (GBK plus four-byte sequences for every other character), one length byte first */
  gb18030_8(what: string): string {
    return gb18030Of(this.take(this.u8(what), what), what);
  }
  /** whether any byte is left (a field a newer protocol version appends) */
  more(): boolean {
    return this.at < this.bytes.length;
  }
  end(): void {
    if (this.at !== this.bytes.length) throw new DecodeError(`${this.bytes.length - this.at} unexpected trailing byte(s)`);
  }
}

export function asciiOf(b: Buffer, what: string): string {
  for (const c of b) if (c < 0x20 || c > 0x7e) throw new DecodeError(`${what}: not printable ASCII`);
  return b.toString('latin1');
}

/** GBK bytes to text; refuses control characters and bytes GBK cannot map (which iconv would turn into U+FFFD). */
export function gbkOf(b: Buffer, what: string): string {
  const s = iconv.decode(b, 'gbk');
  if (s.includes('\uFFFD') || hasControl(s)) throw new DecodeError(`${what}: not valid GBK text`);
  return s;
}

/** GB 18030 bytes to text: GBK's bytes read the same; refuses control characters and invalid sequences. */
export function gb18030Of(b: Buffer, what: string): string {
  const s = iconv.decode(b, 'gb18030');
  if (s.includes('\uFFFD') || hasControl(s)) throw new DecodeError(`${what}: not valid GB 18030 text`);
  return s;
}

/** C0 controls and DEL: never part of text shown on a device. */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Builds a payload. Throws RangeError when a value cannot be encoded (the caller's bug or a bad command). */
export class PayloadWriter {
  private readonly parts: Buffer[] = [];
  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${v} is not a byte`);
    this.parts.push(Buffer.of(v));
    return this;
  }
  u16(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`${v} is not a u16`);
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    this.parts.push(b);
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  ascii8(s: string): this {
    if (!/^[\x20-\x7e]*$/.test(s) || s.length > 255) throw new RangeError(`${JSON.stringify(s)} is not short printable ASCII`);
    return this.u8(s.length).bytes(Buffer.from(s, 'latin1'));
  }
  gbk8(s: string): this {
    const b = gbkBytes(s);
    if (b.length > 255) throw new RangeError('text longer than 255 GBK bytes');
    return this.u8(b.length).bytes(b);
  }
  gb18030_8(s: string): this {
    const b = iconv.encode(s, 'gb18030');
    if (b.length > 255) throw new RangeError('text longer than 255 GB 18030 bytes');
    return this.u8(b.length).bytes(b);
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Text as GBK; characters GBK lacks would silently become '?', so they are refused instead. */
export function gbkBytes(s: string): Buffer {
  if (!iconv.encodingExists('gbk')) throw new Error('iconv-lite has no GBK');
  const b = iconv.encode(s, 'gbk');
  if (iconv.decode(b, 'gbk') !== s) throw new RangeError(`${JSON.stringify(s)} has characters outside GBK`);
  return b;
}

/** Cuts text so its GBK form fits in `max` bytes, on a character boundary (a keypad's small display). */
export function fitGbk(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    let n: number;
    try {
      n = gbkBytes(ch).length;
    } catch {
      continue;
    }
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}
