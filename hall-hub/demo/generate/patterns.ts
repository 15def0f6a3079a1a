// Business-type patterns for template-generated items: which 业务办理项 an item can be split into,
// in order of importance (an item split into k types takes the first k).
import type { ResultType, TaskType } from "./types.js";

export type VariantKind = "new" | "change" | "renew" | "cancel" | "reissue" | "extend";

export interface Pattern {
  variants: ReadonlyArray<readonly [suffix: string, kind: VariantKind]>;
  min: number;
  max: number;
}

const p = (min: number, max: number, ...variants: Array<readonly [string, VariantKind]>): Pattern => ({
  variants,
  min,
  max: Math.min(max, variants.length),
});

export const PATTERNS = {
  /** licence with a validity period */
  lic: p(2, 5, ["新办", "new"], ["变更", "change"], ["延续", "renew"], ["注销", "cancel"], ["补办", "reissue"]),
  /** licence without a validity period */
  licn: p(2, 4, ["新办", "new"], ["变更", "change"], ["注销", "cancel"], ["补办", "reissue"]),
  /** enterprise qualification */
  qual: p(2, 6, ["首次申请", "new"], ["增项", "extend"], ["延续", "renew"], ["重新核定", "change"], ["简单变更", "change"], ["遗失补办", "reissue"]),
  /** personal registration */
  cert: p(2, 5, ["初始注册", "new"], ["延续注册", "renew"], ["变更注册", "change"], ["注销注册", "cancel"], ["重新注册", "new"]),
  /** practising licence of lawyers, forensic experts … */
  practice: p(2, 4, ["执业核准", "new"], ["变更执业机构", "change"], ["注销执业证书", "cancel"], ["补发执业证", "reissue"]),
  /** organisation registration */
  reg: p(2, 4, ["设立登记", "new"], ["变更登记", "change"], ["注销登记", "cancel"], ["章程核准", "change"]),
  /** one-off approval */
  appr: p(1, 1, ["", "new"]),
  /** approval that can be changed */
  apprc: p(1, 2, ["审批", "new"], ["变更", "change"]),
  /** approval with a validity period: can be changed or extended */
  appr2: p(1, 3, ["审批", "new"], ["变更", "change"], ["延期", "renew"]),
  /** product approvals (批准文号, 注册证) */
  prod: p(2, 3, ["核发", "new"], ["变更", "change"], ["续展", "renew"]),
  devreg: p(2, 3, ["首次注册", "new"], ["变更注册", "change"], ["延续注册", "renew"]),
  /** mining and exploration rights */
  mineral: p(3, 5, ["新立", "new"], ["延续", "renew"], ["变更", "change"], ["保留", "renew"], ["注销", "cancel"]),
  /** filing (备案) */
  file: p(1, 3, ["首次备案", "new"], ["变更备案", "change"], ["注销备案", "cancel"]),
  /** recognition (认定) */
  recog: p(1, 3, ["首次认定", "new"], ["复审", "renew"], ["变更", "change"]),
  /** confirmation (确认) */
  cfm: p(1, 2, ["确认", "new"], ["变更", "change"]),
  /** marriage and adoption style registrations */
  marriage: p(3, 3, ["结婚登记", "new"], ["离婚登记", "cancel"], ["补领婚姻登记证", "reissue"]),
  shipreg: p(2, 3, ["初次登记", "new"], ["变更登记", "change"], ["注销登记", "cancel"]),
  pledge: p(2, 3, ["设立登记", "new"], ["变更登记", "change"], ["注销登记", "cancel"]),
  /** identity documents for persons (seafarers, tour guides …) */
  doc: p(2, 4, ["首次申领", "new"], ["换发", "renew"], ["补发", "reissue"], ["变更", "change"]),
  /** public service */
  svc: p(1, 1, ["", "new"]),
  svc2: p(1, 3, ["申请", "new"], ["变更", "change"], ["补办", "reissue"]),
} satisfies Record<string, Pattern>;

export type PatternKey = keyof typeof PATTERNS;

/** What the item produces, guessed from its name unless the seed says so. */
export function guessResult(name: string, type: TaskType, pattern: PatternKey): { type: ResultType; name: string } {
  if (type === "20") return { type: "30", name: "办理结果告知" };
  if (pattern === "file") return { type: "30", name: "备案证明" };
  if (type === "07") return { type: "30", name: "确认结果通知书" };
  const stripped = name.replace(/（[^）]*）$/, "");
  if (/证核发$/.test(stripped)) return { type: "10", name: stripped.replace(/核发$/, "") };
  if (/许可$/.test(stripped)) return { type: "10", name: `${stripped}证` };
  if (/(资质|资格)(认定|核准|审批|认可|核定)$/.test(stripped)) {
    return { type: "10", name: `${stripped.replace(/(认定|核准|审批|认可|核定)$/, "")}证书` };
  }
  if (/注册$/.test(stripped)) return { type: "10", name: `${stripped}证书` };
  if (/认定$/.test(stripped)) return { type: "10", name: `${stripped.replace(/认定$/, "")}认定证书` };
  if (/登记$/.test(stripped)) return { type: "10", name: `${stripped}证书` };
  if (type === "10") return { type: "20", name: "办理结果通知书" };
  return { type: "20", name: "准予行政许可决定书" };
}
