import { connect } from 'node:net';

/** What an unauthenticated client declares in its CONNECT's fixed header: 100 MB. */
const DECLARED = 100 * 1024 * 1024;
/** Well under the declared size: a broker that buffers the packet would still be waiting for more. */
export const GIVE_UP_AFTER = 24 * 1024 * 1024;

/** MQTT's variable byte integer (3.1.1 §2.2.3). */
function remainingLength(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/**
 * Opens a raw TCP connection, sends a CONNECT fixed header declaring a 100 MB packet and streams zeros after it
 * (with backpressure) until the broker closes the socket or GIVE_UP_AFTER bytes are sent. Returns how much went.
 */
export async function floodConnect(port: number): Promise<{ closed: boolean; sent: number }> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let closed = false;
  const gone = new Promise<void>((resolve) => socket.once('close', () => ((closed = true), resolve())));
  socket.on('error', () => undefined); // EPIPE / ECONNRESET once the broker hangs up
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  socket.write(Buffer.concat([Buffer.from([0x10]), remainingLength(DECLARED)]));
  while (!closed && sent < GIVE_UP_AFTER) {
    sent += chunk.length;
    if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), gone]);
  }
  socket.destroy();
  return { closed, sent };
}
