import type { WarningGroupAction, WarningGroupsView } from '@hall/shared';
import type { ProvinceSimulator } from '@hall/province-sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';
import { dataFilesText } from '../support/data-files.js';

const MINUTE = 60_000;
const DUTY = '13700001111';
const HALL = { id: 'test-hall', name: '测试政务服务中心', dutyManager: { name: '周敏', phone: DUTY } };

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

async function hall(): Promise<TestHub> {
  ({ hub, sim } = await hallWithProvince({}, { overrides: { hall: HALL } }));
  return hub;
}

const issue = (h: TestHub, lineId = 'general') => h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId } });
const groups = async (h: TestHub, who = 'boss') => (await h.app.inject({ url: '/api/warnings/groups', headers: h.as(who) })).json() as WarningGroupsView;
const act = (h: TestHub, key: string, body: unknown, headers: Record<string, string> = h.as('boss')) =>
  h.app.inject({ method: 'POST', url: `/api/warnings/groups/${key}/actions`, headers, payload: body as Record<string, unknown> });
const groupSms = () => sim!.sms().filter((m) => m.type === 'warning-group-red');

describe('warning groups over HTTP: who may do what', () => {
  it('anonymous callers are refused everything; staff acknowledge only their own groups; auditors read and change nothing', async () => {
    const h = await hall();
    for (let i = 0; i < 3; i++) await issue(h);
    await issue(h, 'tax');
    h.clock.advance(25 * MINUTE);

    for (const r of [
      await h.app.inject({ url: '/api/warnings/groups' }),
      await h.app.inject({ url: '/api/warnings/mine' }),
      await h.app.inject({ method: 'POST', url: '/api/warnings/groups/line:general/actions', payload: { action: 'acknowledge' } }),
    ]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('unauthorized');
    }
    expect((await h.app.inject({ url: '/api/warnings/groups', headers: h.as('staff-S1') })).statusCode).toBe(403);
    expect((await act(h, 'line:general', { action: 'acknowledge' }, h.as('audit'))).statusCode).toBe(403);

    // 张伟 (S1) opens window 1, which serves 综合业务: that line's group is his; the tax line's is not.
    expect((await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} })).statusCode).toBe(200);
    const mine = (await h.app.inject({ url: '/api/warnings/mine', headers: h.as('staff-S1') })).json() as WarningGroupsView;
    expect(mine.groups.map((g) => g.key)).toEqual(['line:general']);
    expect(mine.dutyManager).toEqual({ name: '周敏', phoneMasked: '137****1111' });

    const notHis = await act(h, 'line:tax', { action: 'acknowledge' }, h.as('staff-S1'));
    expect(notHis.statusCode).toBe(403);
    expect(notHis.json().message).toContain('不属于您所在的窗口');
    const assign = await act(h, 'line:general', { action: 'assign', assignee: { kind: 'duty-manager' } }, h.as('staff-S1'));
    expect(assign.statusCode).toBe(403);
    expect(assign.json().messageEn).toContain('Staff acknowledge warnings');

    const ack = await act(h, 'line:general', { action: 'acknowledge', note: '马上叫号' }, h.as('staff-S1'));
    expect(ack.statusCode).toBe(201);
    expect(ack.json()).toMatchObject({ groupKey: 'line:general', action: 'acknowledge', by: 'staff-S1', role: 'staff', note: '马上叫号', at: new Date(h.clock.now()).toISOString() });
    // Refusals and the acknowledgement alike are in the audit log.
    const audit = h.audit.query({ limit: 10 }).filter((e) => e.action.startsWith('warning group'));
    expect(audit.map((e) => [e.actor, e.action, e.target, e.outcome])).toEqual([
      ['staff-S1', 'warning group acknowledge', 'line:general', 'ok'],
      ['staff-S1', 'warning group assign', 'line:general', 'refused'],
      ['staff-S1', 'warning group acknowledge', 'line:tax', 'refused'],
    ]);
  }, 60_000);

  it('bad input is refused with a clear message and records nothing', async () => {
    const h = await hall();
    await issue(h);
    h.clock.advance(25 * MINUTE);
    const cases: Array<[unknown, string, number, string]> = [
      [{ action: 'delete' }, 'line:general', 400, ''],
      [{ action: 'acknowledge', extra: 1 }, 'line:general', 400, ''],
      [{ action: 'acknowledge' }, 'bogus', 400, ''],
      [{ action: 'assign' }, 'line:general', 400, '指派时请指定 assignee'],
      [{ action: 'assign', assignee: { kind: 'staff', staffNo: 'S99' } }, 'line:general', 400, '没有这个工号的工作人员'],
      [{ action: 'escalate', assignee: { kind: 'duty-manager' } }, 'line:general', 400, '只有指派（assign）才带 assignee'],
      [{ action: 'acknowledge' }, 'line:tax', 404, '这组预警已经消除'],
    ];
    for (const [body, key, status, text] of cases) {
      const r = await act(h, key, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      const e = r.json() as { code: string; message: string; messageEn: string };
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.messageEn.length).toBeGreaterThan(0);
      if (text) expect(e.message).toContain(text);
    }
    expect((await groups(h)).groups[0]!.actions).toEqual([]);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM warning_group_actions').get()).toEqual({ n: 0 });
  }, 60_000);
});

