import type { CaseBoard, SupervisedCase, SupervisionView } from '@hall/shared';
import { aSupervisedCase, shanghai } from '@hall/testkit/supervised-case';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { streamClient, until, type StreamClient } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { UPLINK_KEY } from '@hall/testkit/uplink-fixture';
import { afterEach, describe, expect, it } from 'vitest';

const HOUR = 3_600_000;
const sh = shanghai;
// Friday, with one working day: Monday (today on the fake clock) counts, so yellow now and red from midnight.
const aCase = (caseNo: string, over: Partial<SupervisedCase> = {}): SupervisedCase =>
  aSupervisedCase(caseNo, { acceptedAt: sh('2026-11-20'), limitWorkingDays: 1, ...over });

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
const clients: StreamClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

async function supervisedHub(cases: SupervisedCase[]): Promise<{ h: TestHub; s: ProvinceSimulator }> {
  sim = await startProvinceSimulator({ key: UPLINK_KEY });
  sim.putCases(cases);
  const config = smallHall({
    uplink: {
      enabled: true,
      url: sim.url,
      backoff: { baseMs: 20, maxMs: 200 },
      downlink: { enabled: false },
      // no timers in the way: the test syncs and rechecks by hand
      supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, departments: [{ code: 'dept-a', phones: ['13800000003'] }] },
    },
  });
  hub = await testHub(config, fakeClock(), { listen: true, env: { HALL_UPLINK_KEY: UPLINK_KEY } });
  await hub.uplink.supervision!.sync();
  return { h: hub, s: sim };
}

/** A real socket.io client that records what the hub pushes of 办件监督. */
function listener(h: TestHub, namespace: 'display' | 'console', auth: { deviceId?: string; token: string }) {
  const c = streamClient(h.base, namespace, auth);
  clients.push(c);
  const boards: CaseBoard[] = [];
  const views: SupervisionView[] = [];
  const heard: Array<() => void> = [];
  const notify = () => heard.forEach((f) => f());
  c.socket.on('case-board', (b: CaseBoard) => {
    boards.push(b);
    notify();
  });
  c.socket.on('supervision', (v: SupervisionView) => {
    views.push(v);
    notify();
  });
  const waitFor = <T,>(value: () => T | undefined, what: string) =>
    until(
      (check) => {
        heard.push(check);
        return () => void heard.splice(heard.indexOf(check), 1);
      },
      value,
      10_000,
      what,
    );
  return { c, boards, views, waitFor };
}

const wall = (h: TestHub, id = 'wall-1') => listener(h, 'display', { deviceId: id, token: h.credentials.passwordFor(id)! });
const desk = (h: TestHub, user: string) => listener(h, 'console', { token: h.as(user).authorization.slice('Bearer '.length) });
const lightOf = (b: CaseBoard | undefined, caseNo: string) => b?.rows.find((r) => r.caseNo === caseNo)?.light;

