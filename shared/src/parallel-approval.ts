import { Type, type Static } from '@sinclair/typebox';
import { CaseLightSchema } from './supervision.js';

/*
 * 一口受理 / 并联审批 as screens show it: a project (a case of a joint business type) accepted at its lead
 * department's window, with one step per department, each on its own time limit counted from when the lead
 * passed the materials (抄告). The 并联审批 zone's wall, the kiosk's 办件查询 and the phone page read these views;
 * the applicant is masked (王*华; organisations in full) and nothing personal goes beyond the mask.
 */

export const ParallelStepStateSchema = Type.Union(
  [Type.Literal('waiting'), Type.Literal('in-progress'), Type.Literal('done'), Type.Literal('returned')],
  { description: '待受理 / 办理中 / 已办结 / 补正中 (returned to the applicant for corrections: its clock stops)' },
);
export type ParallelStepState = Static<typeof ParallelStepStateSchema>;

export const ParallelStepViewSchema = Type.Object({
  departmentName: Type.String(),
  state: ParallelStepStateSchema,
  /** false until the lead department has passed the materials (抄告): the step's clock has not started */
  started: Type.Boolean(),
  /** open steps: 红黄灯 on the step's own limit; finished steps: red when they finished late */
  light: CaseLightSchema,
  /** a suspension (补正) holds the step's clock */
  paused: Type.Boolean(),
  limitWorkingDays: Type.Integer(),
  usedWorkingDays: Type.Integer(),
  remainingWorkingDays: Type.Integer(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  finishedDay: Type.Union([Type.String(), Type.Null()]),
});
export type ParallelStepView = Static<typeof ParallelStepViewSchema>;

export const ParallelProjectSchema = Type.Object({
  caseNo: Type.String(),
  serviceName: Type.String(),
  leadDepartmentName: Type.String(),
  /** masked for persons (王*华); organisations in full */
  applicant: Type.String(),
  acceptedDay: Type.String(),
  /** the worst light of the open steps (green when every step is done on time) */
  light: CaseLightSchema,
  finished: Type.Boolean(),
  steps: Type.Array(ParallelStepViewSchema),
});
export type ParallelProject = Static<typeof ParallelProjectSchema>;

export const ParallelBoardSchema = Type.Object({
  at: Type.String(),
  projects: Type.Array(ParallelProjectSchema),
});
export type ParallelBoard = Static<typeof ParallelBoardSchema>;

