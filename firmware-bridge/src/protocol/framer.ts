import { crc16Modbus } from './crc16.js';
import { EOF, HEADER_BYTES, MAX_PAYLOAD, OVERHEAD_BYTES, SOF, type Frame } from './frame.js';

/** What the framer has seen on one byte stream. Every fault is counted; none throws. */
export interface FramerStats {
  bytes: number;
  frames: number;
  /** bytes skipped while looking for a frame (noise, partial frames, rejected start bytes) */
  garbageBytes: number;
  /** a start byte followed by a length over MAX_PAYLOAD */
  badLength: number;
  /** a complete-length candidate whose last byte is not the end byte */
  badEnd: number;
  badCrc: number;
  /** start bytes given up because a complete, valid frame begins inside the length they announce */
  falseStarts: number;
  /** partial frames given up after the line went quiet (see `expire`) */
  expired: number;
}

export interface Framer {
  /** feeds bytes as they were read; returns the frames completed by them, in order */
  push(chunk: Uint8Array): Frame[];
  /**
   * The line went quiet with a partial frame pending: its start byte was probably noise. Drops that byte and
   * rescans what follows (a real frame may sit behind it). The link calls this after an inter-byte timeout.
   */
  expire(): Frame[];
  /** bytes held waiting for the rest of a frame */
  pending(): number;
  readonly stats: Readonly<FramerStats>;
}

export function emptyStats(): FramerStats {
  return { bytes: 0, frames: 0, garbageBytes: 0, badLength: 0, badEnd: 0, badCrc: 0, falseStarts: 0, expired: 0 };
}

/**
 * A pure incremental parser: no timers, no I/O. Frames split across reads are joined, frames merged in one read
 * are split, and after garbage or a corrupt frame it resynchronizes on the next start byte.
 */
export function createFramer(maxPayload = MAX_PAYLOAD): Framer {
  const stats = emptyStats();
  let buf: Buffer = Buffer.alloc(0);

  /** the length of the complete, valid frame at `at`, or -1 */
  function validAt(at: number): number {
    if (buf[at] !== SOF || buf.length - at < HEADER_BYTES) return -1;
    const length = buf.readUInt16BE(at + 3);
    const total = length + OVERHEAD_BYTES;
    if (length > maxPayload || buf.length - at < total || buf[at + total - 1] !== EOF) return -1;
    return crc16Modbus(buf, at + 1, at + HEADER_BYTES + length) === buf.readUInt16LE(at + HEADER_BYTES + length) ? total : -1;
  }

  /**
   * A start byte whose frame is still incomplete is noise if a complete, valid frame begins inside the span it
   * announces (a real frame's payload forming a valid frame by chance is a 1-in-2^24 event per candidate): the
   * stall ends as soon as the next real frame has arrived, with no timer.
   */
  function overtaken(at: number, total: number): boolean {
    const end = Math.min(buf.length, at + total);
    for (let j = buf.indexOf(SOF, at + 1); j >= 0 && j < end; j = buf.indexOf(SOF, j + 1)) if (validAt(j) > 0) return true;
    return false;
  }

  function scan(): Frame[] {
    const out: Frame[] = [];
    let i = 0;
    for (;;) {
      const s = buf.indexOf(SOF, i);
      if (s < 0) {
        stats.garbageBytes += buf.length - i;
        i = buf.length;
        break;
      }
      stats.garbageBytes += s - i;
      i = s;
      if (buf.length - i < HEADER_BYTES) break;
      const length = buf.readUInt16BE(i + 3);
      if (length > maxPayload) {
        stats.badLength += 1;
        stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      const total = length + OVERHEAD_BYTES;
      if (buf.length - i < total) {
        if (!overtaken(i, total)) break;
        stats.falseStarts += 1;
        stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      const crcAt = i + HEADER_BYTES + length;
      if (buf[i + total - 1] !== EOF) {
        stats.badEnd += 1;
        stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      if (crc16Modbus(buf, i + 1, crcAt) !== buf.readUInt16LE(crcAt)) {
        stats.badCrc += 1;
        stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      // A copy: the frame outlives the read buffer it came in.
      out.push({ address: buf[i + 1]!, type: buf[i + 2]!, payload: Buffer.from(buf.subarray(i + HEADER_BYTES, crcAt)) });
      stats.frames += 1;
      i += total;
    }
    buf = i >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(i));
    return out;
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return [];
      stats.bytes += chunk.length;
      // A view of the caller's chunk is enough: scan() copies whatever it keeps.
      buf = buf.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([buf, chunk]);
      return scan();
    },
    expire() {
      if (buf.length === 0) return [];
      stats.expired += 1;
      stats.garbageBytes += 1;
      buf = Buffer.from(buf.subarray(1));
      return scan();
    },
    pending: () => buf.length,
    stats,
  };
}
