// Small builders that keep the hand-written guides readable.
import type { Faq, Fee, MatCode, Material } from "./types.js";

/** A material; `code` is material_type, material_format, is_need, source_type (see types.ts). */
export const m = (name: string, code: MatCode, extra: Omit<Material, "name" | "code"> = {}): Material => ({
  name,
  code,
  ...extra,
});

export const q = (question: string, answer: string): Faq => ({ q: question, a: answer });

export const fee = (name: string, stand: string, byLaw: string, reduceExplain?: string): Fee =>
  reduceExplain === undefined
    ? { name, stand, byLaw, reducible: false }
    : { name, stand, byLaw, reducible: true, reduceExplain };

export const BUSINESS_LICENSE = m("营业执照", "2212", {
  sourceExplain: "市场监督管理部门核发；通过电子证照库共享核验，无需提交纸质材料",
});

export const AGENT_LETTER = m("授权委托书及受托人身份证件", "3101", {
  fill: "委托他人代为办理的提交，委托书须载明委托事项和权限",
});

export const ID_CARD = m("申请人居民身份证", "3112", {
  sourceExplain: "公安机关核发；现场核验原件，网上申请的通过人脸识别核验",
});

export const FAQ_AGENT = q(
  "可以委托他人代为办理吗？",
  "可以。受托人需携带本人身份证件和申请人签署的授权委托书，委托书应写明委托事项、权限和期限。",
);

export const FAQ_RONGQUE = (what: string, days: number): Faq =>
  q(
    "材料不齐可以先受理吗？",
    `可以申请容缺受理。主要申请材料齐全、仅缺少${what}的，申请人信用记录良好（未列入失信黑名单）并书面承诺在${days}个工作日内补齐，窗口先行受理并进入审查，材料补齐后作出决定。列入失信黑名单的申请人不适用容缺受理。`,
  );
