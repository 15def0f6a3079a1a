import type { ParallelStep, SupervisedCase } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIGHT_THRESHOLDS, type CaseLight } from '../../src/domain/cases/case-light.js';
import { judgeStep, parallelBoard, parallelProject } from '../../src/domain/cases/parallel-steps.js';
import type { SupervisionRules } from '../../src/domain/cases/supervision-view.js';
import { CalendarSchema, type Calendar } from '../../src/domain/hall-vocabulary.js';

const SH = 'Asia/Shanghai';
const DAY = 86_400_000;
/** An instant given as hall time in Shanghai (UTC+8). */
const sh = (day: string, hhmm = '10:00') => Date.parse(`${day}T${hhmm}:00+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

/** National Day week: 1–7 October off, Saturday 10 October worked as a Friday. */
const calendar: Calendar = Value.Default(CalendarSchema, {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: [{ date: '2026-10-10', sameAs: 'fri' }],
}) as Calendar;

const rules: SupervisionRules = { calendar, timeZone: SH, thresholds: DEFAULT_LIGHT_THRESHOLDS, perDepartment: {} };

const step = (over: Partial<ParallelStep>): ParallelStep => ({
  departmentCode: 'dept-fire',
  departmentName: '消防救援大队',
  limitWorkingDays: 3,
  state: 'in-progress',
  startedAt: iso(sh('2026-09-16')),
  finishedAt: null,
  ...over,
});

const project = (steps: ParallelStep[], over: Partial<SupervisedCase> = {}): SupervisedCase => ({
  caseNo: '330106202609140001',
  taskCode: '330106-BL-001',
  serviceName: '社会投资简易低风险项目施工许可（并联审批）',
  departmentCode: 'dept-housing',
  departmentName: '住房和城乡建设局',
  applicant: { kind: 'person', name: '王小华' },
  acceptedAt: iso(sh('2026-09-14')),
  limitWorkingDays: 15,
  state: 'under-review',
  history: [],
  suspensions: [],
  finishedAt: null,
  steps,
  ...over,
});

describe('并联审批: each department’s step on its own clock', () => {
  it('counts the step’s limit from the day after the lead passed the materials (抄告), not from acceptance', () => {
    // Accepted Monday 14 September; the fire brigade got the materials Wednesday 16: Thu 17, Fri 18, Mon 21.
    const s = step({});
    const fri = judgeStep(rules, s, sh('2026-09-18'));
    expect(fri.clock!.deadline).toBe(sh('2026-09-21', '00:00') + DAY - 1);
    expect(fri.clock!.usedWorkingDays).toBe(2);
    expect(fri.light).toBe('yellow');
    expect(judgeStep(rules, s, sh('2026-09-17')).light).toBe('yellow');
    expect(judgeStep(rules, step({ limitWorkingDays: 10 }), sh('2026-09-17')).light).toBe('green');
    expect(judgeStep(rules, s, sh('2026-09-22', '08:00')).light).toBe('red');
  });

  it('skips the National Day holidays and counts the 调休 Saturday', () => {
    const s = step({ startedAt: iso(sh('2026-09-29')), limitWorkingDays: 3 });
    // Wed 30 September, then 8 and 9 October: due the end of Friday 9 October; on the holiday nothing is used.
    expect(judgeStep(rules, s, sh('2026-10-05')).clock!.usedWorkingDays).toBe(1);
    expect(judgeStep(rules, s, sh('2026-10-09')).light).toBe('yellow');
    expect(judgeStep(rules, s, sh('2026-10-10')).light).toBe('red');
  });

  it('stops the clock while the step is returned for corrections (补正中)', () => {
    const s = step({ state: 'returned', suspensions: [{ kind: 'correction', from: iso(sh('2026-09-17')), to: null }] });
    const later = judgeStep(rules, s, sh('2026-09-30'));
    expect(later.clock!.paused).toBe(true);
    expect(later.clock!.deadline).toBeNull();
    expect(later.light).not.toBe('red');
  });

  it('a step still waiting for the materials has used nothing; a finished step is judged on time or late', () => {
    const waiting = judgeStep(rules, step({ state: 'waiting', startedAt: null }), sh('2026-10-30'));
    expect(waiting).toMatchObject({ clock: null, light: 'green', open: true });
    expect(judgeStep(rules, step({ state: 'done', finishedAt: iso(sh('2026-09-21', '16:00')) }), sh('2026-10-30')).light).toBe('green');
    expect(judgeStep(rules, step({ state: 'done', finishedAt: iso(sh('2026-09-22', '09:00')) }), sh('2026-10-30')).light).toBe('red');
  });

  it('uses the step department’s own thresholds', () => {
    const strict: SupervisionRules = { ...rules, perDepartment: { 'dept-fire': { yellowWorkingDays: 9 } } };
    expect(judgeStep(rules, step({ limitWorkingDays: 10 }), sh('2026-09-17')).light).toBe('green');
    expect(judgeStep(strict, step({ limitWorkingDays: 10 }), sh('2026-09-17')).light).toBe('yellow');
  });

  it('a project shows each step’s department, state and light, its light the worst open step, the applicant masked', () => {
    const steps = [
      step({ departmentCode: 'dept-housing', departmentName: '住房和城乡建设局', limitWorkingDays: 15, startedAt: iso(sh('2026-09-14')) }),
      step({ departmentCode: 'dept-nature', departmentName: '自然资源和规划局', state: 'done', finishedAt: iso(sh('2026-09-25')) }), // late: red, but done
      step({ departmentCode: 'dept-env', departmentName: '生态环境局', limitWorkingDays: 10 }),
      step({ departmentCode: 'dept-fire', departmentName: '消防救援大队', state: 'waiting', startedAt: null }),
    ];
    const p = parallelProject(rules, project(steps), sh('2026-09-28'));
    expect(p.applicant).toBe('王*华');
    expect(p.steps.map((s) => [s.departmentName, s.state, s.light])).toEqual([
      ['住房和城乡建设局', 'in-progress', 'green'],
      ['自然资源和规划局', 'done', 'red'],
      ['生态环境局', 'in-progress', 'yellow'],
      ['消防救援大队', 'waiting', 'green'],
    ]);
    expect(p.steps[3]!.started).toBe(false);
    expect(p.steps[1]!.finishedDay).toBe('2026-09-25');
    // The late step is done: the project is yellow for the environment bureau's open step, not red.
    expect(p.light).toBe('yellow');
    expect(parallelProject(rules, project(steps, { applicant: { kind: 'organisation', name: '杭州恒达建设集团有限公司' } }), sh('2026-09-28')).applicant).toBe('杭州恒达建设集团有限公司');
  });

  it('the zone board lists parallel projects only, open ones first and the worst first', () => {
    const now = sh('2026-09-28');
    const cases = [
      project([step({ limitWorkingDays: 30 })], { caseNo: 'GREEN-000001' }),
      project([step({})], { caseNo: 'RED-0000002' }),
      project([], { caseNo: 'SINGLE-00003' }),
      project([step({ state: 'done', finishedAt: iso(sh('2026-09-18')) })], { caseNo: 'DONE-000004', state: 'decided', finishedAt: iso(sh('2026-09-25')) }),
      project([step({ state: 'done', finishedAt: iso(sh('2026-09-18')) })], { caseNo: 'OLD-0000005', state: 'decided', finishedAt: iso(sh('2026-08-01')) }),
    ];
    expect(parallelBoard(rules, cases, now, { rows: 10, finishedDays: 7 }).map((p) => p.caseNo)).toEqual(['RED-0000002', 'GREEN-000001', 'DONE-000004']);
  });
});

/* ---- properties ---- */

const RANK: Record<CaseLight, number> = { green: 0, yellow: 1, red: 2 };
const START = sh('2026-09-01', '00:00');
const instant = (maxDays: number) => fc.integer({ min: 0, max: maxDays * 24 * 60 }).map((m) => START + m * 60_000);
const stepArb = fc
  .record({
    startedAt: fc.option(instant(60), { nil: null }),
    limit: fc.integer({ min: 0, max: 20 }),
    state: fc.constantFrom('waiting', 'in-progress', 'returned', 'done') as fc.Arbitrary<ParallelStep['state']>,
    finishedAfter: fc.integer({ min: 0, max: 30 * 24 * 60 }),
    suspension: fc.option(fc.record({ after: fc.integer({ min: 0, max: 20 * 24 * 60 }), length: fc.integer({ min: 1, max: 10 * 24 * 60 }), open: fc.boolean() }), { nil: null }),
    dept: fc.constantFrom('dept-a', 'dept-b'),
  })
  .map(({ startedAt, limit, state, finishedAfter, suspension, dept }): ParallelStep => ({
    departmentCode: dept,
    departmentName: dept,
    limitWorkingDays: limit,
    state: startedAt === null && state === 'done' ? 'waiting' : state,
    startedAt: startedAt === null ? null : iso(startedAt),
    finishedAt: startedAt !== null && state === 'done' ? iso(startedAt + finishedAfter * 60_000) : null,
    ...(startedAt !== null && suspension
      ? { suspensions: [{ kind: 'correction' as const, from: iso(startedAt + suspension.after * 60_000), to: suspension.open && state !== 'done' ? null : iso(startedAt + (suspension.after + suspension.length) * 60_000) }] }
      : {}),
  }));
const strictB: SupervisionRules = { ...rules, perDepartment: { 'dept-b': { yellowWorkingDays: 4, yellowPercent: 50 } } };

describe('并联审批 properties', () => {
  it('a step’s light only gets worse as time passes, and an open step is never green past its limit', () => {
    fc.assert(
      fc.property(stepArb, fc.array(instant(120), { minLength: 2, maxLength: 8 }), (s, times) => {
        let worst = 0;
        for (const t of [...times].sort((a, b) => a - b)) {
          const j = judgeStep(strictB, s, t);
          expect(RANK[j.light]).toBeGreaterThanOrEqual(worst);
          worst = RANK[j.light];
          if (j.open && j.clock !== null && j.clock.deadline !== null && t > j.clock.deadline) expect(j.light).toBe('red');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an open project’s light is the worst light among its open steps', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), instant(120), (steps, now) => {
        const p = parallelProject(strictB, project(steps), now);
        const open = p.steps.filter((s) => s.state !== 'done');
        if (open.length === 0) return;
        const worst = open.reduce((w, s) => Math.max(w, RANK[s.light]), 0);
        expect(RANK[p.light]).toBe(worst);
        // and each step's light is its own, judged alone
        steps.forEach((s, i) => expect(p.steps[i]!.light).toBe(judgeStep(strictB, s, now).light));
      }),
      { numRuns: 200 },
    );
  });
});
