import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SupervisedCaseSchema, type SupervisedCase } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { startProvinceSimulator } from '../src/simulator.js';
import { businessesFromExchange, generateCases } from '../src/supervised-cases.js';

const NOW = Date.UTC(2026, 10, 23, 1, 0);
const MINUTE = 60_000;
const root = join(import.meta.dirname, '..', '..');
const demoBusinesses = () => businessesFromExchange(JSON.parse(readFileSync(join(root, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')));
const valid = (c: SupervisedCase) => expect(Value.Errors(SupervisedCaseSchema, c).First()).toBeUndefined();

describe('并联审批 in the simulator’s case feed', () => {
  it('the demo’s 600 cases hold projects: the lead first on the case’s limit, each other department on its own, in every state', () => {
    const cases = generateCases({ count: 600, now: NOW, businesses: demoBusinesses() });
    const projects = cases.filter((c) => c.steps.length > 0);
    expect(projects.length).toBeGreaterThanOrEqual(30);
    for (const p of projects) {
      valid(p);
      expect(p.steps[0]).toMatchObject({ departmentCode: p.departmentCode, limitWorkingDays: p.limitWorkingDays, startedAt: p.acceptedAt });
      if (p.finishedAt !== null) expect(p.steps.every((s) => s.state === 'done')).toBe(true);
    }
    const open = projects.filter((p) => p.finishedAt === null).flatMap((p) => p.steps);
    for (const state of ['waiting', 'in-progress', 'done', 'returned'] as const) expect(open.some((s) => s.state === state), state).toBe(true);
    // A step returned for corrections has its clock held by an open suspension.
    expect(open.filter((s) => s.state === 'returned').every((s) => s.suspensions?.some((x) => x.to === null))).toBe(true);
    // The departments' limits are their own, not one number for all.
    expect(new Set(projects.flatMap((p) => p.steps.slice(1).map((s) => s.limitWorkingDays / p.limitWorkingDays))).size).toBeGreaterThan(1);
  });

  it('as time passes the steps move on, a resumed step closes its suspension, and a project whose steps are all done is decided', async () => {
    const sim = await startProvinceSimulator({ key: 'parallel-progress-key-0001' });
    try {
      const cases = sim.generateCases({ count: 600, now: NOW, businesses: demoBusinesses() });
      const before = new Map(cases.map((c) => [c.caseNo, c]));
      const seen = { started: 0, taken: 0, done: 0, returned: 0, resumed: 0, decided: 0 };
      for (let tick = 1; tick <= 40; tick++) {
        const at = NOW + tick * MINUTE;
        for (const c of sim.advanceCases(at)) {
          valid(c);
          const was = before.get(c.caseNo)!;
          expect(sim.supervisedCase(c.caseNo)).toEqual(c);
          c.steps.forEach((s, i) => {
            const w = was.steps[i]!;
            expect(s.departmentCode).toBe(w.departmentCode);
            if (w.state === 'done') expect(s).toEqual(w);
            if (w.startedAt === null && s.startedAt !== null) seen.started += 1;
            if (w.state === 'waiting' && s.state === 'in-progress') seen.taken += 1;
            if (w.state !== 'done' && s.state === 'done') {
              expect(s.finishedAt).toBe(new Date(at).toISOString());
              seen.done += 1;
            }
            if (w.state !== 'returned' && s.state === 'returned') {
              expect(s.suspensions!.at(-1)).toMatchObject({ from: new Date(at).toISOString(), to: null });
              seen.returned += 1;
            }
            if (w.state === 'returned' && s.state === 'in-progress') {
              expect(s.suspensions!.every((x) => x.to !== null)).toBe(true);
              seen.resumed += 1;
            }
          });
          if (was.finishedAt === null && c.finishedAt !== null) {
            expect(c.state).toBe('decided');
            expect(c.steps.every((s) => s.state === 'done')).toBe(true);
            seen.decided += 1;
          }
          before.set(c.caseNo, c);
        }
      }
      for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});
