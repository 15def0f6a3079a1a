import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../src/adapters/mqtt/embedded-broker.js';
import { brokerPrincipals } from '../../src/adapters/mqtt/mqtt-acl.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import { startMosquitto } from '@hall/testkit/mosquitto';
import { GIVE_UP_AFTER, floodConnect } from './flood-connect.js';

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
