// Life events (一件事) and topics (主题): each lists items by hand-written key, by exact generated
// item name, or by department. A name that matches nothing is an error, so typos cannot slip in.
import type { PlacedItem } from "./rows.js";

interface TopicDef {
  id: string;
  name: string;
  kind: "life-event" | "topic";
  audience: "person" | "enterprise";
  items?: string[];
  depts?: string[];
}

const TOPICS: readonly TopicDef[] = [
  { id: "start-business", name: "开办企业", kind: "life-event", audience: "enterprise", items: ["company-setup", "发票领用（票种核定）", "增值税专用发票（增值税税控系统）最高开票限额审批", "单位社会保险登记", "住房公积金单位缴存登记", "股份有限公司登记"] },
  { id: "business-change", name: "企业变更", kind: "life-event", audience: "enterprise", items: ["company-change", "股权出质登记", "food-business", "drug-wholesale", "hazardous-chemicals-business", "hr-service-license"] },
  { id: "business-closure", name: "企业注销", kind: "life-event", audience: "enterprise", items: ["company-deregister", "清税申报", "单位社会保险登记", "住房公积金单位缴存登记"] },
  {
    id: "construction-project", name: "工程建设", kind: "life-event", audience: "enterprise",
    items: [
      "investment-project-approval", "企业投资项目备案", "固定资产投资项目节能审查", "land-preexam-siting", "建设项目压覆重要矿产资源审批", "建设用地审查报批（农用地转用和土地征收）",
      "land-use-planning-permit", "construction-planning-permit", "eia-approval", "生产建设项目水土保持方案审批", "洪水影响评价类审批", "water-abstraction-permit",
      "建设项目使用林地审核审批", "文物保护单位建设控制地带内建设工程设计方案审批", "建设工程文物考古调查勘探", "结合民用建筑修建防空地下室审批", "防空地下室易地建设审批",
      "防雷装置设计审核", "新建、扩建、改建建设工程避免危害气象探测环境审批", "超限高层建筑工程抗震设防审批", "特殊建设工程消防设计审查", "construction-permit", "特殊建设工程消防验收", "防雷装置竣工验收",
    ],
  },
  { id: "food-business", name: "食品经营", kind: "life-event", audience: "enterprise", items: ["food-business", "特殊食品生产许可", "清真食品生产经营单位认定", "单用途商业预付卡发卡企业备案", "粮食收购企业备案"] },
  { id: "drug-business", name: "药品经营", kind: "life-event", audience: "enterprise", items: ["drug-wholesale", "medical-device-business", "药品生产许可证核发", "第二类、第三类医疗器械生产许可", "麻醉药品和第一类精神药品区域性批发企业审批", "蛋白同化制剂、肽类激素批发企业审批", "互联网药品信息服务资格审批", "药品、医疗器械、保健食品和特殊医学用途配方食品广告审查"] },
  { id: "financial-institution", name: "金融机构设立", kind: "life-event", audience: "enterprise", items: ["microcredit-setup", "financing-guarantee-setup", "典当行设立审批", "融资租赁公司设立备案", "商业保理公司设立备案", "小额贷款公司变更事项审批", "融资担保公司变更事项审批", "融资担保公司跨省设立分支机构审批"] },
  { id: "talent", name: "人才引进", kind: "life-event", audience: "person", items: ["foreigner-work-permit", "高层次人才认定", "专业技术人员高级职称评审申报", "职工基本养老保险关系转移接续", "基本医疗保险关系转移接续", "住房公积金异地转移接续", "APEC商务旅行卡申办审批"] },
  { id: "retirement", name: "退休养老", kind: "life-event", audience: "person", items: ["职工正常退休（职）审批", "特殊工种提前退休审批", "基本养老保险待遇申领", "pension-eligibility-auth", "housing-fund-withdrawal", "异地就医备案", "丧葬补助金、抚恤金申领"] },
  { id: "market-access", name: "市场准入", kind: "topic", audience: "enterprise", depts: ["scjg", "swt", "jrj", "txj"] },
  { id: "health", name: "医疗卫生", kind: "topic", audience: "enterprise", depts: ["wjw", "yjj", "ybj"] },
  { id: "transport", name: "交通运输", kind: "topic", audience: "enterprise", depts: ["jtt", "hsj"] },
  { id: "agriculture", name: "农业农村", kind: "topic", audience: "enterprise", depts: ["nynct", "xmsy", "lcj", "lsj"] },
  { id: "education", name: "教育", kind: "topic", audience: "person", depts: ["jyt"] },
  { id: "culture-tourism", name: "文化旅游", kind: "topic", audience: "enterprise", depts: ["whlyt", "gdj", "xwcbj", "wwj", "tyj"] },
  { id: "resources-environment", name: "资源环境", kind: "topic", audience: "enterprise", depts: ["zrt", "sthjt", "slt", "qxj"] },
  { id: "social-security", name: "社会保障", kind: "topic", audience: "person", depts: ["rst", "sbzx", "ybj", "gjj", "mzt", "tyjrt"] },
];

export interface Topic {
  id: string;
  name: string;
  kind: "life-event" | "topic";
  audience: "person" | "enterprise";
  taskCodes: string[];
}

export function buildTopics(items: readonly PlacedItem[]): Topic[] {
  return TOPICS.map((def) => {
    const codes: string[] = [];
    for (const ref of def.items ?? []) {
      const found = items.filter((p) => p.item.key === ref || (!p.item.handwritten && p.item.name === ref));
      if (found.length !== 1) throw new Error(`topic ${def.id}: "${ref}" matches ${found.length} items`);
      codes.push(...found.map((p) => p.task));
    }
    for (const dept of def.depts ?? []) codes.push(...items.filter((p) => p.item.dept === dept).map((p) => p.task));
    return { id: def.id, name: def.name, kind: def.kind, audience: def.audience, taskCodes: [...new Set(codes)] };
  });
}
