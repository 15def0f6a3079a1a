// Shapes shared by the demo-catalog generator. Codes are strings, day counts are numbers,
// exactly as in /work/shared/formats/catalog-exchange.example.json.

export type ZoneId = "general" | "market" | "invest" | "social";
export type TaskType = "01" | "07" | "10" | "20";
export type ServerType = "1" | "2" | "1,2";
export type DayType = "1" | "2"; // 1 工作日, 2 自然日
export type ProjectType = "1" | "2"; // 1 即办件, 2 承诺件
export type ResultType = "10" | "20" | "30"; // 10 证照, 20 批文, 30 其他
export type OnlineDepth = 0 | 1 | 2 | 3 | 4; // 0 不网办 … 4 全程网办

/** material_type 1 原件 2 复印件 3 原件和复印件 */
type MatType = "1" | "2" | "3";
/** material_format 1 纸质 2 电子 3 纸质和电子 */
type MatFormat = "1" | "2" | "3";
/** is_need 0 非必要 1 必要 2 必要但可容缺 */
type MatNeed = "0" | "1" | "2";
/** source_type 1 申请人自备 2 政府部门核发 3 其他 */
type MatSource = "1" | "2" | "3";
/** Four digits: material_type, material_format, is_need, source_type. */
export type MatCode = `${MatType}${MatFormat}${MatNeed}${MatSource}`;

export interface Material {
  name: string;
  code: MatCode;
  pages?: number;
  pageFormat?: string;
  sourceExplain?: string;
  fill?: string;
  accept?: string;
  byLaw?: string;
}

export interface Fee {
  name: string;
  stand: string;
  byLaw: string;
  reducible: boolean;
  reduceExplain?: string;
}

export interface Faq {
  q: string;
  a: string;
}

/** Everything a guide (one business type) says, apart from its identity. */
export interface GuideBody {
  byLaw: string;
  condition: string;
  flow: string[];
  lawDays: number;
  lawDayType?: DayType;
  promiseDays: number;
  promiseExplain: string;
  projectType: ProjectType;
  scenes: 0 | 1 | 2;
  online: OnlineDepth;
  mobile?: boolean;
  express: boolean;
  schedule: boolean;
  terminals?: boolean;
  resultType: ResultType;
  resultName: string;
  otherDept?: string;
  limitExplain?: string;
  rongque?: boolean;
  materials: Material[];
  fees?: Fee[];
  faqs: Faq[];
}

/** One business type (业务办理项) of an item, fully resolved. */
export interface BusinessType extends GuideBody {
  /** "" when the item has a single business type. */
  suffix: string;
  name: string;
}

/** One item (事项), fully resolved; the unit that gets a task_code. */
export interface Item {
  key: string;
  dept: string;
  name: string;
  type: TaskType;
  server: ServerType;
  version: number;
  handwritten: boolean;
  alias?: string;
  businessTypes: BusinessType[];
}

/** A hand-written item: the body is shared, variants override parts of it per business type. */
export interface HandVariant extends Partial<GuideBody> {
  suffix: string;
  name?: string;
}

export interface HandItem extends GuideBody {
  key: string;
  dept: string;
  name: string;
  type: TaskType;
  server: ServerType;
  version: number;
  alias: string;
  variants?: HandVariant[];
}

export interface Department {
  key: string;
  name: string;
  short: string;
  zone: ZoneId;
  windows: number;
  /** Three digits used inside catalog codes. */
  domain: string;
}

export type Row = Record<string, string | number>;
