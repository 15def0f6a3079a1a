import type { ParallelProject, ParallelStep, ParallelStepView, SupervisedCase } from '@hall/shared';
import { hallTime } from '../time/hall-time.js';
import { maskApplicant } from './applicant-mask.js';
import { caseClock, type CaseClock, type ClockInput } from './case-clock.js';
import { caseLight, severity, thresholdsFor, type CaseLight } from './case-light.js';
import { isFinished, judge, type SupervisionRules } from './supervision-view.js';

/*
 * 并联审批: each department's step of a joint case runs on its own clock, by the same rules as a case (working
 * days of the hall calendar, from the day after the lead passed the materials — 抄告 — with 补正 not counted),
 * and gets its light by the same thresholds (the step's department's own, if it has any). The project's light is
 * the worst light among its open steps. Pure: the instant comes in as an argument.
 */

export interface JudgedStep {
  step: ParallelStep;
  /** null until the materials are passed (抄告): nothing has been used of the step's limit */
  clock: CaseClock | null;
  open: boolean;
  /** open: 红黄灯 on the limit; done: red when it finished late */
  light: CaseLight;
}

const isStepOpen = (s: ParallelStep): boolean => s.state !== 'done';

function stepClockInput(s: ParallelStep): ClockInput | null {
  if (s.startedAt === null) return null;
  return {
    acceptedAt: Date.parse(s.startedAt),
    limitWorkingDays: s.limitWorkingDays,
    suspensions: (s.suspensions ?? []).map((x) => ({ from: Date.parse(x.from), to: x.to === null ? null : Date.parse(x.to) })),
    finishedAt: s.finishedAt === null ? null : Date.parse(s.finishedAt),
  };
}

export function judgeStep(rules: SupervisionRules, s: ParallelStep, now: number): JudgedStep {
  const input = stepClockInput(s);
  const open = isStepOpen(s);
  if (input === null) return { step: s, clock: null, open, light: 'green' };
  const clock = caseClock(rules.calendar, rules.timeZone, input, now);
  const light = open ? caseLight(s.limitWorkingDays, clock, thresholdsFor(rules.thresholds, rules.perDepartment, s.departmentCode)) : clock.overdue ? 'red' : 'green';
  return { step: s, clock, open, light };
}

/** The worst light among the open steps; null when no step is open. */
function worstOpenLight(steps: readonly JudgedStep[]): CaseLight | null {
  let worst: CaseLight | null = null;
  for (const j of steps) if (j.open && (worst === null || severity(j.light) > severity(worst))) worst = j.light;
  return worst;
}

export const isParallelCase = (c: SupervisedCase): boolean => c.steps.length > 0;

function stepView(rules: SupervisionRules, j: JudgedStep): ParallelStepView {
  const c = j.clock;
  return {
    departmentName: j.step.departmentName,
    state: j.step.state,
    started: c !== null,
    light: j.light,
    paused: c?.paused ?? false,
    limitWorkingDays: j.step.limitWorkingDays,
    usedWorkingDays: c?.usedWorkingDays ?? 0,
    remainingWorkingDays: c?.remainingWorkingDays ?? j.step.limitWorkingDays,
    deadline: c === null || c.deadline === null ? null : new Date(c.deadline).toISOString(),
    finishedDay: j.step.finishedAt === null ? null : hallTime(Date.parse(j.step.finishedAt), rules.timeZone).day,
  };
}

/**
 * One project as the zone wall, the kiosk and the phone show it: masked applicant, each step with its state and
 * light, and the project's light — the worst open step's, or, with every step done, the case's own verdict.
 */
export function parallelProject(rules: SupervisionRules, c: SupervisedCase, now: number): ParallelProject {
  const steps = c.steps.map((s) => judgeStep(rules, s, now));
  const finished = isFinished(c);
  return {
    caseNo: c.caseNo,
    serviceName: c.serviceName,
    leadDepartmentName: c.departmentName,
    applicant: maskApplicant(c.applicant.kind, c.applicant.name),
    acceptedDay: hallTime(Date.parse(c.acceptedAt), rules.timeZone).day,
    light: (finished ? null : worstOpenLight(steps)) ?? judge(rules, c, now).light,
    finished,
    steps: steps.map((j) => stepView(rules, j)),
  };
}

/** The 并联审批 zone's board: open projects first, worst light first, then the newest. */
export function parallelBoard(rules: SupervisionRules, cases: Iterable<SupervisedCase>, now: number, opts: { rows: number; finishedDays: number }): ParallelProject[] {
  const since = now - opts.finishedDays * 86_400_000;
  const shown: Array<{ p: ParallelProject; at: number }> = [];
  for (const c of cases) {
    if (!isParallelCase(c)) continue;
    if (isFinished(c) && (c.finishedAt === null || Date.parse(c.finishedAt) < since)) continue;
    shown.push({ p: parallelProject(rules, c, now), at: Date.parse(c.acceptedAt) });
  }
  shown.sort((a, b) => Number(a.p.finished) - Number(b.p.finished) || severity(b.p.light) - severity(a.p.light) || b.at - a.at);
  return shown.slice(0, opts.rows).map((x) => x.p);
}
