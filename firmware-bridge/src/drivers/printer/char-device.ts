import { constants, promises as fs } from 'node:fs';

/**
 * A printer's device file — /dev/usb/lp0 (the kernel's usblp), a serial port set up by the system (stty/udev), or
 * a pty in tests — opened non-blocking, so a printer that stops taking data never ties up one of Node's threads:
 * reads and writes that would block (EAGAIN) are tried again after a short pause. usblp answers reads with what a
 * bidirectional printer sends back (the DLE EOT answers); a write returns once the printer has taken the data.
 */
export interface CharDevice {
  /** resolves once every byte went to the device; rejects when the device fails (unplugged, switched off) */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

const wouldBlock = (err: unknown) => (err as NodeJS.ErrnoException).code === 'EAGAIN' || (err as NodeJS.ErrnoException).code === 'EWOULDBLOCK';
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openCharDevice(path: string, onData: (bytes: Buffer) => void, onFailure: (err: Error) => void, pollMs = 20): Promise<CharDevice> {
  const fh = await fs.open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  let closed = false;
  const buf = Buffer.alloc(512);
  const reading = (async () => {
    while (!closed) {
      try {
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead > 0) onData(Buffer.from(buf.subarray(0, bytesRead)));
        else await later(pollMs);
      } catch (err) {
        if (closed) return;
        if (!wouldBlock(err)) return onFailure(err as Error);
        await later(pollMs);
      }
    }
  })();
  return {
    async write(bytes) {
      let at = 0;
      while (at < bytes.length) {
        if (closed) throw new Error('the device was closed');
        try {
          const { bytesWritten } = await fh.write(bytes, at, Math.min(bytes.length - at, 4096), null);
          at += bytesWritten;
          if (bytesWritten === 0) await later(pollMs);
        } catch (err) {
          if (!wouldBlock(err)) throw err;
          await later(pollMs); // the printer's buffer is full: it is printing (or stuck)
        }
      }
    },
    async close() {
      closed = true;
      await reading;
      await fh.close();
    },
  };
}
