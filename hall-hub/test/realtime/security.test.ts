import { NAMESPACES, PROTOCOL_VERSION } from '@hall/shared';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectMqtt } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { tryHubTakeover } from '../mqtt/client-id-takeover.js';

let hub: TestHub;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await hub?.close();
});

function connectError(base: string, nsp: keyof typeof NAMESPACES, auth: Record<string, unknown>): Promise<{ message: string; code: string | undefined }> {
  return new Promise((resolve, reject) => {
    const s = io(`${base}${NAMESPACES[nsp]}`, { transports: ['websocket'], reconnection: false, auth });
    closers.push(() => s.close());
    s.on('connect', () => reject(new Error('connected, but should have been refused')));
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => resolve({ message: err.message, code: err.data?.code }));
  });
}

function connects(base: string, nsp: keyof typeof NAMESPACES, auth: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = io(`${base}${NAMESPACES[nsp]}`, { transports: ['websocket'], reconnection: false, auth });
    closers.push(() => s.close());
    s.on('snapshot', () => resolve());
    s.on('connect_error', reject);
  });
}

describe('people: sign-in, roles, the hall network, the audit log', () => {
  it('staff endpoints answer only the hall network; kiosk endpoints stay open', async () => {
    const base = smallHall();
    hub = await testHub({ ...base, server: { ...base.server, staffNetworks: ['10.0.0.0/8'] } });
    const outside = await hub.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1', payload: { username: 'boss', password: 'correct horse' } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('address_not_allowed');
    const inside = await hub.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.2.3', payload: { username: 'boss', password: 'correct horse' } });
    expect(inside.statusCode).toBe(200);
    const headers = { authorization: `Bearer ${inside.json().token}` };
    // A valid session from outside the range is refused too.
    expect((await hub.app.inject({ url: '/api/warnings', remoteAddress: '192.168.1.9', headers })).statusCode).toBe(403);
    expect((await hub.app.inject({ url: '/api/warnings', remoteAddress: '10.1.2.3', headers })).statusCode).toBe(200);
    // Kiosks take tickets from the device ranges (by default every private address), with their credential.
    expect((await hub.app.inject({ method: 'POST', url: '/api/tickets', remoteAddress: '192.168.1.9', headers: hub.kiosk(), payload: { lineId: 'general' } })).statusCode).toBe(201);
  });

  it('records every staff, manager and device action in an append-only audit log', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff-S1', password: 'nope' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} });
    const keypad = await connectMqtt(hub.mqttUrl, 'keypad-2', hub.credentials.passwordFor('keypad-2')!);
    closers.push(() => keypad.end(true));
    const inbox = collect(keypad);
    await keypad.subscribeAsync('hall/test-hall/dev/keypad-2/response/+');
    await keypad.publishAsync('hall/test-hall/dev/keypad-2/request/login', JSON.stringify({ transaction: 'x1', staffNo: 'S2' }), { qos: 1 });
    await inbox.next('hall/test-hall/dev/keypad-2/response/login');
    const log = (await hub.app.inject({ url: '/api/audit', headers: hub.as('audit') })).json() as Array<{ actor: string; action: string; outcome: string; address: string | null }>;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'staff-S1', action: 'login', outcome: 'refused' }),
        expect.objectContaining({ actor: 'staff-S1', action: 'POST /api/windows/:no/open', outcome: 'ok', address: '127.0.0.1' }),
        expect.objectContaining({ actor: 'device:keypad-2', action: 'keypad login', outcome: 'ok' }),
      ]),
    );
    expect(() => hub.db.prepare("UPDATE audit SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => hub.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('the full ID number is for managers only, and every look is audited', async () => {
    hub = await testHub();
    const t = (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: '110105199001011234' } })).json();
    expect((await hub.app.inject({ url: `/api/tickets/${t.id}/identity`, headers: hub.as('staff-S1') })).statusCode).toBe(403);
    const r = await hub.app.inject({ url: `/api/tickets/${t.id}/identity`, headers: hub.as('boss') });
    expect(r.json()).toEqual({ idNumber: '110105199001011234', idMasked: '110105********1234' });
    const log = (await hub.app.inject({ url: '/api/audit', headers: hub.as('boss') })).json();
    expect(log[0]).toMatchObject({ actor: 'boss', action: 'reveal-id-number', target: 'A001' });
  });
});

