import type { CaseFeedPage, SupervisedCase, SupervisedCaseState } from '@hall/shared';
import { generateSteps } from './parallel-progress.js';

/**
 * The province's record of the cases (办件) accepted at a hall, as its supervision feed serves them: every change
 * gets the next revision number, and `GET /cases/v1/feed?since=<revision>` answers the cases changed after it,
 * oldest change first, a page at a time.
 */
export interface SupervisedCaseBook {
  upsert(cases: readonly SupervisedCase[]): void;
  page(since: string | null, limit: number): CaseFeedPage;
  count(): number;
  get(caseNo: string): SupervisedCase | undefined;
  all(): SupervisedCase[];
}

export function createSupervisedCaseBook(): SupervisedCaseBook {
  const byNo = new Map<string, { c: SupervisedCase; rev: number }>();
  let revision = 0;
  return {
    upsert(cases) {
      for (const c of cases) byNo.set(c.caseNo, { c, rev: ++revision });
    },
    page(since, limit) {
      const after = since === null ? 0 : Number(since) || 0;
      const changed = [...byNo.values()].filter((e) => e.rev > after).sort((a, b) => a.rev - b.rev);
      const taken = changed.slice(0, limit);
      const last = taken.length ? taken[taken.length - 1]!.rev : Math.max(after, 0);
      return { cursor: String(last), more: changed.length > taken.length, cases: taken.map((e) => e.c) };
    },
    count: () => byNo.size,
    get: (caseNo) => byNo.get(caseNo)?.c,
    all: () => [...byNo.values()].map((e) => e.c),
  };
}

/* ---- a realistic month of cases for the demo and the tests ---- */

export interface Department {
  code: string;
  name: string;
}
export interface Business {
  taskCode: string;
  name: string;
  nameEn?: string;
  dept: Department;
  /** 承诺时限 in working days */
  limit: number;
  /** share of applicants who are organisations */
  orgs: number;
  /** departments of a 并联审批, beside the lead */
  joint?: Department[];
}

const DEPARTMENTS: Department[] = [
  { code: 'dept-market', name: '市场监督管理局' },
  { code: 'dept-housing', name: '住房和城乡建设局' },
  { code: 'dept-nature', name: '自然资源和规划局' },
  { code: 'dept-social', name: '人力资源和社会保障局' },
  { code: 'dept-police', name: '公安局' },
  { code: 'dept-civil', name: '民政局' },
  { code: 'dept-env', name: '生态环境局' },
  { code: 'dept-dev', name: '发展和改革局' },
  { code: 'dept-fire', name: '消防救援大队' },
];

const D = (i: number): Department => DEPARTMENTS[i]!;

