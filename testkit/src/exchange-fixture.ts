/** Small exchange documents for tests, in the province's format (catalog-exchange.md). */
const meta = (guid: string, op = 'I', time = '2026-11-01 08:00:00') => ({
  row_guid: guid,
  cd_operation: op,
  cd_time: time,
  cd_batch: 'test-batch',
});

export function basic(guid: string, code: string, handle: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    ...meta(guid, (extra.cd_operation as string) ?? 'I', (extra.cd_time as string) ?? '2026-11-01 08:00:00'),
    task_code: code,
    task_handle_item: handle,
    catalog_code: '000101002000',
    task_name: name,
    task_type: '01',
    task_state: '1',
    task_version: 1,
    dept_code: '11210000EX0000003C',
    dept_name: '辽宁省药品监督管理局',
    by_law: '《中华人民共和国药品管理法》第五十一条',
    accept_condition: '具有依法经过资格认定的药学技术人员。',
    handle_flow: '受理\n审查\n决定',
    anticipate_day: 30,
    anticipate_type: '1',
    promise_day: 15,
    promise_type: '1',
    project_type: '2',
    is_fee: '0',
    limit_scene_num: 1,
    handle_type: '1,2,4',
    transact_addr: '二楼 药品监管窗口',
    server_type: '2',
    ...extra,
  };
}

export function material(guid: string, code: string, handle: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    ...meta(guid, (extra.cd_operation as string) ?? 'I', (extra.cd_time as string) ?? '2026-11-01 08:00:00'),
    task_code: code,
    task_handle_item: handle,
    order_num: 1,
    material_name: name,
    material_type: '1',
    material_format: '1',
    page_num: 1,
    is_need: '1',
    source_type: '1',
    ...extra,
  };
}

export function doc(tables: Record<string, unknown[]>) {
  return { format: 'task-exchange/1', area_code: '210000', cd_batch: 'test-batch', ...tables };
}
