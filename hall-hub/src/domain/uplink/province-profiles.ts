import type { RatingChannel, Satisfaction } from '@hall/shared';

/** The internal evaluation record's fields, by the names the hub uses; a profile renames them for a province. */
export const EVALUATION_FIELDS = [
  'projectNo',
  'taskCode',
  'taskHandleItem',
  'taskName',
  'deptCode',
  'areaCode',
  'pf',
  'satisfaction',
  'evalDetail',
  'writingEvaluation',
  'assessTime',
  'assessNumber',
  'windowNo',
  'staffNo',
  'hallCode',
] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

export interface ProvinceProfile {
  /** internal field → the province's field name, or null to leave the field out */
  fields: Record<EvaluationField, string | null>;
  satisfaction: Record<Satisfaction, string>;
  pf: Record<RatingChannel, string>;
  constants: Record<string, string>;
}

const PRACTICE_NAMES: Record<EvaluationField, string | null> = {
  projectNo: 'projectNo',
  taskCode: 'taskCode',
  taskHandleItem: 'taskHandleItem',
  taskName: 'taskName',
  deptCode: 'deptCode',
  areaCode: 'areaCode',
  pf: 'pf',
  satisfaction: 'satisfaction',
  evalDetail: 'evalDetail',
  writingEvaluation: 'writingEvaluation',
  assessTime: 'assessTime',
  assessNumber: 'assessNumber',
  windowNo: 'windowNo',
  staffNo: 'workNo',
  hallCode: 'hallCode',
};

/**
 * 评价渠道 as GB/T 39046 Table 9 lists them: 1 PC端, 2 移动服务端, 3 二维码, 4 政务大厅平板电脑, 5 政务大厅其他终端,
 * 6 电话, 7 短信. Zhejiang's `pf` agrees on 1–5 (and has 6 短信, 7 系统默认评价); other provinces differ, which
 * is why every code can be overridden in the configuration.
 */
const HALL_CHANNELS: Record<RatingChannel, string> = { mobile: '2', qr: '3', tablet: '4', 'window-screen': '5', evaluator: '5' };

export const PROFILES: Readonly<Record<'gbt-39046' | 'zhejiang', ProvinceProfile>> = {
  // GB/T 39046 A.8 满意度: 1 非常满意 … 5 非常不满意.
  'gbt-39046': {
    fields: PRACTICE_NAMES,
    satisfaction: { 'very-satisfied': '1', satisfied: '2', basic: '3', dissatisfied: '4', 'very-dissatisfied': '5' },
    pf: HALL_CHANNELS,
    constants: {},
  },
  // Zhejiang's /report interface: satisfaction 1 非常不满意 … 5 非常满意 — the reverse of the national code set.
  zhejiang: {
    fields: { ...PRACTICE_NAMES, hallCode: null, staffNo: 'handleUserNo' },
    satisfaction: { 'very-satisfied': '5', satisfied: '4', basic: '3', dissatisfied: '2', 'very-dissatisfied': '1' },
    pf: HALL_CHANNELS,
    constants: { dataSource: '133' },
  },
};

export interface ProfileOverrides {
  preset: keyof typeof PROFILES;
  fields?: Record<string, string | null> | undefined;
  satisfaction?: Partial<Record<Satisfaction, string>> | undefined;
  pf?: Partial<Record<RatingChannel, string>> | undefined;
  constants?: Record<string, string> | undefined;
}

/** The preset with the configuration's overrides laid over it. Unknown internal field names are refused. */
export function resolveProfile(o: ProfileOverrides): ProvinceProfile {
  const base = PROFILES[o.preset];
  const unknown = Object.keys(o.fields ?? {}).filter((f) => !(EVALUATION_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new Error(`uplink.evaluationMapping.fields: unknown field(s) ${unknown.join(', ')}; known: ${EVALUATION_FIELDS.join(', ')}`);
  return {
    fields: { ...base.fields, ...(o.fields as Partial<Record<EvaluationField, string | null>>) },
    satisfaction: { ...base.satisfaction, ...o.satisfaction },
    pf: { ...base.pf, ...o.pf },
    constants: { ...base.constants, ...o.constants },
  };
}