const BUSINESSES: Business[] = [
  { taskCode: '330106-MS-001', name: '个体工商户设立登记', nameEn: 'Registration of a sole proprietorship', dept: D(0), limit: 1, orgs: 0 },
  { taskCode: '330106-MS-002', name: '食品经营许可', nameEn: 'Food business licence', dept: D(0), limit: 10, orgs: 0.6 },
  { taskCode: '330106-ZJ-010', name: '建筑工程施工许可证核发', nameEn: 'Construction permit', dept: D(1), limit: 7, orgs: 1 },
  { taskCode: '330106-ZR-003', name: '不动产登记（转移登记）', nameEn: 'Real-estate registration (transfer)', dept: D(2), limit: 5, orgs: 0.2 },
  { taskCode: '330106-RS-021', name: '失业保险金申领', nameEn: 'Unemployment benefit', dept: D(3), limit: 5, orgs: 0 },
  { taskCode: '330106-GA-005', name: '居民户口迁移', nameEn: 'Household registration transfer', dept: D(4), limit: 3, orgs: 0 },
  { taskCode: '330106-MZ-002', name: '最低生活保障审批', nameEn: 'Minimum living allowance', dept: D(5), limit: 20, orgs: 0 },
  { taskCode: '330106-ST-004', name: '建设项目环境影响报告表审批', nameEn: 'Environmental impact approval', dept: D(6), limit: 15, orgs: 1 },
  { taskCode: '330106-FG-001', name: '企业投资项目备案', nameEn: 'Enterprise investment project filing', dept: D(7), limit: 3, orgs: 1 },
  { taskCode: '330106-XF-003', name: '公众聚集场所投入使用前消防安全检查', nameEn: 'Fire-safety inspection before opening', dept: D(8), limit: 10, orgs: 1 },
  { taskCode: '330106-BL-001', name: '社会投资简易低风险项目施工许可（并联审批）', nameEn: 'Low-risk project permit (parallel approval)', dept: D(1), limit: 15, orgs: 1, joint: [D(2), D(6), D(8)] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超华平刚桂';
const COMPANIES = ['杭州云帆科技有限公司', '浙江禾丰食品有限公司', '杭州市西湖区小林便利店', '杭州恒达建设集团有限公司', '浙江绿源环保科技有限公司'];

/** A small seeded PRNG (mulberry32), so a generated month is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** the hall's "now": cases are accepted in the 30 days before it */
  now: number;
  /** case numbers start with this area code */
  area?: string;
  /** the business types cases are drawn from (default: a small built-in set; see businessesFromExchange) */
  businesses?: readonly Business[];
  /** share of cases drawn from the joint (并联审批) business types, when there are any (default 0.1) */
  parallelShare?: number;
}

/**
 * A month of cases at a hall: most open ones within their limits, some near them, a few overdue, some waiting
 * for the applicant's materials (补正) or an expert review (特别程序), finished ones mostly on time, and
 * 并联审批 projects with a step per department. Working days are not known here (the hall calendar is the
 * hub's): the simulator places times on calendar days, which gives the hub every kind of light to compute.
 */
export function generateCases(opts: GenerateOptions): SupervisedCase[] {
  const random = prng(opts.seed ?? 19);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const area = opts.area ?? '330106';
  const out: SupervisedCase[] = [];
  const all = opts.businesses?.length ? opts.businesses : BUSINESSES;
  // A catalog has few joint types among hundreds: the 并联审批 zone still gets its share of projects.
  const joint = all.filter((b) => b.joint?.length);
  const parallelShare = opts.parallelShare ?? 0.1;
  for (let i = 0; i < opts.count; i++) {
    const b = joint.length && random() < parallelShare ? pick(joint) : pick(all);
    const dept = b.dept;
    const acceptedAt = opts.now - Math.floor(random() * 30 * DAY) - 3_600_000;
    const org = random() < b.orgs;
    const name = org ? pick(COMPANIES) : `${pick([...SURNAMES])}${random() < 0.7 ? pick([...GIVEN]) : ''}${pick([...GIVEN])}`;
    const roll = random();
    const finished = roll < 0.45;
    const suspended = !finished && roll < 0.55;
    const finishedAt = finished ? Math.min(opts.now - 60_000, acceptedAt + Math.floor(random() * (b.limit * 1.6 + 1) * DAY)) : null;
    const state: SupervisedCaseState = finished ? (random() < 0.8 ? 'decided' : 'closed') : suspended ? 'suspended' : random() < 0.3 ? 'accepted' : 'under-review';
    const suspendFrom = acceptedAt + Math.floor(random() * Math.max(1, opts.now - acceptedAt));
    const steps = b.joint?.length ? generateSteps(dept, b.joint, { acceptedAt, limit: b.limit, finishedAt, now: opts.now }, random) : [];
    out.push({
      caseNo: `${area}${new Date(acceptedAt).toISOString().slice(0, 10).replaceAll('-', '')}${String(i + 1).padStart(5, '0')}`,
      taskCode: b.taskCode,
      serviceName: b.name,
      ...(b.nameEn ? { serviceNameEn: b.nameEn } : {}),
      departmentCode: dept.code,
      departmentName: dept.name,
      applicant: { kind: org ? 'organisation' : 'person', name },
      acceptedAt: iso(acceptedAt),
      limitWorkingDays: b.limit,
      state,
      history: [
        { state: 'accepted', at: iso(acceptedAt) },
        ...(state !== 'accepted' ? [{ state: 'under-review' as const, at: iso(acceptedAt + 3_600_000) }] : []),
        ...(suspended ? [{ state: 'suspended' as const, at: iso(suspendFrom), note: '待申请人补正材料' }] : []),
        ...(finishedAt !== null ? [{ state, at: iso(finishedAt) }] : []),
      ],
      suspensions: suspended ? [{ kind: random() < 0.8 ? 'correction' : 'special-procedure', from: iso(suspendFrom), to: null }] : [],
      finishedAt: finishedAt === null ? null : iso(finishedAt),
      steps,
    });
  }
  return out;
}

interface ExchangeRow {
  task_code?: unknown;
  task_name?: unknown;
  task_state?: unknown;
  dept_code?: unknown;
  dept_name?: unknown;
  promise_day?: unknown;
  promise_type?: unknown;
  project_type?: unknown;
  server_type?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * The business types of a province catalog in the exchange format (`task_general_basic`, with 联办机构 from
 * `task_general_extend.other_dept`): cases are then drawn from the hall's own catalog, whichever province's.
 * Only types in force with a promised limit in working days (promise_type 1), or 即办件 without one (limit 0),
 * are taken.
 */
export function businessesFromExchange(doc: unknown): Business[] {
  const d = (doc ?? {}) as { task_general_basic?: ExchangeRow[]; task_general_extend?: Array<{ task_code?: unknown; other_dept?: unknown }> };
  const joint = new Map((d.task_general_extend ?? []).map((e) => [str(e.task_code), str(e.other_dept)]));
  const out: Business[] = [];
  for (const r of d.task_general_basic ?? []) {
    if (str(r.task_state) !== '1' || !str(r.task_code) || !str(r.task_name) || !str(r.dept_code) || !str(r.dept_name)) continue;
    // 即办件 with no promised days is done the same day; otherwise the promised working days are the limit.
    const promised = Number(r.promise_day);
    const immediate = str(r.project_type) === '1' && !(promised > 0);
    const limit = immediate ? 0 : promised;
    if (!immediate && (str(r.promise_type) !== '1' || !Number.isInteger(limit) || limit < 0 || limit > 365)) continue;
    const others = (joint.get(str(r.task_code)) ?? '').split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
    out.push({
      taskCode: str(r.task_code).slice(0, 64),
      name: str(r.task_name).slice(0, 200),
      dept: { code: str(r.dept_code).slice(0, 64), name: str(r.dept_name).slice(0, 100) },
      limit,
      orgs: str(r.server_type).includes('2') ? (str(r.server_type).includes('1') ? 0.5 : 1) : 0,
      ...(others.length ? { joint: others.slice(0, 19).map((name, i) => ({ code: `${str(r.task_code).slice(0, 50)}-j${i + 1}`, name: name.slice(0, 100) })) } : {}),
    });
  }
  return out;
}
