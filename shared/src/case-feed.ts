import { Type, type Static } from '@sinclair/typebox';
import { CaseNoSchema } from './cases.js';
import './date-time-format.js';

/*
 * 办件监督: the province's feed of the cases (办件) accepted at this hall, which the hub supervises against their
 * promised time limits (承诺时限, in working days). `GET {url}/cases/v1/feed?hallId=…&since=<cursor>` answers the
 * cases changed since the cursor, whole, signed like every province answer; the hub keeps the last cursor and
 * asks again. A person's name travels in full (the hub encrypts it at rest and shows it masked); an
 * organisation's name is public.
 */

const IsoTime = Type.String({ format: 'date-time' });

export const SupervisedCaseStateSchema = Type.Union(
  [
    Type.Literal('accepted'),
    Type.Literal('under-review'),
    Type.Literal('suspended'),
    Type.Literal('decided'),
    Type.Literal('closed'),
    Type.Literal('withdrawn'),
  ],
  { description: '已受理 / 审查中 / 暂停计时 (补正, 特别程序) / 已办结 / 已归档 / 已撤回' },
);
export type SupervisedCaseState = Static<typeof SupervisedCaseStateSchema>;

/** Finished states: the clock has stopped for good. */
export const FINISHED_CASE_STATES: readonly SupervisedCaseState[] = ['decided', 'closed', 'withdrawn'];

export const CaseSuspensionSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('correction'), Type.Literal('special-procedure')], { description: '补正 / 特别程序 (听证, 专家评审, 检验检测 …)' }),
    from: IsoTime,
    /** null while the suspension is still open */
    to: Type.Union([IsoTime, Type.Null()]),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CaseSuspension = Static<typeof CaseSuspensionSchema>;

export const CaseHistoryEntrySchema = Type.Object(
  { state: SupervisedCaseStateSchema, at: IsoTime, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

/** One department's part of a 并联审批 case, with its own time limit. */
export const ParallelStepSchema = Type.Object(
  {
    departmentCode: Type.String({ minLength: 1, maxLength: 64 }),
    departmentName: Type.String({ minLength: 1, maxLength: 100 }),
    limitWorkingDays: Type.Integer({ minimum: 0, maximum: 365 }),
    state: Type.Union([Type.Literal('waiting'), Type.Literal('in-progress'), Type.Literal('done'), Type.Literal('returned')]),
    /** when the lead passed the materials (抄告): the step's clock starts; null while it has not */
    startedAt: Type.Union([IsoTime, Type.Null()]),
    finishedAt: Type.Union([IsoTime, Type.Null()]),
    /** times the step's clock stood still (补正 while returned to the applicant) */
    suspensions: Type.Optional(Type.Array(CaseSuspensionSchema, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ParallelStep = Static<typeof ParallelStepSchema>;

export const SupervisedCaseSchema = Type.Object(
  {
    caseNo: CaseNoSchema,
    taskCode: Type.String({ minLength: 1, maxLength: 64, description: '事项编码 (the catalog’s task_code)' }),
    serviceName: Type.String({ minLength: 1, maxLength: 200 }),
    serviceNameEn: Type.Optional(Type.String({ maxLength: 400 })),
    departmentCode: Type.String({ minLength: 1, maxLength: 64 }),
    departmentName: Type.String({ minLength: 1, maxLength: 100 }),
    applicant: Type.Object(
      { kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]), name: Type.String({ minLength: 1, maxLength: 100 }) },
      { additionalProperties: false },
    ),
    acceptedAt: IsoTime,
    limitWorkingDays: Type.Integer({ minimum: 0, maximum: 365, description: '承诺时限, working days; 0 = 即办件' }),
    state: SupervisedCaseStateSchema,
    history: Type.Array(CaseHistoryEntrySchema, { maxItems: 50 }),
    suspensions: Type.Array(CaseSuspensionSchema, { maxItems: 20 }),
    finishedAt: Type.Union([IsoTime, Type.Null()]),
    /** the departments of a 并联审批 case, lead first; empty for a case of one department */
    steps: Type.Array(ParallelStepSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type SupervisedCase = Static<typeof SupervisedCaseSchema>;

export const CaseFeedPageSchema = Type.Object(
  {
    /** where the next request starts */
    cursor: Type.String({ minLength: 1, maxLength: 64 }),
    /** more changes wait beyond this page */
    more: Type.Boolean(),
    cases: Type.Array(SupervisedCaseSchema, { maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type CaseFeedPage = Static<typeof CaseFeedPageSchema>;

/** The query of a feed request, as signed (a GET has no body). */
export const caseFeedPath = (hallId: string, since: string | null, limit: number) =>
  `/cases/v1/feed?${new URLSearchParams({ hallId, ...(since ? { since } : {}), limit: String(limit) }).toString()}`;
