// Writes the demo catalog of the 辽宁省政务服务中心: hall-hub/demo/catalog/demo-catalog.json,
// hall-hub/demo/departments.json and hall-hub/demo/topics.json. Deterministic: same bytes every run.
// Run from the repository root: npx -y tsx hall-hub/demo/generate/main.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AREA_CODE, CD_BATCH, catalogCode, deptCode, itemUrl, taskCode } from "./codes.js";
import { DEPARTMENTS, department } from "./departments.js";
import { buildGeneratedItem, planCounts, seedRefs } from "./generated-guides.js";
import { HANDWRITTEN, resolveHandItem } from "./hand-resolve.js";
import { buildTables, type PlacedItem } from "./rows.js";
import { buildTopics } from "./topics.js";
import type { Item, Row } from "./types.js";
import { validateItems } from "./validate.js";

/** The seed's figures: 416 items (进驻事项), 1,042 business types (审批业务), 55 windows. */
const ITEM_TOTAL = 416;
const BUSINESS_TYPE_TOTAL = 1042;
const WINDOW_TOTAL = 55;

const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

function placeItems(): PlacedItem[] {
  const hand = HANDWRITTEN.map(resolveHandItem);
  const refs = seedRefs();
  const handTypes = hand.reduce((n, item) => n + item.businessTypes.length, 0);
  const counts = planCounts(refs, BUSINESS_TYPE_TOTAL - handTypes);
  const placed: PlacedItem[] = [];
  for (const dep of DEPARTMENTS) {
    let seq = 0;
    const place = (build: (url: string) => Item): void => {
      seq++;
      const catalog = catalogCode(dep, seq);
      placed.push({ item: build(itemUrl(catalog)), catalog, task: taskCode(dep, catalog) });
    };
    for (const item of hand.filter((h) => h.dept === dep.key)) place(() => item);
    refs.forEach((ref, i) => {
      if (ref.dept === dep.key) place((url) => buildGeneratedItem(ref, counts[i] ?? 1, url));
    });
  }
  for (const item of hand) department(item.dept);
  return placed;
}

/** Pretty enough to read and diff, small enough to ship: one row per line. */
function exchangeJson(tables: Record<string, Row[]>): string {
  const lines = ["{", `  "format": "task-exchange/1",`, `  "area_code": ${JSON.stringify(AREA_CODE)},`, `  "cd_batch": ${JSON.stringify(CD_BATCH)},`];
  const entries = Object.entries(tables);
  entries.forEach(([name, rows], t) => {
    const last = t === entries.length - 1;
    if (rows.length === 0) {
      lines.push(`  ${JSON.stringify(name)}: []${last ? "" : ","}`);
      return;
    }
    lines.push(`  ${JSON.stringify(name)}: [`);
    rows.forEach((row, i) => lines.push(`    ${JSON.stringify(row)}${i === rows.length - 1 ? "" : ","}`));
    lines.push(`  ]${last ? "" : ","}`);
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function main(): void {
  const placed = placeItems();
  const items = placed.map((p) => p.item);
  validateItems(items);
  const typeCount = items.reduce((n, item) => n + item.businessTypes.length, 0);
  const windows = DEPARTMENTS.reduce((n, dep) => n + dep.windows, 0);
  if (placed.length !== ITEM_TOTAL) throw new Error(`${placed.length} items, expected ${ITEM_TOTAL}`);
  if (typeCount !== BUSINESS_TYPE_TOTAL) throw new Error(`${typeCount} business types, expected ${BUSINESS_TYPE_TOTAL}`);
  if (windows !== WINDOW_TOTAL) throw new Error(`${windows} windows, expected ${WINDOW_TOTAL}`);

  const tables = buildTables(placed);
  const departments = DEPARTMENTS.map((dep) => ({ code: deptCode(dep.key), name: dep.name, short: dep.short, zone: dep.zone, windows: dep.windows }));
  const topics = buildTopics(placed);

  mkdirSync(join(DEMO_DIR, "catalog"), { recursive: true });
  writeFileSync(join(DEMO_DIR, "catalog", "demo-catalog.json"), exchangeJson({ ...tables }));
  writeFileSync(join(DEMO_DIR, "departments.json"), `${JSON.stringify(departments, null, 2)}\n`);
  writeFileSync(join(DEMO_DIR, "topics.json"), `${JSON.stringify(topics, null, 2)}\n`);

  const byType = new Map<string, number>();
  for (const item of items) byType.set(item.type, (byType.get(item.type) ?? 0) + 1);
  const instant = tables.task_general_basic.filter((r) => r.project_type === "1").length;
  console.log(
    [
      `departments ${DEPARTMENTS.length}, windows ${windows}`,
      `items ${placed.length} (${[...byType].map(([t, n]) => `${t}:${n}`).join(" ")}), hand-written ${items.filter((i) => i.handwritten).length}`,
      `business types ${typeCount}, 即办件 ${instant}`,
      ...Object.entries(tables).map(([name, rows]) => `${name}: ${rows.length}`),
    ].join("\n"),
  );
}

main();
