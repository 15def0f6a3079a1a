import type { ParallelStep, SupervisedCase } from '@hall/shared';

/*
 * 并联审批 in the simulator: the steps of a joint case — the lead department first, then each other department
 * once the lead has passed the materials (抄告) — each with its own limit in working days, and their progress
 * over time (待受理 → 办理中 → 已办结, sometimes returned for corrections, 补正, which stops the step's clock),
 * so a hub following the feed sees projects move and lights change.
 */

export interface StepDepartment {
  code: string;
  name: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A share of the case's limit for a department's part: the lead's is the case's own. */
const stepLimit = (caseLimit: number, random: () => number) => Math.max(2, Math.round(caseLimit * [0.4, 0.6, 0.8][Math.floor(random() * 3)]!));

/**
 * The steps of a case accepted at `acceptedAt`: the lead's from acceptance; the others from the 抄告 up to three
 * days later (not yet, for a case accepted in the last few days). A finished case has every step done.
 */
export function generateSteps(
  lead: StepDepartment,
  others: readonly StepDepartment[],
  c: { acceptedAt: number; limit: number; finishedAt: number | null; now: number },
  random: () => number,
): ParallelStep[] {
  // The lead checks the materials first: 抄告 within a few working days of acceptance.
  const drawn = c.acceptedAt + HOUR + Math.floor(random() * 3 * DAY);
  const passed = c.finishedAt === null ? drawn : Math.min(drawn, c.finishedAt);
  const depts = [{ d: lead, limit: c.limit, startedAt: c.acceptedAt }, ...others.map((d) => ({ d, limit: stepLimit(c.limit, random), startedAt: passed }))];
  return depts.map(({ d, limit, startedAt }): ParallelStep => {
    const base = { departmentCode: d.code, departmentName: d.name, limitWorkingDays: limit };
    if (startedAt > c.now) return { ...base, state: 'waiting', startedAt: null, finishedAt: null };
    const finishBy = c.finishedAt ?? c.now - 60_000;
    const finishedAt = Math.min(finishBy, startedAt + Math.floor(random() * (limit * 1.5 + 1) * DAY));
    if (c.finishedAt !== null) return { ...base, state: 'done', startedAt: iso(startedAt), finishedAt: iso(Math.max(startedAt, finishedAt)) };
    const roll = random();
    if (roll < 0.35 && finishedAt > startedAt) return { ...base, state: 'done', startedAt: iso(startedAt), finishedAt: iso(finishedAt) };
    if (roll < 0.45 && c.now - startedAt > DAY) {
      const from = startedAt + Math.floor(random() * (c.now - startedAt));
      return { ...base, state: 'returned', startedAt: iso(startedAt), finishedAt: null, suspensions: [{ kind: 'correction', from: iso(from), to: null, note: '待申请人补正材料' }] };
    }
    return { ...base, state: roll < 0.75 ? 'in-progress' : 'waiting', startedAt: iso(startedAt), finishedAt: null };
  });
}

/** One step a tick later: the lead passes the materials, a department takes the case up, finishes, returns or gets the corrections back. */
function advanceStep(s: ParallelStep, now: number, random: () => number): ParallelStep {
  const roll = random();
  switch (s.state) {
    case 'waiting':
      if (s.startedAt === null) return roll < 0.5 ? { ...s, startedAt: iso(now) } : s;
      return roll < 0.4 ? { ...s, state: 'in-progress' } : s;
    case 'in-progress':
      if (roll < 0.25) return { ...s, state: 'done', finishedAt: iso(now) };
      if (roll < 0.3) return { ...s, state: 'returned', suspensions: [...(s.suspensions ?? []), { kind: 'correction', from: iso(now), to: null, note: '待申请人补正材料' }] };
      return s;
    case 'returned':
      if (roll >= 0.35) return s;
      return { ...s, state: 'in-progress', suspensions: (s.suspensions ?? []).map((x) => (x.to === null ? { ...x, to: iso(now) } : x)) };
    case 'done':
      return s;
  }
}

/**
 * The open 并联审批 cases a tick later (only those that changed): steps move on; once every step is done the
 * case is decided. Seeded by the caller, so a run is repeatable.
 */
export function advanceParallelCases(cases: Iterable<SupervisedCase>, now: number, random: () => number): SupervisedCase[] {
  const changed: SupervisedCase[] = [];
  for (const c of cases) {
    if (c.steps.length === 0 || c.finishedAt !== null) continue;
    const steps = c.steps.map((s) => advanceStep(s, now, random));
    const allDone = steps.every((s) => s.state === 'done');
    if (!allDone && steps.every((s, i) => s === c.steps[i])) continue;
    changed.push({
      ...c,
      steps,
      ...(allDone
        ? { state: 'decided' as const, finishedAt: iso(now), history: [...c.history, { state: 'decided' as const, at: iso(now), note: '并联审批各部门均已办结' }].slice(-50) }
        : {}),
    });
  }
  return changed;
}
