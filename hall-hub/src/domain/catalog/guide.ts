import type { Guide, GuideMaterial, ServiceSummary } from '@hall/shared';
import type { RawRow } from './exchange-rows.js';

/** One business type as the catalog holds it: its basic row and the rows of the child tables. */
export interface ServiceRecord {
  id: string;
  basic: RawRow;
  extend: RawRow | null;
  materials: RawRow[];
  fees: RawRow[];
  questions: RawRow[];
}

export interface ServiceRouting {
  lineId: string | null;
  lineName: string | null;
  windows: Array<{ no: string; name: string; zone: string }>;
}

const TASK_TYPES: Record<string, string> = {
  '00': '行政权力',
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
};
const HANDLE_FORMS: Record<string, string> = { '1': 'window', '2': 'pc', '3': 'mobile', '4': 'express', '9': 'other' };
const SERVICE_OBJECTS: Record<string, string> = { '1': 'person', '2': 'enterprise' };
const SOURCES: Record<string, string> = { '1': '申请人自备', '2': '政府部门核发', '3': '其他' };

const text = (row: RawRow | null, col: string): string | null => {
  const v = row?.[col];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};
const int = (row: RawRow | null, col: string): number | null => {
  const v = row?.[col];
  return typeof v === 'number' ? v : null;
};
const flag = (row: RawRow | null, col: string): boolean => text(row, col) === '1';
const list = (v: string | null): string[] =>
  v === null ? [] : v.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
const byOrder = (a: RawRow, b: RawRow) => (int(a, 'order_num') ?? 0) - (int(b, 'order_num') ?? 0);

function extension(extend: RawRow | null): Record<string, unknown> {
  const raw = text(extend, 'extend_field');
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function material(m: RawRow): GuideMaterial {
  const type = text(m, 'material_type');
  const format = text(m, 'material_format');
  const need = text(m, 'is_need');
  const sourceType = text(m, 'source_type');
  const source = [sourceType ? SOURCES[sourceType] : null, text(m, 'source_explain')].filter(Boolean).join('：');
  return {
    name: text(m, 'material_name') ?? '',
    form: type === '1' ? 'original' : type === '2' ? 'copy' : type === '3' ? 'original-and-copy' : null,
    medium: format === '1' ? 'paper' : format === '2' ? 'electronic' : format === '3' ? 'paper-and-electronic' : null,
    copies: int(m, 'page_num'),
    pageFormat: text(m, 'page_format'),
    required: need === '2' ? 'rongque' : need === '0' ? 'optional' : 'required',
    source: source || null,
    fillExplain: text(m, 'fill_explain'),
    acceptStandard: text(m, 'accept_stand'),
  };
}

/** Fully online (全程网办): the province says so (depth 4), or it is online and needs no visit. */
export function isFullyOnline(r: ServiceRecord): boolean {
  return text(r.extend, 'online_handle_depth') === '4' || (flag(r.extend, 'is_online') && int(r.basic, 'limit_scene_num') === 0);
}

export function summaryOf(r: ServiceRecord, lineId: string | null): ServiceSummary {
  return {
    id: r.id,
    taskCode: text(r.basic, 'task_code') ?? '',
    handleItem: text(r.basic, 'task_handle_item'),
    name: text(r.basic, 'task_name') ?? '',
    deptCode: text(r.basic, 'dept_code') ?? '',
    deptName: text(r.basic, 'dept_name') ?? '',
    taskType: text(r.basic, 'task_type') ?? '',
    fullyOnline: isFullyOnline(r),
    lineId,
  };
}

export function aliasesOf(r: ServiceRecord): string[] {
  return list(text(r.basic, 'alias'));
}

export function buildGuide(r: ServiceRecord, routing: ServiceRouting): Guide {
  const b = r.basic;
  const materials = [...r.materials].sort(byOrder).map(material);
  const taskType = text(b, 'task_type') ?? '';
  const projectType = text(b, 'project_type');
  const ext = extension(r.extend);
  return {
    ...summaryOf(r, routing.lineId),
    catalogCode: text(b, 'catalog_code'),
    taskTypeName: TASK_TYPES[taskType] ?? taskType,
    version: int(b, 'task_version') ?? 0,
    legalBasis: text(b, 'by_law'),
    conditions: text(b, 'accept_condition'),
    processSteps: (text(b, 'handle_flow') ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
    legalTimeLimit: {
      days: int(b, 'anticipate_day'),
      unit: text(b, 'anticipate_type') === '2' ? 'natural-day' : 'working-day',
      explain: text(b, 'anticipate_explain'),
    },
    promisedTimeLimit: {
      days: int(b, 'promise_day'),
      unit: text(b, 'promise_type') === '2' ? 'natural-day' : 'working-day',
      explain: text(b, 'promise_explain'),
    },
    caseType: projectType === '1' ? 'immediate' : projectType === '2' ? 'promised' : null,
    charged: flag(b, 'is_fee') || r.fees.length > 0,
    feeBasis: text(b, 'fee_basis'),
    fees: [...r.fees].sort(byOrder).map((f) => ({
      name: text(f, 'fee_name') ?? '',
      standard: text(f, 'fee_stand'),
      basis: text(f, 'by_law'),
      reducible: flag(f, 'is_desc'),
      reduceBasis: text(f, 'desc_explain'),
    })),
    visitsNeeded: int(b, 'limit_scene_num'),
    handleForms: list(text(b, 'handle_type')).map((c) => HANDLE_FORMS[c] ?? c),
    onlineUrl: text(r.extend, 'online_handle_url') ?? text(b, 'link_addr'),
    mobileUrl: text(b, 'mobile_terminal_url'),
    resultsByPost: flag(r.extend, 'is_express') || list(text(b, 'handle_type')).includes('4'),
    appointmentSupported: flag(r.extend, 'is_schedule'),
    rongqueAllowed: ext.rongque === true || materials.some((m) => m.required === 'rongque'),
    resultName: text(r.extend, 'result_name'),
    jointDepartments: text(r.extend, 'other_dept'),
    contact: text(b, 'link_way'),
    supervision: text(b, 'supervise_way'),
    address: text(b, 'transact_addr'),
    hours: text(b, 'transact_time'),
    serviceObjects: list(text(b, 'server_type')).map((c) => SERVICE_OBJECTS[c] ?? c),
    materials,
    faqs: [...r.questions].sort(byOrder).map((q) => ({ question: text(q, 'question') ?? '', answer: text(q, 'answer') ?? '' })),
    lineName: routing.lineName,
    windows: routing.windows,
    aliases: aliasesOf(r),
  };
}
