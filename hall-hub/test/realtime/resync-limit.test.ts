import { NAMESPACES, PROTOCOL_VERSION, type Ack } from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { RESYNC_LIMIT } from '../../src/adapters/socket/socket-gateway.js';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

let hub: TestHub | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.close();
  hub = null;
});

/** A real kiosk connection; resolves once its first snapshot arrived. Counts the snapshots after that. */
async function kioskSocket(h: TestHub): Promise<{ socket: Socket; snapshots: () => number }> {
  const socket = io(`${h.base}${NAMESPACES.kiosk}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, deviceId: 'kiosk-1', token: h.credentials.passwordFor('kiosk-1')! },
  });
  sockets.push(socket);
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('snapshot', () => n++);
  return { socket, snapshots: () => n };
}

describe('resync requests', () => {
  it('2,000 from one kiosk: a few are answered, the rest refused with a clear error, and the hub keeps serving', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    for (let i = 0; i < 5; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const kiosk = await kioskSocket(hub);
    // lastSeq far ahead of the hub: each answer would be a whole snapshot.
    const started = performance.now();
    const acks = await Promise.all(Array.from({ length: 2000 }, () => kiosk.socket.timeout(30_000).emitWithAck('resync', { lastSeq: 1_000_000 }) as Promise<Ack>));
    const seconds = (performance.now() - started) / 1000;
    const refused = acks.filter((a) => !a.ok);
    const answered = acks.length - refused.length;
    // The burst, plus what the steady rate refilled while the 2,000 were on their way (a bound, not a timing).
    expect(answered).toBeGreaterThanOrEqual(RESYNC_LIMIT.burst);
    expect(answered).toBeLessThanOrEqual(RESYNC_LIMIT.burst + Math.ceil(seconds * RESYNC_LIMIT.perSecond));
    expect(refused.length).toBeGreaterThan(1900);
    expect(refused[0]).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.stringContaining('同步'), messageEn: expect.stringContaining('resync') } });
    // Acks follow the snapshots sent before them on the same connection.
    expect(kiosk.snapshots()).toBe(answered);
    expect((await hub.app.inject({ url: '/api/health' })).json().rejected.socket_resync_limited).toBe(refused.length);
    // Another client is not held to this one's limit.
    const other = await kioskSocket(hub);
    expect(await other.socket.timeout(5_000).emitWithAck('resync', { lastSeq: 1_000_000 })).toEqual({ ok: true });
  });

  it('clients asking at the same sequence number share one snapshot; an event makes a new one', async () => {
    hub = await testHub();
    const first = hub.feed.snapshot();
    expect(hub.feed.snapshot()).toBe(first);
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    const after = hub.feed.snapshot();
    expect(after).not.toBe(first);
    expect(after.seq).toBeGreaterThan(first.seq);
    expect(hub.feed.snapshot()).toBe(after);
  });
});
