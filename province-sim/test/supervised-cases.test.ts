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
