import type { Refusal } from '../queue/refusals.js';

/** Why 容缺受理 was refused, in the shape of every other refusal (the HTTP adapter maps `kind` to a status). */
const texts = {
  rongque_not_allowed: ['conflict', '这项业务不适用容缺受理。', 'This business type cannot be accepted with materials missing (容缺受理).'],
  rongque_material_not_listed: [
    'invalid',
    '所列缺少的材料不在办事指南的材料清单中。',
    'A material named as missing is not in the guide’s list of materials.',
  ],
  rongque_material_not_allowed: [
    'conflict',
    '所列缺少的材料不可容缺，须当场提交。',
    'A material named as missing may not be supplied later; it must be handed in now.',
  ],
  rongque_blacklisted: [
    'forbidden',
    '申请人列入失信黑名单，不适用容缺受理。',
    'The applicant is on the province’s 失信 black list and cannot be accepted with materials missing.',
  ],
  rongque_credit_unknown: [
    'conflict',
    '暂未取得省平台信用名单，无法核验申请人信用，不能容缺受理。',
    'The province’s credit lists have not been received, so the applicant’s credit cannot be checked for 容缺受理.',
  ],
  rongque_not_in_hand: ['conflict', '这张号票不在本窗口办理中。', 'This ticket is not the one in hand at this window.'],
  rongque_no_deadline: ['conflict', '按大厅日历无法确定补齐期限。', 'The hall calendar gives no working day for the supply deadline.'],
} as const satisfies Record<string, readonly [Refusal['kind'], string, string]>;

export type RongqueRefusalCode = keyof typeof texts;

export function rongqueRefusal(code: RongqueRefusalCode, details?: Record<string, unknown>): Refusal {
  const [kind, zh, en] = texts[code];
  return { code, kind, zh, en, ...(details ? { details } : {}) };
}