describe('办件监督 pushed over the live link', () => {
  it('a light that changes reaches the walls’ 办件公示 and the managers’ supervision page at once, whole', async () => {
    const { h } = await supervisedHub([aCase('CASE-PUSH-01')]);
    const w = wall(h);
    const m = desk(h, 'boss');
    // On connect each gets the current one: the wall's board and the manager's view.
    await w.waitFor(() => lightOf(w.boards.at(-1), 'CASE-PUSH-01'), 'the board on connect');
    expect(lightOf(w.boards.at(-1), 'CASE-PUSH-01')).toBe('yellow');
    await m.waitFor(() => m.views.at(-1), 'the view on connect');
    expect(m.views.at(-1)!.attention.map((c) => [c.caseNo, c.light])).toEqual([['CASE-PUSH-01', 'yellow']]);

    // Past midnight on the hall clock, the recheck turns it red: both hear it, nobody asked.
    h.clock.advance(15 * HOUR + 60_000);
    h.uplink.supervision!.check();
    await w.waitFor(() => (lightOf(w.boards.at(-1), 'CASE-PUSH-01') === 'red' ? true : undefined), 'red on the wall');
    await m.waitFor(() => (m.views.at(-1)!.attention[0]?.light === 'red' ? true : undefined), 'red on the console');
    expect(m.views.at(-1)!.warnings.map((x) => x.light)).toEqual(['yellow', 'red']);
    // Whole boards carry nothing personal beyond the mask.
    expect(JSON.stringify(w.boards)).not.toContain('王小华');
    expect(w.boards.at(-1)!.rows[0]!.applicant).toBe('王*华');
  }, 60_000);

  it('a new case and a finished one are pushed though no light moves; a recheck with nothing new pushes nothing', async () => {
    const { h, s } = await supervisedHub([aCase('CASE-PUSH-02', { limitWorkingDays: 10 })]);
    const w = wall(h);
    const m = desk(h, 'audit');
    await w.waitFor(() => w.boards.at(-1), 'the board on connect');
    await m.waitFor(() => m.views.at(-1), 'the view on connect');

    s.putCases([aCase('CASE-PUSH-03', { limitWorkingDays: 10, applicant: { kind: 'organisation', name: '杭州云帆科技有限公司' } })]);
    await h.uplink.supervision!.sync();
    await w.waitFor(() => lightOf(w.boards.at(-1), 'CASE-PUSH-03'), 'the new case on the wall');
    await m.waitFor(() => (m.views.at(-1)!.status.cases === 2 ? true : undefined), 'the new case counted on the console');

    // Finished on time: still green, but the board says 按时办结 and the month's rate moves.
    s.putCases([aCase('CASE-PUSH-02', { limitWorkingDays: 10, state: 'decided', finishedAt: sh('2026-11-23', '08:30') })]);
    await h.uplink.supervision!.sync();
    await w.waitFor(() => (w.boards.at(-1)!.rows.find((r) => r.caseNo === 'CASE-PUSH-02')?.onTime === true ? true : undefined), 'the finished case on the wall');
    expect(w.boards.at(-1)!.departments).toEqual([{ departmentName: '市场监督管理局', onTimeRate: 1, finished: 1 }]);
    await m.waitFor(() => (m.views.at(-1)!.status.open === 1 ? true : undefined), 'the finished case on the console');

    const before = { boards: w.boards.length, views: m.views.length };
    h.uplink.supervision!.check();
    // A round trip on each socket: anything pushed before it would have arrived first.
    await w.c.socket.timeout(5_000).emitWithAck('heartbeat', { version: 't' });
    await m.c.socket.timeout(5_000).emitWithAck('heartbeat', { version: 't' });
    expect({ boards: w.boards.length, views: m.views.length }).toEqual(before);
  }, 60_000);

  it('only walls that show the board and supervisors get it; a wall that was away gets the current board as it reconnects', async () => {
    const { h } = await supervisedHub([aCase('CASE-PUSH-04')]);
    const screen = listener(h, 'display', { deviceId: 'screen-1', token: h.credentials.passwordFor('screen-1')! });
    const staff = desk(h, 'staff-S1');
    const w = wall(h, 'wall-2');
    await w.waitFor(() => w.boards.at(-1), 'the board on connect');
    await screen.c.waitFor(() => screen.c.epoch, 2_000, 'the window screen in step');
    await staff.c.waitFor(() => staff.c.epoch, 2_000, 'the staff console in step');

    w.c.socket.disconnect();
    h.clock.advance(15 * HOUR + 60_000);
    h.uplink.supervision!.check();
    const missed = w.boards.length;
    w.c.socket.connect();
    await w.waitFor(() => (lightOf(w.boards.at(-1), 'CASE-PUSH-04') === 'red' ? true : undefined), 'red after the reconnect');
    expect(w.boards.length).toBe(missed + 1);

    await screen.c.socket.timeout(5_000).emitWithAck('heartbeat', { version: 't' });
    await staff.c.socket.timeout(5_000).emitWithAck('heartbeat', { version: 't' });
    expect(screen.boards).toEqual([]);
    expect(staff.views).toEqual([]);
  }, 60_000);
});
