import { Type, type Static } from '@sinclair/typebox';

/* 办件监督 as the console's supervision page (动态监控 / 超时预警) and the walls' 办件公示 board read it. */

export const CaseLightSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')], { description: '红黄灯 on the approval time limit' });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DepartmentFiguresSchema = Type.Object({
  departmentCode: Type.String(),
  departmentName: Type.String(),
  open: Type.Integer(),
  green: Type.Integer(),
  yellow: Type.Integer(),
  red: Type.Integer(),
  paused: Type.Integer({ description: 'open cases whose clock a suspension (补正, 特别程序) holds' }),
  finishedThisMonth: Type.Integer(),
  onTimeThisMonth: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
});

export const WatchedCaseSchema = Type.Object({
  caseNo: Type.String(),
  serviceName: Type.String(),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  /** masked for persons (王*华); organisations in full */
  applicant: Type.String(),
  light: CaseLightSchema,
  paused: Type.Boolean(),
  acceptedAt: Type.String(),
  limitWorkingDays: Type.Integer(),
  usedWorkingDays: Type.Integer(),
  remainingWorkingDays: Type.Integer(),
  deadline: Nullable(Type.String()),
});

export const CaseWarningSchema = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  departmentCode: Type.String(),
  light: Type.Union([Type.Literal('yellow'), Type.Literal('red')]),
  at: Type.Number(),
  handledAt: Type.Union([Type.Number(), Type.Null()]),
  handledBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type CaseWarning = Static<typeof CaseWarningSchema>;

export const SupervisionViewSchema = Type.Object({
  at: Type.String(),
  status: Type.Object({
    cases: Type.Integer(),
    open: Type.Integer(),
    lastSyncAt: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
    lastCheckAt: Nullable(Type.String()),
  }),
  departments: Type.Array(DepartmentFiguresSchema),
  attention: Type.Array(WatchedCaseSchema),
  warnings: Type.Array(CaseWarningSchema),
  trend: Type.Array(Type.Object({ day: Type.String(), yellow: Type.Integer(), red: Type.Integer() })),
});
export type SupervisionView = Static<typeof SupervisionViewSchema>;

export const CaseBoardSchema = Type.Object({
  at: Type.String(),
  rows: Type.Array(
    Type.Object({
      caseNo: Type.String(),
      serviceName: Type.String(),
      departmentName: Type.String(),
      applicant: Type.String(),
      acceptedDay: Type.String(),
      finishedDay: Nullable(Type.String()),
      onTime: Type.Union([Type.Boolean(), Type.Null()]),
      light: CaseLightSchema,
    }),
  ),
  departments: Type.Array(Type.Object({ departmentName: Type.String(), onTimeRate: Type.Union([Type.Number(), Type.Null()]), finished: Type.Integer() })),
});
export type CaseBoard = Static<typeof CaseBoardSchema>;

export const HandleCaseWarningSchema = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 500, description: 'what was done (催办, 已联系部门 …)' }) },
  { additionalProperties: false },
);
