import type { CaseProgress, ParallelBoard, ParallelStep, SupervisedCase } from '@hall/shared';
import type { ProvinceSimulator } from '@hall/province-sim';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';
import { afterEach, describe, expect, it } from 'vitest';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const sh = (day: string, hhmm = '10:00') => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();
// Known to the simulator's 办件查询 (王*华, ID ending 567X) and, here, supervised as a 并联审批 project.
const PROJECT_NO = '330106202611100003';
// Known to the lookup, a case of one department.
const SINGLE_NO = '330106202611200001';

const step = (departmentName: string, over: Partial<ParallelStep>): ParallelStep => ({
  departmentCode: `dept-${departmentName}`,
  departmentName,
  limitWorkingDays: 3,
  state: 'in-progress',
  startedAt: sh('2026-11-16', '14:00'),
  finishedAt: null,
  ...over,
});
const aCase = (caseNo: string, steps: ParallelStep[]): SupervisedCase => ({
  caseNo,
  taskCode: '330106-BL-001',
  serviceName: '社会投资简易低风险项目施工许可（并联审批）',
  departmentCode: 'dept-住房和城乡建设局',
  departmentName: '住房和城乡建设局',
  applicant: { kind: 'person', name: '王小华' },
  acceptedAt: sh('2026-11-16'),
  limitWorkingDays: 15,
  state: 'under-review',
  history: [],
  suspensions: [],
  finishedAt: null,
  steps,
});

// The hub's fake clock starts at Monday 23 November 2026, 09:00 in Shanghai.
async function supervisedHall() {
  ({ hub, sim } = await hallWithProvince({ supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, departments: [] } }));
  sim.putCases([
    aCase(PROJECT_NO, [
      step('住房和城乡建设局', { limitWorkingDays: 15, startedAt: sh('2026-11-16') }),
      step('生态环境局', {}), // due the end of Thursday 19 November: red
      step('消防救援大队', { state: 'waiting', startedAt: null }),
    ]),
    aCase(SINGLE_NO, []),
  ]);
  await hub.uplink.supervision!.sync();
  return hub;
}

describe('并联审批 through the hub’s routes', () => {
  it('the zone wall reads each project’s steps with their lights, the applicant masked', async () => {
    const h = await supervisedHall();
    const r = await h.app.inject({ url: '/api/supervision/parallel', headers: { authorization: `Device wall-1:${h.credentials.passwordFor('wall-1')!}` } });
    expect(r.statusCode).toBe(200);
    const board = r.json() as ParallelBoard;
    expect(board.projects.map((p) => p.caseNo)).toEqual([PROJECT_NO]);
    const p = board.projects[0]!;
    expect(p).toMatchObject({ applicant: '王*华', leadDepartmentName: '住房和城乡建设局', light: 'red', finished: false });
    expect(p.steps.map((s) => [s.departmentName, s.state, s.light, s.started])).toEqual([
      ['住房和城乡建设局', 'in-progress', 'green', true],
      ['生态环境局', 'in-progress', 'red', true],
      ['消防救援大队', 'waiting', 'green', false],
    ]);
    expect(r.body).not.toContain('王小华');
    expect([401, 403]).toContain((await h.app.inject({ url: '/api/supervision/parallel' })).statusCode);
  }, 60_000);

  it('the kiosk’s lookup carries the steps of a supervised project, and nothing for a case of one department', async () => {
    const h = await supervisedHall();
    const found = await h.app.inject({ url: `/api/cases/${PROJECT_NO}`, headers: h.kiosk() });
    expect(found.statusCode).toBe(200);
    const c = found.json() as CaseProgress;
    expect(c.parallel?.steps.map((s) => s.light)).toEqual(['green', 'red', 'green']);
    expect(c.parallel?.light).toBe('red');
    expect(found.body).not.toContain('王小华');
    const single = await h.app.inject({ url: `/api/cases/${SINGLE_NO}`, headers: h.kiosk() });
    expect(single.statusCode).toBe(200);
    expect((single.json() as CaseProgress).parallel).toBeUndefined();
  }, 60_000);

  it('the phone’s lookup needs the ID number’s last four, answers a wrong one like a missing case, and is rate-limited', async () => {
    const h = await supervisedHall();
    expect((await h.app.inject({ url: `/api/m/cases/${PROJECT_NO}` })).statusCode).toBe(400);
    const wrong = await h.app.inject({ url: `/api/m/cases/${PROJECT_NO}?idLast4=0000` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).not.toContain('生态环境局');
    const right = await h.app.inject({ url: `/api/m/cases/${PROJECT_NO}?idLast4=567X` });
    expect(right.statusCode).toBe(200);
    expect(right.headers['cache-control']).toBe('no-store');
    expect((right.json() as CaseProgress).parallel?.steps.map((s) => s.departmentName)).toEqual(['住房和城乡建设局', '生态环境局', '消防救援大队']);
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await h.app.inject({ url: `/api/m/cases/${PROJECT_NO}?idLast4=0000` })).statusCode);
    expect(codes.at(-1)).toBe(429);
    expect(codes.filter((x) => x === 404).length).toBeLessThanOrEqual(8);
  }, 60_000);
});
