// Conditions, process steps and materials of template-generated business types.
import type { DeptProfile } from "./dept-profile-types.js";
import { AGENT_LETTER, ID_CARD, m } from "./hand-helpers.js";
import type { VariantKind } from "./patterns.js";
import type { Rng } from "./prng.js";
import type { Material, ResultType, TaskType } from "./types.js";

export type Flavor = "org" | "project" | "person";

/** What the templates need to know about one business type. */
export interface TextContext {
  item: string;
  suffix: string;
  kind: VariantKind;
  type: TaskType;
  pattern: string;
  flavor: Flavor;
  result: { type: ResultType; name: string };
  onsite: boolean;
  expert: boolean;
  online: boolean;
}

/** The item name without a trailing bracket and without the verb, e.g. 排污许可证核发 → 排污许可证. */
export function stemOf(item: string): string {
  const bare = item.replace(/（[^）]*）$/, "");
  const stem = bare.replace(/(核发|审批|审核|核准|备案|办理|申领|开具|出具|受理|申请|签发|审查)$/, "");
  return stem.length >= 2 ? stem : bare;
}

const SUBJECT_DOC = m("营业执照或者法人登记证书", "2212", { sourceExplain: "电子证照共享核验，免于提交" });
const PROMISE = m("申请材料真实性承诺书", "1311", { fill: "法定代表人（负责人）签字并加盖公章" });
const GENERIC_PERSON = [
  m("学历证书或者资格证明", "2312"),
  m("近6个月内免冠正面彩色证件照片", "1211"),
  m("相关证明材料", "2311"),
];

function condition(ctx: TextContext, profile: DeptProfile, rng: Rng): string {
  const r = ctx.result.name;
  const picked = rng.pickSome(profile.conditions, rng.int(1, 2)).join("；");
  const renewWhat = ctx.flavor === "person" ? "执业" : "从事相关活动";
  switch (ctx.pattern === "marriage" ? `m-${ctx.kind}` : ctx.kind) {
    case "m-new":
      return "男女双方完全自愿，达到法定婚龄（男不早于22周岁，女不早于20周岁），双方均无配偶且无禁止结婚的亲属关系，一方为外国人、港澳台居民或者华侨。";
    case "m-cancel":
      return "双方自愿离婚，并对子女抚养、财产及债务处理等事项协商一致；提交离婚登记申请之日起30日离婚冷静期届满后30日内，双方共同到场申请发给离婚证。";
    case "m-reissue":
      return "婚姻登记证遗失或者损毁的，当事人可以持本人身份证件申请补领。";
    case "change":
      return `已取得${r}且在有效期内；${r}载明的事项发生变化的，应当自变化之日起30日内申请变更。`;
    case "renew":
      if (ctx.suffix === "复审") return `认定有效期届满前3个月内提出复审申请，复审期间仍符合认定条件。`;
      if (ctx.suffix === "保留") return "因国家政策调整、不可抗力等原因需要保留矿业权的，应当在有效期届满前申请保留。";
      return `${r}有效期届满需要继续${renewWhat}的，应当在有效期届满30日前提出申请；有效期内无重大违法违规记录，仍符合许可条件。`;
    case "cancel":
      return `依法终止、不再从事相关活动，或者${r}被依法撤销、撤回的，应当申请注销。`;
    case "reissue":
      return `${r}遗失或者损毁的，可以申请补办，补办的证书有效期与原证书一致。`;
    case "extend":
      return `已取得${r}，申请增加的类别（等级）符合相应的标准条件；${picked}。`;
    default:
      break;
  }
  if (ctx.type === "20") {
    return ctx.flavor === "person"
      ? `符合${ctx.item}条件的服务对象，本人或者受托人均可办理。`
      : `在辽宁省省直范围内依法设立的单位，符合${ctx.item}的相关规定。`;
  }
  if (ctx.type === "07") return `申请事项事实清楚、证据充分，符合${ctx.item}的法定条件。`;
  if (ctx.pattern === "file") return `属于依法应当备案的事项，在规定期限内提交备案材料，材料真实、完整。`;
  if (ctx.pattern === "recog" && ctx.flavor === "person") return `申请人符合${ctx.item}规定的条件和标准，相关业绩、成绩有据可查。`;
  if (ctx.pattern === "recog") return `在辽宁省内依法设立并正常运营一年以上，近三年无严重失信记录；${picked}；符合${ctx.item}的条件和标准。`;
  if (ctx.flavor === "person") return `申请人具有完全民事行为能力，符合${ctx.item}规定的资格条件，无不予许可的法定情形。`;
  if (ctx.flavor === "project") return `${picked}；建设项目已取得批准、核准或者备案文件。`;
  return `申请人为依法设立的法人或者其他组织；${picked}；申请材料齐全、符合法定形式。`;
}

export function conditionFor(ctx: TextContext, profile: DeptProfile, rng: Rng): string {
  return condition(ctx, profile, rng);
}

