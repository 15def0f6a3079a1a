import type { SupervisedCase } from '@hall/shared';

/** An ISO instant from a day and a time on a Shanghai clock (the supervision tests' halls are in Shanghai). */
export const shanghai = (day: string, hhmm = '10:00'): string => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();

/**
 * A case under supervision as the province feed carries it: a one-department 食品经营许可 accepted on Monday 16
 * November 2026 with three working days, under review; `over` changes what a test is about.
 */
export function aSupervisedCase(caseNo: string, over: Partial<SupervisedCase> = {}): SupervisedCase {
  return {
    caseNo,
    taskCode: 'T-001',
    serviceName: '食品经营许可',
    departmentCode: 'dept-a',
    departmentName: '市场监督管理局',
    applicant: { kind: 'person', name: '王小华' },
    acceptedAt: shanghai('2026-11-16'),
    limitWorkingDays: 3,
    state: 'under-review',
    history: [],
    suspensions: [],
    finishedAt: null,
    steps: [],
    ...over,
  };
}
