import { Type, type Static } from '@sinclair/typebox';

const DEFAULT_REASONS = [
  { code: 'attitude', name: '服务态度差', nameEn: 'Poor attitude' },
  { code: 'slow', name: '办理效率低', nameEn: 'Too slow' },
  { code: 'not-once', name: '未一次性告知', nameEn: 'Not told everything at once' },
  { code: 'many-trips', name: '多次跑腿', nameEn: 'Had to come back several times' },
  { code: 'long-wait', name: '等候时间长', nameEn: 'Long wait' },
  { code: 'unclear-guide', name: '办事指南不清楚', nameEn: 'Unclear service guide' },
  { code: 'environment', name: '服务环境差', nameEn: 'Poor service environment' },
  { code: 'integrity', name: '不廉洁', nameEn: 'Integrity problem' },
  { code: 'other', name: '其他', nameEn: 'Other' },
];

/**
 * 好差评 settings. Deadlines are local rules (Liaoning: verify within 1 working day, complex cases within 15),
 * so all of them are configurable; working days follow the hall calendar (holidays, 调休).
 */
export const EvaluationConfigSchema = Type.Object(
  {
    unratedAfterMinutes: Type.Integer({
      minimum: 5,
      maximum: 60 * 24 * 30,
      default: 60 * 24 * 3,
      description: 'a served ticket not rated within this time is 未评价 (counted apart, never turned into a good rating)',
    }),
    atWindowMinutes: Type.Integer({
      minimum: 1,
      maximum: 120,
      default: 10,
      description:
        'a rating at the window that names no ticket (an evaluator without a prompt) goes to the service finished there ' +
        'last, if it finished at most this long ago',
    }),
    badReasons: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9-]+$' }),
          name: Type.String({ minLength: 1, maxLength: 32 }),
          nameEn: Type.String({ minLength: 1, maxLength: 64 }),
          provinceCode: Type.Optional(Type.String({ maxLength: 16, description: 'the code sent upstream in evalDetail' })),
        },
        { additionalProperties: false },
      ),
      { default: DEFAULT_REASONS, minItems: 1, description: '差评 reasons a visitor may pick' },
    ),
    followUp: Type.Object(
      {
        verifyWorkingDays: Type.Integer({ minimum: 1, maximum: 30, default: 1, description: '核实 (return visit) within' }),
        rectifyWorkingDays: Type.Integer({ minimum: 1, maximum: 60, default: 15, description: '整改 within, from the rating' }),
        replyWorkingDays: Type.Integer({ minimum: 1, maximum: 60, default: 15, description: '回复 the visitor within, from the rating' }),
        warnHours: Type.Integer({ minimum: 0, maximum: 24 * 7, default: 4, description: 'warn this long before a deadline' }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);
export type EvaluationConfig = Static<typeof EvaluationConfigSchema>;