export function flowFor(ctx: TextContext, instant: boolean): string[] {
  const submit = ctx.online ? "网上或者窗口提交申请" : "窗口提交申请";
  if (instant) return [submit, "受理并当场审核", "当场办结，发放办理结果"];
  if (ctx.type === "20") return [submit, "信息核验", "办结并反馈结果"];
  if (ctx.pattern === "file") return ["提交备案材料", "核对备案材料", "出具备案证明"];
  if (ctx.pattern === "recog") return ["在线申报", "受理", "专家评审", "结果公示（公示时间不计入时限）", "认定并公布名单"];
  if (ctx.type === "07") return [submit, "受理", "审核确认", "送达确认结果"];
  const steps = ctx.flavor === "project" ? ["在投资项目在线审批监管平台申报", "受理", "并联审查，需要时征求相关部门意见"] : [submit, "受理", "审查"];
  if (ctx.onsite) steps.push("现场核查（不计入承诺时限）");
  if (ctx.expert) steps.push("专家评审（不计入承诺时限）");
  steps.push("作出决定");
  steps.push(ctx.result.type === "10" ? "制发证照（电子证照同步生成）" : "送达决定文书");
  return steps;
}

function formFor(ctx: TextContext): Material {
  const stem = stemOf(ctx.item);
  const word = ctx.pattern === "file" || /备案$/.test(ctx.item) ? "备案表" : "申请表";
  const name = ctx.suffix === "" ? `${stem}${word}` : `${stem}${word}（${ctx.suffix}）`;
  return m(name, "1311");
}

function domainPool(ctx: TextContext, profile: DeptProfile): Material[] {
  if (ctx.flavor === "person") return profile.person ?? GENERIC_PERSON;
  if (ctx.flavor === "project") return profile.project ?? profile.org;
  return profile.org;
}

function previous(ctx: TextContext, code: "1112" | "2212"): Material {
  const name = ctx.result.type === "10" ? `原${ctx.result.name}` : "原批准文件";
  return code === "2212" ? m(name, code, { sourceExplain: "系统自动调取电子证照" }) : m(name, code);
}

/** Materials in guide order; `rongqueDays` marks one secondary material as 必要但可容缺. */
export function materialsFor(ctx: TextContext, profile: DeptProfile, rng: Rng, rongqueDays: number | null): Material[] {
  const pool = domainPool(ctx, profile);
  const subject = ctx.flavor === "person" ? ID_CARD : SUBJECT_DOC;
  const list: Material[] = [formFor(ctx), subject];
  let domain: Material[] = [];
  switch (ctx.kind) {
    case "change":
      list.push(previous(ctx, "1112"));
      list.push(m("变更事项证明材料", "2311", {
        fill: ctx.flavor === "person" ? "变更执业机构的提交新聘用单位证明" : "名称、法定代表人（负责人）、住所等变更的提交变更后的登记证明，其他事项提交相应证明",
      }));
      domain = rng.pickSome(pool, rng.int(0, 1));
      break;
    case "renew":
      list.push(previous(ctx, "2212"));
      list.push(ctx.flavor === "person" ? m("继续教育或者执业情况证明", "2311") : m("有效期内生产经营及守法情况自查报告", "1311"));
      domain = rng.pickSome(pool, rng.int(0, 1));
      break;
    case "cancel":
      list.push(previous(ctx, "1112"));
      list.push(m("注销原因说明或者相关决议", "1311"));
      break;
    case "reissue":
      list.push(m("遗失声明或者损毁的原证书", "1311", { fill: "在国家企业信用信息公示系统或者本部门网站发布遗失声明；损毁的交回原证书" }));
      break;
    case "extend":
      list.push(previous(ctx, "2212"));
      list.push(m("新增类别（等级）对应的业绩和人员证明", "2311"));
      domain = rng.pickSome(pool, 1);
      break;
    case "new":
      domain = rng.pickSome(pool, rng.int(1, 3));
      break;
  }
  if (rongqueDays !== null && domain.length > 0) {
    const [first, ...rest] = domain;
    if (first) {
      const code = `${first.code.slice(0, 2)}2${first.code.slice(3)}` as Material["code"];
      domain = [...rest, { ...first, code, fill: `可容缺受理，承诺后${rongqueDays}个工作日内补齐` }];
    }
  }
  list.push(...domain);
  if (ctx.kind === "new" && ctx.flavor !== "person" && ctx.type !== "20" && rng.chance(0.3)) list.push(PROMISE);
  if (ctx.kind !== "reissue" && rng.chance(0.35)) list.push(AGENT_LETTER);
  const seen = new Set<string>();
  const unique = list.filter((mat) => (seen.has(mat.name) ? false : (seen.add(mat.name), true)));
  if (unique.length < 3) unique.push(AGENT_LETTER);
  return unique;
}
