import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../src/adapters/mqtt/embedded-broker.js';
import { brokerPrincipals } from '../../src/adapters/mqtt/mqtt-acl.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import { startMosquitto } from '@hall/testkit/mosquitto';

const DECLARED = 100 * 1024 * 1024;
/** Well under the declared size: a broker that buffers the packet would still be waiting for more. */
const GIVE_UP_AFTER = 24 * 1024 * 1024;

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
async function floodConnect(port: number): Promise<{ closed: boolean; sent: number }> {
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

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('a huge CONNECT from an unauthenticated client', () => {
  it('the embedded broker cuts it off from the fixed header, long before the payload is sent', async () => {
    const refusals: string[] = [];
    const broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      principals: brokerPrincipals(smallHall()),
      verify: () => false,
      addressAllowed: () => true,
      onRefusal: (what) => refusals.push(what),
    });
    closers.push(() => broker.close());
    const { closed, sent } = await floodConnect(broker.port);
    expect(closed).toBe(true);
    expect(sent).toBeLessThan(GIVE_UP_AFTER);
    expect(refusals).toEqual(['packet_size']);
  });

  it("mosquitto (the generated max_packet_size) does the same", async () => {
    const broker = await startMosquitto(brokerPrincipals(smallHall()), () => 'x');
    closers.push(() => broker.close());
    const { closed, sent } = await floodConnect(broker.port);
    expect(closed).toBe(true);
    expect(sent).toBeLessThan(GIVE_UP_AFTER);
  });
});
