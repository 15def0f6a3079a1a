// Frequently asked questions of template-generated business types, written from the
// business type's own values so that answers never contradict the guide.
import { FAQ_AGENT, FAQ_RONGQUE, q } from "./hand-helpers.js";
import type { Rng } from "./prng.js";
import type { BusinessType, Faq } from "./types.js";
import { stemOf } from "./generated-text.js";
import type { VariantKind } from "./patterns.js";

export interface FaqContext {
  bt: Omit<BusinessType, "faqs">;
  kind: VariantKind;
  person: boolean;
  pattern: string;
  url: string;
  addr: string;
  deptFaqs: Faq[];
  rongqueWhat: string | null;
  rongqueDays: number;
}

function timeFaq(ctx: FaqContext): Faq {
  const { bt } = ctx;
  const unit = bt.lawDayType === "2" ? "日" : "个工作日";
  const question = `办理${stemOf(bt.name)}需要多长时间？`;
  if (bt.projectType === "1") return q(question, "本事项为即办件，材料齐全、符合法定形式的当场办结。");
  return q(question, `法定办结时限为${bt.lawDays}${unit}，承诺办结时限为${bt.promiseDays}个工作日（${bt.promiseExplain}）。`);
}

function onlineFaq(ctx: FaqContext): Faq {
  const { bt } = ctx;
  switch (bt.online) {
    case 4:
      return q(
        "可以全程网上办理吗？",
        `可以。登录辽宁政务服务网（${ctx.url}）在线申报，无需到现场，${bt.express ? "办理结果可选择免费邮寄送达" : "办理结果可在线下载"}。`,
      );
    case 3:
      return q("可以网上申请吗？", `可以。在辽宁政务服务网在线提交申请和材料，审查通过后到${ctx.addr}窗口核验原件，只需到现场1次。`);
    case 2:
    case 1:
      return q("能在网上预审吗？", "可以在辽宁政务服务网上传材料进行预审，预审通过后携带纸质材料到窗口正式申请，避免因材料问题往返。");
    default:
      return q("为什么不能网上办理？", `本事项需要现场核验材料原件，请携带材料到${ctx.addr}办理，可通过辽宁政务服务网或者电话提前预约。`);
  }
}

function kindFaq(ctx: FaqContext): Faq | null {
  const r = ctx.bt.resultName;
  switch (ctx.kind) {
    case "renew":
      return q(
        "什么时候申请延续？",
        `应当在有效期届满30日前提出申请（《中华人民共和国行政许可法》第五十条）；逾期未申请的，有效期届满后${r}失效，需要重新申请。`,
      );
    case "change":
      return ctx.person
        ? q("哪些情况需要办理变更？", `${r}载明的执业（工作）单位、姓名等信息发生变化的，应当申请变更。`)
        : q("哪些情况需要办理变更？", `${r}载明的名称、法定代表人（负责人）、住所等事项发生变化的应当申请变更；许可条件发生实质变化的按新办程序办理。`);
    case "cancel":
      return q("注销后还能恢复吗？", "不能。注销后需要重新从事相关活动的，应当重新申请。");
    case "reissue":
      return q("证书丢了怎么办？", "发布遗失声明后即可申请补办，补办的证书有效期与原证书一致，电子证照可随时在线下载。");
    case "extend":
      return q("增项需要重新审查原有类别吗？", "不需要。只对新增类别（等级）对应的条件进行审查，原有类别不重新审查。");
    default:
      if (ctx.pattern === "file") return q("备案后还需要审批吗？", "不需要。备案机关只核对材料是否齐全，材料齐全的出具备案证明。");
      if (ctx.pattern === "recog") return q("认定结果有效期多久？", "有效期一般为3年，期满前3个月内按规定申请复审。");
      return null;
  }
}

function feeFaq(ctx: FaqContext): Faq {
  const fees = ctx.bt.fees ?? [];
  const first = fees[0];
  if (!first) return q("办理需要交费吗？", "不收费。");
  return q("需要缴纳哪些费用？", `${first.name}：${first.stand}。收费依据：${first.byLaw}。`);
}

/** One to four questions; the kind-specific one first, then a shuffle of the others. */
export function faqsFor(ctx: FaqContext, rng: Rng): Faq[] {
  const first: Faq[] = [];
  const kind = kindFaq(ctx);
  if (kind) first.push(kind);
  if (ctx.rongqueWhat !== null) first.push(FAQ_RONGQUE(ctx.rongqueWhat, ctx.rongqueDays));
  const others: Faq[] = [timeFaq(ctx), onlineFaq(ctx), ...ctx.deptFaqs];
  if ((ctx.bt.fees ?? []).length > 0) first.push(feeFaq(ctx));
  else others.push(feeFaq(ctx));
  if (ctx.bt.express) others.push(q("办理结果可以邮寄吗？", "可以。申请时选择邮寄送达，寄递费用由政府承担。"));
  if (ctx.kind !== "reissue") others.push(FAQ_AGENT);
  const wanted = Math.max(1, rng.int(1, 2) - first.length);
  return [...first, ...rng.pickSome(others, wanted)].slice(0, 4);
}
