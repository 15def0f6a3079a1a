// What the templates know about a department's field of work: the materials, conditions and
// questions that recur in its items.
import type { Faq, Material } from "./types.js";

export interface DeptProfile {
  /** legal basis used when an item seed names none */
  law: string;
  /** conditions typical of the department's new applications */
  conditions: string[];
  /** materials an enterprise or organisation typically supplies */
  org: Material[];
  /** materials of project approvals (投资项目类), if the department has them */
  project?: Material[];
  /** materials a natural person typically supplies */
  person?: Material[];
  faqs: Faq[];
  /** share of items that can be applied for online (default 0.8) */
  online?: number;
  /** share of online items done entirely online (default 0.3) */
  deep?: number;
  /** share of new applications that allow 容缺受理 (default 0) */
  rongque?: number;
}