describe('a line’s warnings pile up: one group, its workflow and the duty manager’s SMS once per red episode', () => {
  it('acknowledge, assign and escalate are kept with who and when; red re-opens the acknowledgement and texts the duty manager once', async () => {
    const h = await hall();
    for (let i = 0; i < 3; i++) await issue(h);
    h.clock.advance(21 * MINUTE);
    await issue(h);
    let view = await groups(h);
    expect(view.groups.map((g) => [g.key, g.level, g.count, g.longestMinutes])).toEqual([['line:general', 'yellow', 3, 21]]);

    expect((await act(h, 'line:general', { action: 'acknowledge' })).statusCode).toBe(201);
    const assigned = await act(h, 'line:general', { action: 'assign', assignee: { kind: 'staff', staffNo: 'S2' } });
    expect(assigned.json()).toMatchObject({ assignee: 'S2 王芳', assigneeStaffNo: 'S2', by: 'boss' });
    view = await groups(h);
    expect(view.groups[0]).toMatchObject({ acknowledged: true, assignee: 'S2 王芳', escalated: false, redSince: null });

    // Past 40 minutes: red. Whatever the number of looks, one SMS for the episode.
    h.clock.advance(20 * MINUTE);
    view = await groups(h);
    expect(view.groups[0]).toMatchObject({ level: 'red', red: 3, yellow: 1, acknowledged: false, assignee: 'S2 王芳', redSince: new Date(h.clock.now()).toISOString() });
    await groups(h);
    h.app.warningDesk.check();
    h.clock.advance(MINUTE);
    await groups(h);
    // Before the relay runs, the number rests encrypted only.
    expect(dataFilesText(h.dataDir)).not.toContain(DUTY);
    await h.uplink.relay!.drained();
    expect(groupSms()).toHaveLength(1);
    expect(groupSms()[0]).toMatchObject({ to: DUTY });
    expect(groupSms()[0]!.text).toContain('综合业务共4条预警');
    expect(groupSms()[0]!.text).not.toMatch(/A00\d/);

    const esc = await act(h, 'line:general', { action: 'escalate', note: '请增开窗口' });
    expect(esc.statusCode).toBe(201);
    view = await groups(h);
    expect(view.groups[0]!.actions.map((a: WarningGroupAction) => [a.action, a.by])).toEqual([
      ['acknowledge', 'boss'],
      ['assign', 'boss'],
      ['escalate', 'boss'],
    ]);
    expect(view.groups[0]).toMatchObject({ escalated: true, acknowledged: false });

    // The line clears (window 1 calls all three) and stays calm past 5 minutes: the episode is over. The next red
    // is a new episode, and a new SMS.
    await h.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: h.as('staff-S1'), payload: {} });
    for (let i = 0; i < 4; i++) {
      await h.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: h.as('staff-S1'), payload: {} });
      await h.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: h.as('staff-S1'), payload: {} });
    }
    expect((await groups(h)).groups).toEqual([]);
    h.clock.advance(6 * MINUTE);
    expect((await groups(h)).groups).toEqual([]);
    await issue(h);
    await h.app.inject({ method: 'POST', url: '/api/windows/1/pause', headers: h.as('staff-S1'), payload: { reason: '会议' } });
    h.clock.advance(41 * MINUTE);
    expect((await groups(h)).groups.map((g) => [g.key, g.level])).toEqual([['line:general', 'red']]);
    await h.uplink.relay!.drained();
    expect(groupSms()).toHaveLength(2);
  }, 60_000);
});
