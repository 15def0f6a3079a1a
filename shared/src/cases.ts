import { Type, type Static } from '@sinclair/typebox';
import { ParallelProjectSchema } from './parallel-approval.js';

/**
 * 办件查询: where a visitor's case stands at the provincial platform, asked by the kiosk through the hub.
 * The case number is what the acceptance receipt (受理回执) prints and its QR code carries.
 */

export const CaseNoSchema = Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$', description: '办件编号 (case number on the acceptance receipt)' });

export const CaseStageKindSchema = Type.Union(
  [Type.Literal('accepted'), Type.Literal('under-review'), Type.Literal('decided'), Type.Literal('result-mailed')],
  { description: '受理 / 审查中 / 已办结 / 结果已寄出' },
);
export type CaseStageKind = Static<typeof CaseStageKindSchema>;

export const CaseStageSchema = Type.Object({
  stage: CaseStageKindSchema,
  /** when the stage was reached; null while it is still ahead */
  at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  note: Type.Optional(Type.String({ maxLength: 200 })),
  noteEn: Type.Optional(Type.String({ maxLength: 400 })),
});
export type CaseStage = Static<typeof CaseStageSchema>;

export const CaseProgressSchema = Type.Object({
  caseNo: Type.String(),
  serviceName: Type.String({ description: '事项名称' }),
  serviceNameEn: Type.Optional(Type.String()),
  /** the applicant's name, masked (张*明) */
  applicantMasked: Type.String(),
  /** the stage reached last */
  current: CaseStageKindSchema,
  /** all four stages in order, reached or not */
  stages: Type.Array(CaseStageSchema),
  /** where the answer came from: the province just now, or the hub's short cache */
  fetchedAt: Type.String({ format: 'date-time' }),
  cached: Type.Boolean(),
  /** a 并联审批 case the hall supervises: each department's step with its state and light */
  parallel: Type.Optional(ParallelProjectSchema),
});
export type CaseProgress = Static<typeof CaseProgressSchema>;

export const CaseQuerySchema = Type.Object(
  { idLast4: Type.Optional(Type.String({ pattern: '^[0-9]{3}[0-9Xx]$', description: 'last four characters of the applicant’s ID number (privacy check)' })) },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuerySchema>;
