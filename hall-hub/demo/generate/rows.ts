// Resolved items → rows of the five exchange tables (format: /work/shared/formats/catalog-exchange.md).
import { CD_BATCH, CD_TIME, SUPERVISE_WAY, TRANSACT_TIME, businessTypeUrls, deptCode, deptPhone, handleItem, rowGuid, transactAddr } from "./codes.js";
import { department } from "./departments.js";
import type { BusinessType, Item, Material, Row } from "./types.js";

export interface Tables {
  task_general_basic: Row[];
  task_general_extend: Row[];
  task_general_material: Row[];
  task_general_fee_project: Row[];
  task_general_questions: Row[];
}

export interface PlacedItem {
  item: Item;
  catalog: string;
  task: string;
}

const head = (table: string, ...key: Array<string | number>): Row => ({
  row_guid: rowGuid(table, ...key),
  cd_operation: "I",
  cd_time: CD_TIME,
  cd_batch: CD_BATCH,
});

/** Adds only the optional columns that have a value, so rows stay small and absent means absent. */
function optional(row: Row, extra: Record<string, string | number | undefined>): Row {
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") row[key] = value;
  return row;
}

function handleType(bt: BusinessType): string {
  const forms = ["1"];
  if (bt.online > 0) forms.push("2");
  if (bt.online > 0 && bt.mobile) forms.push("3");
  if (bt.express) forms.push("4");
  return forms.join(",");
}

function basicRow(placed: PlacedItem, bt: BusinessType, handle: string, index: number): Row {
  const { item, catalog, task } = placed;
  const dep = department(item.dept);
  const single = item.businessTypes.length === 1;
  const urls = businessTypeUrls(catalog, index, single);
  const fees = bt.fees ?? [];
  const row: Row = {
    ...head("basic", task, handle),
    task_code: task,
    task_handle_item: handle,
    catalog_code: catalog,
    task_name: bt.name,
    task_type: item.type,
    task_state: "1",
    task_version: item.version,
    dept_code: deptCode(dep.key),
    dept_name: dep.name,
    by_law: bt.byLaw,
    accept_condition: bt.condition,
    handle_flow: bt.flow.join("\n"),
    anticipate_day: bt.lawDays,
    anticipate_type: bt.lawDayType ?? "1",
    promise_day: bt.promiseDays,
    promise_type: "1",
    promise_explain: bt.promiseExplain,
    project_type: bt.projectType,
    is_fee: fees.length > 0 ? "1" : "0",
    fee_basis: [...new Set(fees.map((f) => f.byLaw))].join("；"),
    limit_scene_num: bt.scenes,
    link_way: deptPhone(dep.key),
    supervise_way: SUPERVISE_WAY,
    transact_addr: transactAddr(dep),
    transact_time: TRANSACT_TIME,
    handle_type: handleType(bt),
  };
  return optional(row, {
    link_addr: bt.online > 0 ? urls.pc : undefined,
    mobile_terminal_url: bt.online > 0 && bt.mobile ? urls.mobile : undefined,
    server_type: item.server,
    // 行使层级 2 = 省级 (GB/T 39046 Annex A).
    use_level: "2",
    // Province extension column: colloquial names visitors search for.
    alias: item.alias,
  });
}

function extendRow(placed: PlacedItem, bt: BusinessType, handle: string, index: number): Row {
  const urls = businessTypeUrls(placed.catalog, index, placed.item.businessTypes.length === 1);
  const online = bt.online > 0;
  const row: Row = {
    ...head("extend", placed.task, handle),
    task_code: placed.task,
    task_handle_item: handle,
    is_entry_center: "1",
    is_online: online ? "1" : "0",
  };
  return optional(row, {
    online_handle_url: online ? urls.pc : undefined,
    online_handle_depth: online ? String(bt.online) : undefined,
    is_schedule: bt.schedule ? "1" : "0",
    is_express: bt.express ? "1" : "0",
    is_pay_online: online && (bt.fees ?? []).length > 0 ? "1" : "0",
    is_service_terminals: bt.terminals ? "1" : "0",
    result_type: bt.resultType,
    result_name: bt.resultName,
    other_dept: bt.otherDept,
    limit_explain: bt.limitExplain,
    extend_field: bt.rongque ? '{"rongque": true}' : "{}",
  });
}

function materialRow(placed: PlacedItem, handle: string, mat: Material, order: number): Row {
  const paper = mat.code[1] !== "2";
  const row: Row = {
    ...head("material", placed.task, handle, order),
    task_code: placed.task,
    task_handle_item: handle,
    order_num: order,
    material_name: mat.name,
    material_type: mat.code[0] ?? "1",
    material_format: mat.code[1] ?? "1",
    page_num: paper ? (mat.pages ?? 1) : 0,
  };
  return optional(row, {
    page_format: paper ? (mat.pageFormat ?? "A4") : undefined,
    is_need: mat.code[2] ?? "1",
    source_type: mat.code[3] ?? "1",
    source_explain: mat.sourceExplain,
    fill_explain: mat.fill,
    accept_stand: mat.accept,
    by_law: mat.byLaw,
  });
}

export function buildTables(items: readonly PlacedItem[]): Tables {
  const tables: Tables = {
    task_general_basic: [],
    task_general_extend: [],
    task_general_material: [],
    task_general_fee_project: [],
    task_general_questions: [],
  };
  for (const placed of items) {
    const single = placed.item.businessTypes.length === 1;
    placed.item.businessTypes.forEach((bt, index) => {
      const handle = handleItem(placed.task, index, single);
      tables.task_general_basic.push(basicRow(placed, bt, handle, index));
      tables.task_general_extend.push(extendRow(placed, bt, handle, index));
      bt.materials.forEach((mat, i) => tables.task_general_material.push(materialRow(placed, handle, mat, i + 1)));
      (bt.fees ?? []).forEach((f, i) =>
        tables.task_general_fee_project.push(
          optional(
            { ...head("fee", placed.task, handle, i + 1), task_code: placed.task, task_handle_item: handle, order_num: i + 1, fee_name: f.name, fee_stand: f.stand, by_law: f.byLaw, is_desc: f.reducible ? "1" : "0" },
            { desc_explain: f.reduceExplain },
          ),
        ),
      );
      bt.faqs.forEach((faq, i) =>
        tables.task_general_questions.push({
          ...head("question", placed.task, handle, i + 1),
          task_code: placed.task,
          task_handle_item: handle,
          order_num: i + 1,
          question: faq.q,
          answer: faq.a,
        }),
      );
    });
  }
  return tables;
}