describe('screens, kiosks and the console over socket.io', () => {
  it('refuses a wrong token, a device on the wrong namespace, a bad handshake, and the console without a session', async () => {
    hub = await testHub(smallHall(), fakeClock(), { listen: true });
    const token = (id: string) => hub.credentials.passwordFor(id)!;
    expect((await connectError(hub.base, 'display', { protocol: PROTOCOL_VERSION, deviceId: 'wall-1', token: 'guess' })).code).toBe('unauthorized');
    expect((await connectError(hub.base, 'display', { protocol: PROTOCOL_VERSION, deviceId: 'kiosk-1', token: token('kiosk-1') })).code).toBe('unauthorized');
    expect((await connectError(hub.base, 'display', { protocol: 'one', token: 'x' })).code).toBe('invalid_handshake');
    expect((await connectError(hub.base, 'console', { protocol: PROTOCOL_VERSION, token: 'not-a-session' })).code).toBe('unauthorized');
    expect((await connectError(hub.base, 'console', { protocol: 999, token: hub.as('boss').authorization.slice(7) })).code).toBe('protocol_mismatch');
    await connects(hub.base, 'display', { protocol: PROTOCOL_VERSION, deviceId: 'wall-1', token: token('wall-1') });
    await connects(hub.base, 'kiosk', { protocol: PROTOCOL_VERSION, deviceId: 'kiosk-1', token: token('kiosk-1') });
    await connects(hub.base, 'console', { protocol: PROTOCOL_VERSION, token: hub.as('boss').authorization.slice(7) });
  });

  it('the console answers only the hall network', async () => {
    const base = smallHall();
    hub = await testHub({ ...base, server: { ...base.server, staffNetworks: ['10.0.0.0/8'] } }, fakeClock(), { listen: true });
    const session = await hub.auth.login('boss', 'correct horse');
    if (!session.ok) throw new Error('login failed');
    expect((await connectError(hub.base, 'console', { protocol: PROTOCOL_VERSION, token: session.session.token })).code).toBe('address_not_allowed');
  });
});

describe('devices over MQTT (embedded broker)', () => {
  it('a wrong password is refused at connect', async () => {
    hub = await testHub();
    const c = mqtt.connect(hub.mqttUrl, { username: 'keypad-2', password: 'guess', reconnectPeriod: 0, protocolVersion: 4 });
    closers.push(() => c.end(true));
    const err = await new Promise<Error & { code?: number }>((resolve) => c.once('error', resolve));
    expect(err.code).toBe(4);
  });

  it("a device's credentials cannot take the hub's client id (nor another device's): refused, the hub keeps its session", async () => {
    hub = await testHub();
    const outcome = await tryHubTakeover(hub, hub.mqttUrl, 'hub-test-hall', closers);
    expect(outcome).toEqual({ connected: false, code: 2 }); // 2: identifier rejected
    const asOther = await connectMqtt(hub.mqttUrl, 'keypad-2', hub.credentials.passwordFor('keypad-2')!, { clientId: 'keypad-1', reconnectPeriod: 0 }).catch((e: Error & { code?: number }) => e.code);
    expect(asOther).toBe(2);
    expect((await hub.app.inject({ url: '/api/health' })).json().rejected.mqtt_refused_client_id).toBe(2);
  });

  it("a device publishing on another device's topic is cut off and changes nothing; it cannot subscribe to another's commands", async () => {
    hub = await testHub();
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: hub.as('staff-S1'), payload: {} });
    const seq = hub.engine.lastSeq();
    const rogue = await connectMqtt(hub.mqttUrl, 'keypad-2', hub.credentials.passwordFor('keypad-2')!, { reconnectPeriod: 0 });
    closers.push(() => rogue.end(true));
    // The broker answers the subscription with failure (0x80), which mqtt.js reports as an error.
    await expect(rogue.subscribeAsync('hall/test-hall/dev/led-1/set', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const closed = new Promise<void>((resolve) => rogue.once('close', () => resolve()));
    rogue.publish('hall/test-hall/dev/keypad-1/request/call-next', JSON.stringify({ transaction: 'forged' }), { qos: 1 });
    await closed;
    expect(hub.engine.lastSeq()).toBe(seq);
    expect(hub.engine.state.windows.get('1')?.currentTicketId).toBeNull();
    expect((await hub.app.inject({ url: '/api/health' })).json().rejected.mqtt_refused_publish).toBe(1);
  });
});

describe('TLS', () => {
  it('serves HTTPS with a configured certificate', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const https = await import('node:https');
    const dir = mkdtempSync(join(tmpdir(), 'hall-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const base = smallHall();
    hub = await testHub({ ...base, server: { ...base.server, tls: { certFile, keyFile } } }, fakeClock(), { listen: true });
    expect(hub.base).toMatch(/^https:\/\//);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${hub.base}/api/health`, { ca: readFileSync(certFile) }, (res) => {
          let data = '';
          res.on('data', (d: Buffer) => (data += d.toString('utf8')));
          res.on('end', () => resolve(data));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body).status).toBe('ok');
  });
});
