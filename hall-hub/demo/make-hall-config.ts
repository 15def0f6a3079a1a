/**
 * Writes hall.json, the demo hall modelled on the seed (辽宁省政务服务中心): 41 departments at 55 windows in four
 * zones, 143 staff with A/B posts, queue lines per zone plus dedicated lines for the busiest departments.
 * Deterministic. Run: npx tsx hall-hub/demo/make-hall-config.ts (after the catalog generator, which writes
 * departments.json and topics.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENTS } from './generate/departments.js';

interface Dept { code: string; name: string; short: string; zone: string; windows: number }
interface Topic { id: string; name: string; kind: string; audience: string; taskCodes: string[] }

const here = dirname(fileURLToPath(import.meta.url));
const departments = JSON.parse(readFileSync(join(here, 'departments.json'), 'utf8')) as Dept[];
const topics = JSON.parse(readFileSync(join(here, 'topics.json'), 'utf8')) as Topic[];

const ZONES = [
  { id: 'general', name: '综合受理区', line: '综合受理', lineEn: 'General services' },
  { id: 'social', name: '社会事务区', line: '社会事务', lineEn: 'Social affairs' },
  { id: 'market', name: '市场准入区', line: '市场准入', lineEn: 'Market entry' },
  { id: 'invest', name: '投资项目并联审批区', line: '投资项目并联审批', lineEn: 'Investment projects (parallel approval)' },
];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Departments with two or more windows get a line of their own; the rest share their zone's line
// (无差别综合窗口: any window of the zone takes any business of the zone).
const dedicated = departments.filter((d) => d.windows >= 2);
const lines = [
  ...ZONES.map((z, i) => ({
    id: z.id,
    prefix: LETTERS[i]!,
    name: z.line,
    nameEn: z.lineEn,
    serves: { taskCodes: [], deptCodes: departments.filter((d) => d.zone === z.id && d.windows < 2).map((d) => d.code) },
    avgServiceMinutes: z.id === 'invest' ? 15 : 8,
  })),
  ...dedicated.map((d, i) => ({
    // the generator's short department key (scjg = 市场监管), readable in configuration and logs
    id: DEPARTMENTS.find((x) => x.name === d.name)?.key ?? `dept-${d.code.slice(-6).toLowerCase()}`,
    prefix: LETTERS[ZONES.length + i]!,
    name: d.short,
    nameEn: `Department: ${d.short}`,
    serves: { taskCodes: [], deptCodes: [d.code] },
    avgServiceMinutes: 10,
  })),
];
const lineOf = (d: Dept) => lines.find((l) => l.serves.deptCodes.includes(d.code))!;

let windowNo = 0;
const windows: Array<{ no: string; name: string; zone: string; dept: string; lines: Array<{ line: string; order: number }> }> = [];
for (const zone of ZONES) {
  for (const d of departments.filter((x) => x.zone === zone.id)) {
    for (let k = 1; k <= d.windows; k++) {
      windowNo += 1;
      const own = lineOf(d);
      windows.push({
        no: String(windowNo),
        name: `${d.short}窗口${d.windows > 1 ? k : ''}`,
        zone: zone.id,
        dept: d.code,
        // A dedicated department window helps its zone's shared line when its own is empty.
        lines: own.id === zone.id ? [{ line: own.id, order: 1 }] : [{ line: own.id, order: 1 }, { line: zone.id, order: 2 }],
      });
    }
  }
}

// Seeded names: the same hall every time.
let seed = 20171219;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲飞鹏辉斌宇浩凯健俊帆帅旭宁欣悦琳晶婷雪慧颖倩莉燕佳嘉怡晨阳博文轩然一诺子涵梓萱雨欣思远志强建国永红海燕春梅晓东丹丹'.split('');
const usedNames = new Set<string>();
function personName(): string {
  for (;;) {
    const n = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
    if (!usedNames.has(n)) {
      usedNames.add(n);
      return n;
    }
  }
}

const TITLES = ['科员', '主任科员', '副主任科员', '一级科员', '四级主任科员'];
const staff: Array<Record<string, unknown>> = [];
let staffNo = 0;
const nextNo = () => `LN${String(++staffNo).padStart(4, '0')}`;
for (const w of windows) {
  const a = { no: nextNo(), name: personName(), dept: w.dept, title: pick(TITLES), partyMember: rand() < 0.45, windows: [w.no] };
  const b = { no: nextNo(), name: personName(), dept: w.dept, title: pick(TITLES), partyMember: rand() < 0.45, windows: [] as string[] };
  staff.push({ ...a, partner: b.no }, b);
}
// The remaining staff (143 in all, as in the seed) may work at any window of their department.
for (let i = 0; staff.length < 143; i++) {
  const d = departments[i % departments.length]!;
  const own = windows.filter((w) => w.dept === d.code).map((w) => w.no);
  staff.push({ no: nextNo(), name: personName(), dept: d.code, title: '窗口负责人', partyMember: rand() < 0.6, windows: own });
}

// Every window has a caller keypad, an evaluator and an LED strip on the serial bus behind bridge-1, and a
// window screen; the hall has a main wall, one wall per zone and six kiosks. The strips' controllers have a font
// card, so they are sent text (and the demo's simulated strips can print it); the console previews the frame a
// bitmap-only strip would get.
const devices = [
  ...windows.flatMap((w) => [
    { id: `keypad-${w.no}`, type: 'keypad', window: w.no, bridge: 'bridge-1' },
    { id: `evaluator-${w.no}`, type: 'evaluator', window: w.no, bridge: 'bridge-1' },
    { id: `led-${w.no}`, type: 'led-strip', window: w.no, bridge: 'bridge-1', strip: { width: 128, height: 32, render: 'text' } },
    { id: `screen-${w.no}`, type: 'window-screen', window: w.no },
  ]),
  { id: 'wall-main', type: 'hall-wall', name: '一楼大厅综合屏' },
  ...ZONES.map((z) => ({ id: `wall-${z.id}`, type: 'zone-wall', zone: z.id, name: `${z.name}区域屏` })),
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `kiosk-${i + 1}`,
    type: 'kiosk',
    name: `自助查询机${i + 1}`,
    printer: `printer-kiosk-${i + 1}`,
    idReader: `idreader-${i + 1}`,
  })),
  ...Array.from({ length: 6 }, (_, i) => ({ id: `idreader-${i + 1}`, type: 'id-reader', name: `${i + 1}号自助机身份证读卡器` })),
];

const OFFICE_DAY = [
  { open: '08:30', close: '11:30' },
  { open: '13:00', close: '17:00' },
];
const hall = {
  server: { host: '0.0.0.0', httpPort: 8080, dataDir: '../../data', catalog: ['catalog/demo-catalog.json'] },
  hall: {
    id: 'ln-provincial-center',
    name: '辽宁省政务服务中心（演示）',
    timeZone: 'Asia/Shanghai',
    address: '辽宁省沈阳市（演示地址）',
    phone: '024-12345678',
  },
  calendar: {
    weekly: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] },
    holidays: ['2027-01-01'],
    extraWorkdays: [],
    ticketingCutoffMinutes: 30,
    ticketingDuringBreak: true,
  },
  zones: ZONES.map(({ id, name }) => ({ id, name })),
  lines,
  windows,
  staff,
  priorityGroups: [
    { id: 'elderly', name: '老年人', nameEn: 'Elderly' },
    { id: 'disabled', name: '残疾人', nameEn: 'Disabled' },
    { id: 'military', name: '军人（依法优先）', nameEn: 'Military (priority by law)' },
    { id: 'pregnant', name: '孕妇', nameEn: 'Pregnant' },
  ],
  policy: {
    priority: { mode: 'interleave', priority: 3, normal: 1 },
    transferPlacement: 'front',
    noShow: { reinstateMinutes: 30, rejoinAfter: 3 },
    appointment: { earlyMinutes: 30, lateMinutes: 15 },
    autoCall: false,
  },
  warnings: { waitYellowMinutes: 20, waitRedMinutes: 40, serviceYellowMinutes: 20, serviceRedMinutes: 40, idleWithQueueMinutes: 5 },
  topics: topics.map((t) => ({ id: t.id, name: t.name, kind: t.kind, audience: t.audience, taskCodes: t.taskCodes })),
  accounts: [],
  devices,
  bridges: [{ id: 'bridge-1', name: '一楼串口网关' }],
  // Each kiosk's receipt printer. Virtual in the demo: jobs become PNG files under data/virtual-prints/, so the demo
  // needs no hardware. A real hall writes { kind: 'escpos-tcp', host: '10.0.3.21' } (port 9100) instead.
  printers: Array.from({ length: 6 }, (_, i) => ({ id: `printer-kiosk-${i + 1}`, name: `自助查询机${i + 1}打印机`, kind: 'virtual' })),
  // The link to the provincial platform. The demo runs a simulator of the platform inside the hub (any free port;
  // its HMAC key is made on first start in data/uplink-demo.key). A real hall writes { url: 'https://…' } and
  // gives the key in HALL_UPLINK_KEY.
  uplink: { enabled: true, simulator: { port: 0 }, areaCode: '210000', evaluationMapping: { preset: 'gbt-39046' }, downlink: { pollSeconds: 60 } },
};

writeFileSync(join(here, 'hall.json'), `${JSON.stringify(hall, null, 2)}\n`);
console.log(`hall.json: ${lines.length} lines, ${windows.length} windows, ${staff.length} staff, ${topics.length} topics`);
