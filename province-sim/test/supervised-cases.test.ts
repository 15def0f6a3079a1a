import { SupervisedCaseSchema } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { createSupervisedCaseBook, generateCases } from '../src/supervised-cases.js';

const NOW = Date.UTC(2026, 10, 23, 1, 0);

describe('the simulator’s case feed (办件监督)', () => {
  it('generates a month of valid, varied cases, the same on every run', () => {
    const cases = generateCases({ count: 400, now: NOW });
    for (const c of cases) expect(Value.Errors(SupervisedCaseSchema, c).First()).toBeUndefined();
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(400);
    const states = new Set(cases.map((c) => c.state));
    for (const s of ['accepted', 'under-review', 'suspended', 'decided']) expect(states).toContain(s);
    expect(cases.some((c) => c.steps.length >= 3)).toBe(true);
    expect(cases.some((c) => c.applicant.kind === 'organisation')).toBe(true);
    expect(cases.every((c) => Date.parse(c.acceptedAt) <= NOW && (c.finishedAt === null || Date.parse(c.finishedAt) >= Date.parse(c.acceptedAt)))).toBe(true);
    expect(generateCases({ count: 400, now: NOW })).toEqual(cases);
  });

  it('serves changes after a cursor, oldest first, a page at a time; a changed case comes again', () => {
    const book = createSupervisedCaseBook();
    const cases = generateCases({ count: 25, now: NOW });
    book.upsert(cases);
    const first = book.page(null, 10);
    expect(first.cases.map((c) => c.caseNo)).toEqual(cases.slice(0, 10).map((c) => c.caseNo));
    expect(first.more).toBe(true);
    const second = book.page(first.cursor, 10);
    const third = book.page(second.cursor, 10);
    expect(third).toMatchObject({ more: false });
    expect(third.cases).toHaveLength(5);
    expect(book.page(third.cursor, 10)).toEqual({ cursor: third.cursor, more: false, cases: [] });
    book.upsert([{ ...cases[3]!, state: 'decided', finishedAt: new Date(NOW).toISOString() }]);
    expect(book.page(third.cursor, 10).cases.map((c) => [c.caseNo, c.state])).toEqual([[cases[3]!.caseNo, 'decided']]);
  });
});

describe('cases drawn from a province catalog (exchange format)', () => {
  it('takes the business types in force with working-day limits, 即办件 without promised days as limit 0, and 联办机构 as parallel steps', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { businessesFromExchange } = await import('../src/supervised-cases.js');
    const root = join(import.meta.dirname, '..', '..');
    const doc = JSON.parse(readFileSync(join(root, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')) as { task_general_basic: Array<{ task_code: string; task_name: string; promise_day: number; project_type: string }> };
    const businesses = businessesFromExchange(doc);
    expect(businesses.length).toBeGreaterThan(20);
    const approval = businesses.find((b) => b.name === '企业投资项目核准（核准）')!;
    expect(approval).toMatchObject({ limit: 10, dept: { name: '辽宁省发展和改革委员会' } });
    expect(approval.joint!.map((d) => d.name)).toContain('辽宁省自然资源厅');
    const promised = doc.task_general_basic.find((r) => r.promise_day > 0)!;
    expect(businesses.find((b) => b.taskCode === promised.task_code)?.limit).toBe(promised.promise_day);
    expect(businessesFromExchange({ task_general_basic: [{ task_code: 'X1', task_name: '即办', task_state: '1', dept_code: 'D', dept_name: '部门', project_type: '1', promise_day: 0 }] })[0]!.limit).toBe(0);
    const cases = generateCases({ count: 200, now: NOW, businesses });
    for (const c of cases) expect(Value.Errors(SupervisedCaseSchema, c).First()).toBeUndefined();
    expect(new Set(cases.map((c) => c.departmentName)).size).toBeGreaterThan(3);
  });
});
