import { NAMESPACES, PROTOCOL_VERSION, type HelpRequest } from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';

let hub: TestHub | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.close();
  hub = null;
});

/** The manager's console, connected and caught up (its first snapshot arrived). */
async function consoleSocket(h: TestHub): Promise<Socket> {
  const socket = io(`${h.base}${NAMESPACES.console}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, token: h.as('boss').authorization.slice('Bearer '.length) },
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('请工作人员帮助: a kiosk asks for staff', () => {
  it('raises a request the console hears at once and lists afterwards', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const console_ = await consoleSocket(hub);
    const heard = new Promise<HelpRequest>((resolve) => console_.once('help-request', resolve));
    const r = await hub.app.inject({ method: 'POST', url: '/api/help-requests', headers: hub.kiosk(), payload: { query: '旮旯犄角' } });
    expect(r.statusCode).toBe(201);
    const raised = r.json<HelpRequest>();
    expect(raised).toMatchObject({ deviceId: 'kiosk-1', query: '旮旯犄角' });
    expect(await heard).toEqual(raised);
    const list = await hub.app.inject({ method: 'GET', url: '/api/help-requests', headers: hub.as('boss') });
    expect(list.json()).toEqual([raised]);
  });

  it('takes requests only from a declared kiosk, with a valid body', async () => {
    hub = await testHub();
    const anonymous = await hub.app.inject({ method: 'POST', url: '/api/help-requests', payload: { query: 'x' } });
    expect(anonymous.statusCode).toBe(401);
    const bad = await hub.app.inject({ method: 'POST', url: '/api/help-requests', headers: hub.kiosk(), payload: { query: 'x'.repeat(101) } });
    expect(bad.statusCode).toBe(400);
    const extra = await hub.app.inject({ method: 'POST', url: '/api/help-requests', headers: hub.kiosk(), payload: { query: 'x', admin: true } });
    expect(extra.statusCode).toBe(400);
    const list = await hub.app.inject({ method: 'GET', url: '/api/help-requests', headers: hub.as('boss') });
    expect(list.json()).toEqual([]);
    const noSession = await hub.app.inject({ method: 'GET', url: '/api/help-requests' });
    expect(noSession.statusCode).toBe(401);
  });
});
