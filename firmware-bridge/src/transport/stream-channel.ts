import type { Duplex } from 'node:stream';
import { createFramer, emptyStats, type FramerStats } from '../protocol/framer.js';
import type { Frame } from '../protocol/frame.js';

/** One open byte stream of a link — a serial port, or one TCP connection — with its own framer. */
export interface Channel {
  readonly label: string;
  readonly open: boolean;
  write(bytes: Buffer): boolean;
  close(): void;
  readonly stats: Readonly<FramerStats>;
}

export interface ChannelHandlers {
  onFrame(frame: Frame, channel: Channel): void;
  onClose(channel: Channel): void;
}

/**
 * Wraps a stream: bytes go through a framer; a partial frame left by a quiet line is expired after
 * `interByteTimeoutMs` (the Modbus RTU idea of a silent gap ending a frame), so a noise byte that looked like a
 * start byte cannot hold back the frames behind it.
 */
export function streamChannel(stream: Duplex, label: string, interByteTimeoutMs: number, handlers: ChannelHandlers): Channel {
  const framer = createFramer();
  let open = true;
  let idle: NodeJS.Timeout | null = null;
  const channel: Channel = {
    label,
    get open() {
      return open;
    },
    write(bytes) {
      if (!open) return false;
      stream.write(bytes);
      return true;
    },
    close() {
      if (open) stream.destroy();
    },
    stats: framer.stats,
  };
  const deliver = (frames: Frame[]) => {
    for (const f of frames) {
      try {
        handlers.onFrame(f, channel);
      } catch {
        // A handler's failure is the handler's to count; the stream keeps flowing.
      }
    }
  };
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (framer.pending() === 0) return;
    idle = setTimeout(() => {
      idle = null;
      deliver(framer.expire());
      armIdle();
    }, interByteTimeoutMs);
  };
  stream.on('data', (chunk: Buffer) => {
    deliver(framer.push(chunk));
    armIdle();
  });
  const finish = () => {
    if (!open) return;
    open = false;
    if (idle) clearTimeout(idle);
    handlers.onClose(channel);
  };
  stream.on('close', finish);
  stream.on('end', () => stream.destroy());
  stream.on('error', () => stream.destroy());
  return channel;
}

/** Adds one framer's counters to a total (a link's channels come and go; its totals stay). */
export function addStats(total: FramerStats, s: Readonly<FramerStats>): FramerStats {
  for (const k of Object.keys(total) as Array<keyof FramerStats>) total[k] += s[k];
  return total;
}

export { emptyStats };
