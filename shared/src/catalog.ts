import { Type, type Static } from '@sinclair/typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** The exchange document's outer shape; rows are checked one by one on import (see catalog-exchange.md). */
export const ExchangeDocumentSchema = Type.Object(
  {
    format: Type.Literal('task-exchange/1'),
    area_code: Type.Optional(Type.String()),
    cd_batch: Type.Optional(Type.String()),
    task_general_basic: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    task_general_extend: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    task_general_material: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    task_general_fee_project: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    task_general_questions: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  },
  { $id: 'ExchangeDocument' },
);
export type ExchangeDocument = Static<typeof ExchangeDocumentSchema>;

export const ImportProblemSchema = Type.Object({
  table: Type.String(),
  rowGuid: NullableString,
  reason: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblemSchema>;

export const ImportReportSchema = Type.Object(
  {
    batch: NullableString,
    rows: Type.Integer({ description: 'rows read' }),
    applied: Type.Integer({ description: 'rows that changed the catalog' }),
    unchanged: Type.Integer({ description: 'rows already applied, or older than what the catalog holds' }),
    rejected: Type.Integer(),
    problems: Type.Array(ImportProblemSchema),
    services: Type.Integer({ description: 'business types in force after the import' }),
  },
  { $id: 'ImportReport' },
);
export type ImportReport = Static<typeof ImportReportSchema>;

export const DepartmentSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  services: Type.Integer(),
});
export type Department = Static<typeof DepartmentSchema>;

export const TopicSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('life-event'), Type.Literal('topic')]),
  audience: Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('all')]),
  services: Type.Integer(),
});
export type Topic = Static<typeof TopicSchema>;

export const ServiceSummarySchema = Type.Object({
  id: Type.String({ description: 'task_code, or task_code:task_handle_item when the item has several business types' }),
  taskCode: Type.String(),
  handleItem: NullableString,
  name: Type.String(),
  deptCode: Type.String(),
  deptName: Type.String(),
  taskType: Type.String(),
  fullyOnline: Type.Boolean(),
  lineId: NullableString,
});
export type ServiceSummary = Static<typeof ServiceSummarySchema>;

export const TimeLimitSchema = Type.Object({
  days: NullableInt,
  unit: Type.Union([Type.Literal('working-day'), Type.Literal('natural-day')]),
  explain: NullableString,
});

export const GuideMaterialSchema = Type.Object({
  name: Type.String(),
  form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('original-and-copy'), Type.Null()]),
  medium: Type.Union([Type.Literal('paper'), Type.Literal('electronic'), Type.Literal('paper-and-electronic'), Type.Null()]),
  copies: NullableInt,
  pageFormat: NullableString,
  required: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('rongque')], {
    description: 'rongque: required, but may be supplied later under 容缺受理',
  }),
  source: NullableString,
  fillExplain: NullableString,
  acceptStandard: NullableString,
});
export type GuideMaterial = Static<typeof GuideMaterialSchema>;

export const GuideFeeSchema = Type.Object({
  name: Type.String(),
  standard: NullableString,
  basis: NullableString,
  reducible: Type.Boolean(),
  reduceBasis: NullableString,
});

export const GuideFaqSchema = Type.Object({ question: Type.String(), answer: Type.String() });

export const GuideSchema = Type.Object(
  {
    id: Type.String(),
    taskCode: Type.String(),
    handleItem: NullableString,
    catalogCode: NullableString,
    name: Type.String(),
    taskType: Type.String(),
    taskTypeName: Type.String(),
    deptCode: Type.String(),
    deptName: Type.String(),
    version: Type.Integer(),
    legalBasis: NullableString,
    conditions: NullableString,
    processSteps: Type.Array(Type.String()),
    legalTimeLimit: TimeLimitSchema,
    promisedTimeLimit: TimeLimitSchema,
    caseType: Type.Union([Type.Literal('immediate'), Type.Literal('promised'), Type.Null()], {
      description: '即办件 immediate / 承诺件 promised',
    }),
    charged: Type.Boolean(),
    feeBasis: NullableString,
    fees: Type.Array(GuideFeeSchema),
    visitsNeeded: NullableInt,
    handleForms: Type.Array(Type.String(), { description: 'window, pc, mobile, express' }),
    fullyOnline: Type.Boolean(),
    onlineUrl: NullableString,
    mobileUrl: NullableString,
    resultsByPost: Type.Boolean(),
    appointmentSupported: Type.Boolean(),
    rongqueAllowed: Type.Boolean({ description: '容缺受理 allowed for this business type' }),
    resultName: NullableString,
    jointDepartments: NullableString,
    contact: NullableString,
    supervision: NullableString,
    address: NullableString,
    hours: NullableString,
    serviceObjects: Type.Array(Type.String()),
    materials: Type.Array(GuideMaterialSchema),
    faqs: Type.Array(GuideFaqSchema),
    lineId: NullableString,
    lineName: NullableString,
    windows: Type.Array(Type.Object({ no: Type.String(), name: Type.String(), zone: Type.String() })),
    aliases: Type.Array(Type.String()),
  },
  { $id: 'Guide' },
);
export type Guide = Static<typeof GuideSchema>;
