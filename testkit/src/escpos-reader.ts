import iconv from 'iconv-lite';

/** What a printer would make of a byte stream: the commands we send, the text (GBK-decoded), and anything else. */
export interface ReadJob {
  text: string;
  qr: Array<{ data: string; printed: boolean }>;
  rasters: Array<{ widthBytes: number; rows: number; inkBits: number }>;
  commands: string[];
  /** bytes the reader did not understand: a well-formed job has none */
  unknown: number[];
}

const THREE_BYTE = new Set(['1b52', '1b61', '1b45', '1b64', '1b74', '1b21', '1b4d', '1b33', '1d21', '1d56', '1004']);

/** Walks an ESC/POS stream the way a Chinese-mode printer does: commands, single-byte ASCII, two-byte GBK pairs. */
export function readEscpos(buf: Buffer): ReadJob {
  const out: ReadJob = { text: '', qr: [], rasters: [], commands: [], unknown: [] };
  const textBytes: number[] = [];
  const flush = () => {
    if (textBytes.length) out.text += iconv.decode(Buffer.from(textBytes), 'gbk');
    textBytes.length = 0;
  };
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const key = buf.subarray(i, i + 2).toString('hex');
    if (key === '1b40' || key === '1c26') {
      flush();
      out.commands.push(key);
      i += 2;
    } else if (THREE_BYTE.has(key)) {
      flush();
      out.commands.push(`${key}${buf[i + 2]!.toString(16).padStart(2, '0')}`);
      i += 3;
    } else if (key === '1d28' && buf[i + 2] === 0x6b) {
      flush();
      const len = buf[i + 3]! + buf[i + 4]! * 256;
      const fn = buf.subarray(i + 5, i + 7).toString('hex');
      if (fn === '3150') out.qr.push({ data: buf.subarray(i + 8, i + 5 + len).toString('latin1'), printed: false });
      if (fn === '3151' && out.qr.length) out.qr[out.qr.length - 1]!.printed = true;
      out.commands.push(`1d286b${fn}`);
      i += 5 + len;
    } else if (key === '1d76' && buf[i + 2] === 0x30) {
      flush();
      const x = buf[i + 4]! + buf[i + 5]! * 256;
      const y = buf[i + 6]! + buf[i + 7]! * 256;
      let ink = 0;
      for (const byte of buf.subarray(i + 8, i + 8 + x * y)) for (let k = byte; k; k &= k - 1) ink++;
      out.rasters.push({ widthBytes: x, rows: y, inkBits: ink });
      out.commands.push('1d7630');
      i += 8 + x * y;
    } else if (b === 0x0a || (b >= 0x20 && b < 0x7f)) {
      textBytes.push(b);
      i += 1;
    } else if (b >= 0x81 && b <= 0xfe && i + 1 < buf.length && buf[i + 1]! >= 0x40 && buf[i + 1] !== 0x7f) {
      textBytes.push(b, buf[i + 1]!);
      i += 2;
    } else {
      out.unknown.push(i);
      i += 1;
    }
  }
  flush();
  return out;
}
