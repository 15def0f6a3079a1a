import type { SupervisedCase } from '@hall/shared';
import { aSupervisedCase, shanghai } from '@hall/testkit/supervised-case';
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

const DAY = 86_400_000;
const sh = shanghai;
const aCase = (caseNo: string, over: Partial<SupervisedCase>): SupervisedCase =>
  aSupervisedCase(caseNo, { applicant: { kind: 'organisation', name: '杭州云帆科技有限公司' }, ...over });

describe('办件监督 retention: finished cases are kept for the report period and a margin, then leave the hot set', () => {
  it('drops a finished case once it finished longer ago than keepFinishedDays, keeps open ones whatever their age, and keeps every warning', async () => {
    ({ hub, sim } = await hallWithProvince({
      supervision: { enabled: true, pollSeconds: 3600, checkSeconds: 3600, keepFinishedDays: 35, departments: [{ code: 'dept-a', phones: ['13800000004'] }] },
    }));
    const s = hub.uplink.supervision!;
    // The fake clock: Monday 23 November 2026, 09:00 in Shanghai.
    sim.putCases([
      aCase('CASE-LATE-01', {}), // past its limit since Thursday night: red, warned
      aCase('CASE-DONE-02', { state: 'decided', finishedAt: sh('2026-11-19') }),
      aCase('CASE-OPEN-03', { acceptedAt: sh('2026-11-02'), limitWorkingDays: 200 }),
    ]);
    await s.sync();
    expect(s.view().warnings.map((w) => [w.caseNo, w.light])).toEqual([['CASE-LATE-01', 'red']]);
    // Finished late, an hour after the clock's start.
    sim.putCases([aCase('CASE-LATE-01', { state: 'decided', finishedAt: sh('2026-11-23') })]);
    hub.clock.advance(2 * 3_600_000);
    await s.sync();
    expect(s.view().status).toMatchObject({ cases: 3, open: 1 });
    expect(s.view().departments[0]).toMatchObject({ finishedThisMonth: 2, onTimeThisMonth: 1 });

    const held = () => (hub!.db.prepare('SELECT case_no AS c FROM supervised_cases ORDER BY case_no').all() as Array<{ c: string }>).map((r) => r.c);
    const trail = () => hub!.db.prepare('SELECT case_no AS c, light FROM case_warnings ORDER BY id').all();

    // 34 days on (Sunday 27 December, 11:00): the one finished on 19 November is past its 35 days; the one
    // finished on 23 November at 10:00 is 23 hours short of them.
    hub.clock.advance(34 * DAY);
    s.check();
    expect(held()).toEqual(['CASE-LATE-01', 'CASE-OPEN-03']);
    expect(s.view().status).toMatchObject({ cases: 2, open: 1 });
    expect(s.board().rows.map((r) => r.caseNo)).not.toContain('CASE-DONE-02');

    hub.clock.advance(DAY);
    s.check();
    expect(held()).toEqual(['CASE-OPEN-03']);
    expect(s.view().status).toMatchObject({ cases: 1, open: 1 });
    // The trail of warnings (全程留痕) keeps the dropped case's red.
    expect(trail()).toEqual([{ c: 'CASE-LATE-01', light: 'red' }]);
  }, 60_000);
});
