/**
 * Rows of the province's exchange tables (catalog-exchange.md), checked one by one. Codes are opaque
 * strings — never parsed; a number where a code is expected is taken as its decimal text, since provinces
 * differ. Unknown columns are kept untouched.
 */
export type ExchangeTable =
  | 'task_general_basic'
  | 'task_general_extend'
  | 'task_general_material'
  | 'task_general_fee_project'
  | 'task_general_questions';

export const EXCHANGE_TABLES: readonly ExchangeTable[] = [
  'task_general_basic',
  'task_general_extend',
  'task_general_material',
  'task_general_fee_project',
  'task_general_questions',
];

export type Operation = 'I' | 'U' | 'D';
export type RawRow = Record<string, unknown>;

export interface CheckedRow {
  table: ExchangeTable;
  rowGuid: string;
  op: Operation;
  cdTime: string;
  taskCode: string;
  handleItem: string;
  /** business type key: task_code, or task_code:task_handle_item */
  serviceId: string;
  /** basic rows only */
  version: number | null;
  /** the row as received, with known numeric columns normalized to numbers and codes to strings */
  row: RawRow;
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; rowGuid: string | null; reason: string };

const INT_COLUMNS: Record<ExchangeTable, readonly string[]> = {
  task_general_basic: ['task_version', 'anticipate_day', 'promise_day', 'limit_scene_num'],
  task_general_extend: [],
  task_general_material: ['order_num', 'page_num'],
  task_general_fee_project: ['order_num'],
  task_general_questions: ['order_num'],
};

const TEXT_COLUMNS: Record<ExchangeTable, readonly string[]> = {
  task_general_basic: [
    'catalog_code', 'task_name', 'task_type', 'task_state', 'dept_code', 'dept_name', 'by_law', 'accept_condition',
    'handle_flow', 'anticipate_type', 'promise_type', 'promise_explain', 'project_type', 'is_fee', 'fee_basis',
    'link_way', 'supervise_way', 'transact_addr', 'transact_time', 'handle_type', 'link_addr', 'mobile_terminal_url',
    'server_type', 'use_level', 'alias',
  ],
  task_general_extend: [
    'is_entry_center', 'is_online', 'online_handle_url', 'online_handle_depth', 'is_schedule', 'is_express',
    'is_pay_online', 'is_service_terminals', 'result_type', 'result_name', 'other_dept', 'limit_explain', 'extend_field',
  ],
  task_general_material: [
    'material_name', 'material_type', 'material_format', 'page_format', 'is_need', 'source_type', 'source_explain',
    'fill_explain', 'accept_stand', 'by_law',
  ],
  task_general_fee_project: ['fee_name', 'fee_stand', 'by_law', 'is_desc', 'desc_explain'],
  task_general_questions: ['question', 'answer'],
};

const REQUIRED_TEXT: Partial<Record<ExchangeTable, readonly string[]>> = {
  task_general_basic: ['task_name', 'dept_code', 'dept_name'],
  task_general_material: ['material_name'],
  task_general_fee_project: ['fee_name'],
  task_general_questions: ['question', 'answer'],
};

const CD_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/;

function asCode(v: unknown): string | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return 'bad';
}

function asInt(v: unknown): number | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : 'bad';
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v.trim())) return Number(v.trim());
  return 'bad';
}

export function serviceIdOf(taskCode: string, handleItem: string): string {
  return handleItem === '' ? taskCode : `${taskCode}:${handleItem}`;
}

export function checkRow(table: ExchangeTable, raw: unknown): RowCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, rowGuid: null, reason: 'row is not a JSON object' };
  }
  const r = raw as RawRow;
  const guid = asCode(r.row_guid);
  if (guid === null || guid === 'bad') return { ok: false, rowGuid: null, reason: 'row_guid is missing or not text' };
  const fail = (reason: string): RowCheck => ({ ok: false, rowGuid: guid, reason });
  const op = r.cd_operation;
  if (op !== 'I' && op !== 'U' && op !== 'D') return fail(`cd_operation must be I, U or D (got ${JSON.stringify(op)})`);
  if (typeof r.cd_time !== 'string' || !CD_TIME.test(r.cd_time)) {
    return fail(`cd_time must be "yyyy-MM-dd HH:mm:ss" (got ${JSON.stringify(r.cd_time)})`);
  }
  const taskCode = asCode(r.task_code);
  if (taskCode === null || taskCode === 'bad') return fail('task_code is missing or not text');
  if (taskCode.length > 64) return fail('task_code is longer than 64 characters');
  const handle = asCode(r.task_handle_item);
  if (handle === 'bad') return fail('task_handle_item is not text');
  const row: RawRow = { ...r, task_code: taskCode, task_handle_item: handle ?? '' };
  for (const col of INT_COLUMNS[table]) {
    const v = asInt(r[col]);
    if (v === 'bad') return fail(`${col} must be a whole number (got ${JSON.stringify(r[col])})`);
    row[col] = v;
  }
  for (const col of TEXT_COLUMNS[table]) {
    const v = asCode(r[col]);
    if (v === 'bad') return fail(`${col} must be text (got ${JSON.stringify(r[col])})`);
    row[col] = v;
  }
  if (op !== 'D') {
    for (const col of REQUIRED_TEXT[table] ?? []) if (!row[col]) return fail(`${col} is required`);
  }
  let version: number | null = null;
  if (table === 'task_general_basic') {
    version = row.task_version as number | null;
    if (version === null && op !== 'D') return fail('task_version is required');
  }
  return {
    ok: true,
    row: {
      table,
      rowGuid: guid,
      op,
      cdTime: r.cd_time,
      taskCode,
      handleItem: handle ?? '',
      serviceId: serviceIdOf(taskCode, handle ?? ''),
      version,
      row,
    },
  };
}
