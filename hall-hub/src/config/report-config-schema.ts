import { Type, type Static } from '@sinclair/typebox';

/**
 * Reports: the minimum samples of the department ranking (绩效排名). A department with fewer services than
 * `served` and fewer finished cases than `finishedCases` is listed as 样本不足 below the ranked ones, so one that
 * served nobody can never outrank one with a single 差评; a measure below its own minimum reads 样本不足 and scores
 * at the hall's rate. The defaults suit a month; a hall that ranks days may lower them.
 */
export const ReportConfigSchema = Type.Object(
  {
    minimumSample: Type.Object(
      {
        served: Type.Integer({ minimum: 1, maximum: 100_000, default: 20, description: 'tickets served (办结) in the period' }),
        rated: Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: '好差评 ratings in the period' }),
        finishedCases: Type.Integer({ minimum: 1, maximum: 100_000, default: 5, description: 'cases (办件) finished in the period' }),
        rongque: Type.Integer({ minimum: 1, maximum: 100_000, default: 3, description: '容缺 acceptances whose supply came or fell due' }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);
export type ReportConfig = Static<typeof ReportConfigSchema>;
