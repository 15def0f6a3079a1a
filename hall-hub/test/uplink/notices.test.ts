import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/crypto/passwords.js';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { dataFilesText } from '../support/data-files.js';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';
import { hallWithProvince, UPLINK_KEY } from '@hall/testkit/uplink-fixture';

const PHONE = '13812345678';
const MASKED = '138****5678';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
let proc: HubProcess | null = null;
afterEach(async () => {
  proc?.child.kill('SIGKILL');
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
  proc = null;
});

const issue = (h: TestHub, extra: Record<string, unknown> = {}) => h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general', ...extra } });
const callAndFinish = async (h: TestHub) => {
  await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
  await h.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: h.as('staff-S1'), payload: {} });
};

function consentRows(dataDir: string): Array<{ phone_masked: string; phone_cipher: string; notified_at: number | null }> {
  const db = new Database(join(dataDir, 'hall.db'), { readonly: true });
  const rows = db.prepare('SELECT phone_masked, phone_cipher, notified_at FROM sms_consents').all() as Array<{ phone_masked: string; phone_cipher: string; notified_at: number | null }>;
  db.close();
  return rows;
}

describe('turn-near notices (短信通知) through the provincial platform', () => {
  it('a consenting visitor gets exactly one SMS when the threshold is crossed; the phone rests encrypted and is answered masked', async () => {
    ({ hub, sim } = await hallWithProvince({ notices: { turnNearPlaces: 2 } }));
    const h = hub;
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    for (let i = 0; i < 4; i++) expect((await issue(h)).statusCode).toBe(201);
    const mine = await issue(h, { phone: PHONE, smsConsent: true });
    expect(mine.statusCode).toBe(201);
    expect(mine.body).not.toContain(PHONE);
    const ticket = mine.json() as { id: string; number: string };
    expect((await h.app.inject({ url: `/api/tickets/${ticket.id}` })).body).not.toContain(PHONE);

    // At rest: masked and encrypted only.
    const [row] = consentRows(h.dataDir);
    expect(row).toMatchObject({ phone_masked: MASKED, notified_at: null });
    expect(row!.phone_cipher).toMatch(/^v1\./);
    expect(dataFilesText(h.dataDir)).not.toContain(PHONE);

    await callAndFinish(h); // 3 ahead: nothing yet
    await h.uplink.relay!.drained();
    expect(sim.sms()).toEqual([]);
    await callAndFinish(h); // 2 ahead: the notice
    await h.uplink.relay!.drained();
    expect(sim.sms()).toHaveLength(1);
    expect(sim.sms()[0]).toMatchObject({ to: PHONE, type: 'turn-near', key: `test-hall:notice:turn-near:2026-11-23:${ticket.number}` });
    expect(sim.sms()[0]!.text).toContain(`${ticket.number}号`);
    expect(sim.sms()[0]!.text).toContain('前面还有2人');
    expect(sim.sms()[0]!.textEn).toContain('2 people are ahead');

    // Closer and closer, then called: still the one notice.
    for (let i = 0; i < 3; i++) await callAndFinish(h);
    await h.uplink.relay!.drained();
    expect(sim.sms()).toHaveLength(1);
    expect(consentRows(h.dataDir)[0]!.notified_at).toEqual(expect.any(Number));
    // The delivered outbox row is gone; nothing at rest ever held the number in the clear.
    expect(dataFilesText(h.dataDir)).not.toContain(PHONE);
  }, 60_000);

  it('never without consent: a phone without the box ticked is refused with a clear error, and tickets without a phone get no SMS', async () => {
    ({ hub, sim } = await hallWithProvince({ notices: { turnNearPlaces: 5 } }));
    const h = hub;
    const noConsent = await issue(h, { phone: PHONE });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json()).toMatchObject({ code: 'sms_consent_required', message: expect.stringContaining('同意'), messageEn: expect.stringContaining('agree') });
    expect(noConsent.body).not.toContain(PHONE);
    const refused = await issue(h, { phone: PHONE, smsConsent: false });
    expect(refused.json().code).toBe('sms_consent_required');
    expect((await issue(h, { smsConsent: true })).statusCode).toBe(400);
    expect((await issue(h, { phone: '12345', smsConsent: true })).statusCode).toBe(400);
    expect(h.engine.state.tickets.size).toBe(0);
    expect(consentRows(h.dataDir)).toEqual([]);

    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    for (let i = 0; i < 3; i++) await issue(h);
    for (let i = 0; i < 3; i++) await callAndFinish(h);
    await h.uplink.relay!.drained();
    expect(sim.held('queue').length).toBeGreaterThan(0);
    expect(sim.sms()).toEqual([]);
  }, 60_000);

  it('a hall whose notices are off refuses a phone rather than keep it', async () => {
    ({ hub, sim } = await hallWithProvince({ notices: { enabled: false } }));
    const r = await issue(hub, { phone: PHONE, smsConsent: true });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'sms_unavailable', messageEn: expect.stringContaining('without a phone') });
  }, 60_000);

  it('phones are deleted when the next business day starts, with any of that day’s notices not yet delivered', async () => {
    ({ hub, sim } = await hallWithProvince({ notices: { turnNearPlaces: 1 } }));
    const h = hub;
    const s = sim;
    // Away (connections refused), not failing: a batch is never in flight across the day's end.
    await s.goAway();
    const backlog = () => h.uplink.status().streams.find((x) => x.stream === 'notices')!.backlog;
    expect((await issue(h)).statusCode).toBe(201);
    // Already within the threshold when the ticket is taken: the notice is written at once (and waits, the province away).
    expect((await issue(h, { phone: PHONE, smsConsent: true })).statusCode).toBe(201);
    expect(h.uplink.phoneNotices!.heldPhones()).toBe(1);
    expect(backlog()).toBe(1);
    h.clock.advance(24 * 3600_000);
    h.engine.ensureDay();
    expect(h.uplink.phoneNotices!.heldPhones()).toBe(0);
    expect(consentRows(h.dataDir)).toEqual([]);
    expect(backlog()).toBe(0);
    await s.comeBack();
    await issue(h);
    await h.uplink.relay!.drained();
    expect(s.held('queue').length).toBeGreaterThan(0);
    expect(s.sms()).toEqual([]);
  }, 60_000);

  it('a red warning (红灯预警) goes once to each manager phone, however often it is seen', async () => {
    ({ hub, sim } = await hallWithProvince({ notices: { managerPhones: ['13900000001', '13900000002'] } }));
    const h = hub;
    const t = (await issue(h)).json() as { number: string };
    h.clock.advance(25 * 60_000); // yellow only: no SMS
    h.uplink.phoneNotices!.checkWarnings();
    h.clock.advance(20 * 60_000); // 45 min: red
    h.uplink.phoneNotices!.checkWarnings();
    h.uplink.phoneNotices!.checkWarnings();
    await issue(h); // seen again from a queue event's projection
    await h.uplink.relay!.drained();
    const sms = sim.sms();
    expect(sms.map((s) => s.to).sort()).toEqual(['13900000001', '13900000002']);
    expect(new Set(sms.map((s) => s.key)).size).toBe(1);
    expect(sms[0]).toMatchObject({ type: 'red-warning' });
    expect(sms[0]!.text).toContain('红灯预警');
    expect(sms[0]!.text).toContain(t.number);
  }, 60_000);
});

