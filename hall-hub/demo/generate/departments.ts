// The 41 departments stationed in the 辽宁省政务服务中心 (37 provincial, 4 central/vertical),
// their zone and window count. Window counts sum to the seed's 55.
import type { Department, ZoneId } from "./types.js";

export const ZONES: Record<ZoneId, { name: string; floor: string }> = {
  general: { name: "综合受理区", floor: "一楼" },
  social: { name: "社会事务区", floor: "一楼" },
  market: { name: "市场准入区", floor: "二楼" },
  invest: { name: "投资项目并联审批区", floor: "三楼" },
};

const d = (key: string, name: string, short: string, zone: ZoneId, windows: number, domain: string): Department => ({
  key, name, short, zone, windows, domain,
});

export const DEPARTMENTS: readonly Department[] = [
  // 37 provincial departments
  d("fgw", "辽宁省发展和改革委员会", "发改", "invest", 2, "101"),
  d("gxt", "辽宁省工业和信息化厅", "工信", "invest", 1, "102"),
  d("jyt", "辽宁省教育厅", "教育", "social", 1, "103"),
  d("kjt", "辽宁省科学技术厅", "科技", "general", 1, "104"),
  d("mzw", "辽宁省民族和宗教事务委员会", "民宗", "social", 1, "105"),
  d("gat", "辽宁省公安厅", "公安", "social", 1, "106"),
  d("mzt", "辽宁省民政厅", "民政", "social", 1, "107"),
  d("sft", "辽宁省司法厅", "司法", "social", 1, "108"),
  d("czt", "辽宁省财政厅", "财政", "general", 1, "109"),
  d("rst", "辽宁省人力资源和社会保障厅", "人社", "social", 2, "110"),
  d("zrt", "辽宁省自然资源厅", "自然资源", "invest", 3, "111"),
  d("sthjt", "辽宁省生态环境厅", "生态环境", "invest", 2, "112"),
  d("zjt", "辽宁省住房和城乡建设厅", "住建", "invest", 3, "113"),
  d("jtt", "辽宁省交通运输厅", "交通运输", "invest", 2, "114"),
  d("slt", "辽宁省水利厅", "水利", "invest", 1, "115"),
  d("nynct", "辽宁省农业农村厅", "农业农村", "general", 1, "116"),
  d("swt", "辽宁省商务厅", "商务", "market", 1, "118"),
  d("whlyt", "辽宁省文化和旅游厅", "文化旅游", "general", 1, "119"),
  d("wjw", "辽宁省卫生健康委员会", "卫生健康", "social", 2, "120"),
  d("tyjrt", "辽宁省退役军人事务厅", "退役军人", "social", 1, "121"),
  d("yjt", "辽宁省应急管理厅", "应急管理", "market", 1, "122"),
  d("scjg", "辽宁省市场监督管理局", "市场监管", "market", 4, "123"),
  d("gdj", "辽宁省广播电视局", "广播电视", "general", 1, "124"),
  d("tyj", "辽宁省体育局", "体育", "social", 1, "125"),
  d("lcj", "辽宁省林业和草原局", "林草", "invest", 1, "126"),
  d("ybj", "辽宁省医疗保障局", "医保", "social", 1, "127"),
  d("jrj", "辽宁省地方金融监督管理局", "地方金融", "market", 1, "208"),
  d("yjj", "辽宁省药品监督管理局", "药品监管", "market", 2, "128"),
  d("lsj", "辽宁省粮食和物资储备局", "粮食储备", "market", 1, "129"),
  d("xmsy", "辽宁省畜牧兽医局", "畜牧兽医", "general", 1, "117"),
  d("rfb", "辽宁省人民防空办公室", "人防", "invest", 1, "130"),
  d("wwj", "辽宁省文物局", "文物", "invest", 1, "131"),
  d("xwcbj", "辽宁省新闻出版局", "新闻出版", "general", 1, "132"),
  d("wsb", "辽宁省人民政府外事办公室", "外事", "general", 1, "133"),
  d("gjj", "辽宁省省直住房公积金管理中心", "公积金", "social", 1, "134"),
  d("sbzx", "辽宁省社会保险事业服务中心", "社保", "social", 1, "135"),
  d("zscqj", "辽宁省知识产权局", "知识产权", "market", 1, "136"),
  // 4 central (vertically managed) departments
  d("sw", "国家税务总局辽宁省税务局", "税务", "general", 2, "301"),
  d("hsj", "辽宁海事局", "海事", "invest", 1, "302"),
  d("qxj", "辽宁省气象局", "气象", "invest", 1, "303"),
  d("txj", "辽宁省通信管理局", "通信管理", "market", 1, "304"),
];

export function department(key: string): Department {
  const found = DEPARTMENTS.find((dep) => dep.key === key);
  if (!found) throw new Error(`unknown department ${key}`);
  return found;
}