describe('turn-near notice across a hub killed with SIGKILL', () => {
  it('the notice written before the crash is delivered after the restart, once; the phone is never in the logs', async () => {
    sim = await startProvinceSimulator({ key: UPLINK_KEY });
    const s = sim;
    const dir = mkdtempSync(join(tmpdir(), 'hall-notices-'));
    const ALL_DAY = [{ open: '00:00', close: '23:59' }];
    const configFile = join(dir, 'hall.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        server: { dataDir: join(dir, 'data') },
        hall: { id: 'sms-hall', name: '短信测试大厅' },
        calendar: { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, ticketingCutoffMinutes: 0 },
        zones: [{ id: 'z', name: '综合区' }],
        lines: [{ id: 'general', prefix: 'A', name: '综合业务' }],
        windows: [{ no: '1', name: '窗口1', zone: 'z', lines: [{ line: 'general' }] }],
        staff: [{ no: 'S1', name: '张伟', windows: ['1'] }],
        accounts: [{ username: 'boss', role: 'manager', passwordHash: hashPassword('sms-test-pw') }],
        uplink: { enabled: true, url: s.url, backoff: { baseMs: 20, maxMs: 200 }, downlink: { enabled: false }, notices: { turnNearPlaces: 1 } },
      }),
    );
    const env = { HALL_CONFIG: configFile, HALL_SIM_START: '2026-11-23T09:00:00+08:00', HALL_UPLINK_KEY: UPLINK_KEY, HALL_LOG_LEVEL: 'debug' };
    const json = { 'content-type': 'application/json' };
    const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
    const boss = async (base: string) => {
      const r = await post(base, '/api/auth/login', { username: 'boss', password: 'sms-test-pw' });
      return { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
    };

    proc = await spawnHub(env);
    const first = proc;
    let auth = await boss(first.base);
    await post(first.base, '/api/windows/1/open', { staffNo: 'S1' }, auth);
    await post(first.base, '/api/tickets', { lineId: 'general' }, auth);
    await post(first.base, '/api/tickets', { lineId: 'general' }, auth);
    const mine = (await (await post(first.base, '/api/tickets', { lineId: 'general', phone: PHONE, smsConsent: true }, auth)).json()) as { number: string };
    s.setMode({ mode: 'fail', status: 503 });
    await post(first.base, '/api/windows/1/call-next', {}, auth); // one ahead now: the notice waits in the outbox
    first.child.kill('SIGKILL');
    await first.exited;
    expect(s.sms()).toEqual([]);

    s.setMode({ mode: 'ok' });
    proc = await spawnHub(env);
    const second = proc;
    await s.waitForHeld(1, 'notices');
    auth = await boss(second.base);
    await post(second.base, '/api/windows/1/call-next', {}, auth);
    await post(second.base, '/api/windows/1/call-next', {}, auth);
    await s.waitForStats(() => s.held('queue').some((e) => e.type === 'called' && e.data.ticketNumber === mine.number));
    const sms = s.sms();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: PHONE, type: 'turn-near' });
    expect(sms[0]!.text).toContain(mine.number);
    expect(s.stats().duplicates).toBe(0);
    const logs = [...first.output, ...second.output].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(PHONE);
  }, 120_000);
});
