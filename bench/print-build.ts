import { noShowMessage } from '@hall/shared';
import type { Guide, PrintBlock } from '@hall/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The hub's own copy of the library (a dependency of @hall/hub, not of the workspace root).
import { CharacterSet, PrinterTypes, ThermalPrinter } from '../hall-hub/node_modules/node-thermal-printer/node-thermal-printer.js';
import { buildEscpos } from '@hall/hub/adapters/printer/escpos';
import { createRasterizer } from '@hall/hub/adapters/printer/raster';
import { buildGuide, type ServiceRecord } from '@hall/hub/domain/catalog/guide';
import type { RawRow } from '@hall/hub/domain/catalog/exchange-rows';
import { guideSheetLayout } from '@hall/hub/domain/print/guide-sheet-layout';
import { ticketLayout } from '@hall/hub/domain/print/ticket-layout';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, percentile, type Figure } from './lib/report.js';

const SAMPLES = 1000;
const WARM_UP = 50;
const PRINTED_AT = Date.UTC(2026, 10, 23, 1, 30);

interface DemoHall {
  hall: { name: string; address?: string; phone?: string; timeZone: string };
  lines: Array<{ id: string; name: string; nameEn?: string; serves: { deptCodes: string[] } }>;
  windows: Array<{ no: string; name: string; zone: string; lines: Array<{ line: string }> }>;
}
type Rows = Record<'task_general_basic' | 'task_general_extend' | 'task_general_material' | 'task_general_fee_project', RawRow[]>;

/** The demo catalog's business type with the most materials, assembled the way the catalog index does. */
function demoGuide(demo: DemoHall): Guide {
  const doc = JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')) as Rows;
  const key = (r: RawRow) => `${String(r.task_code)}${r.task_handle_item ? `:${String(r.task_handle_item)}` : ''}`;
  const group = (rows: RawRow[]) => {
    const m = new Map<string, RawRow[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const materials = group(doc.task_general_material);
  const fees = group(doc.task_general_fee_project);
  const extend = group(doc.task_general_extend);
  const basic = [...doc.task_general_basic].sort((a, b) => (materials.get(key(b))?.length ?? 0) - (materials.get(key(a))?.length ?? 0))[0]!;
  const id = key(basic);
  const record: ServiceRecord = { id, basic, extend: extend.get(id)?.[0] ?? null, materials: materials.get(id) ?? [], fees: fees.get(id) ?? [], questions: [] };
  const line = demo.lines.find((l) => l.serves.deptCodes.includes(String(basic.dept_code))) ?? null;
  const windows = demo.windows.filter((w) => line && w.lines.some((l) => l.line === line.id)).map(({ no, name, zone }) => ({ no, name, zone }));
  return buildGuide(record, { lineId: line?.id ?? null, lineName: line?.name ?? null, windows });
}

function ticketBlocks(demo: DemoHall, serial: number): PrintBlock[] {
  const line = demo.lines[0]!;
  return ticketLayout({
    hall: demo.hall,
    ticket: {
      id: `bench-ticket-${serial.toString().padStart(8, '0')}`,
      // a new number every time: the number's raster is never served from the cache
      number: `${String.fromCharCode(65 + Math.floor(serial / 999))}${String((serial % 999) + 1).padStart(3, '0')}`,
      lineName: line.name,
      lineNameEn: line.nameEn ?? null,
      peopleAhead: serial % 40,
      estimatedWaitMinutes: (serial % 40) * 3,
      servingWindows: demo.windows.filter((w) => w.lines.some((l) => l.line === line.id)).map((w) => w.no),
      issuedAt: PRINTED_AT,
    },
    noShow: noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }),
  });
}

/** The baseline: node-thermal-printer alone given the same text — its own (character-count) wrapping, no raster, no layout. */
function libraryOnly(blocks: readonly PrintBlock[]): Buffer {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet.CHINA, width: 48 });
  for (const b of blocks) {
    if (b.kind === 'text' || b.kind === 'raster-text' || b.kind === 'logo') p.println(b.text);
    else if (b.kind === 'qr') p.printQR(b.data, { cellSize: b.cellSize });
    else if (b.kind === 'cut') p.partialCut();
  }
  return p.getBuffer();
}

/** Times `ours` and `baseline` alternately, so both see the same machine at the same moments. */
async function interleaved(n: number, ours: (i: number) => Promise<unknown>, baseline: (i: number) => unknown) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    await ours(i);
    a.push(performance.now() - t0);
    t0 = performance.now();
    baseline(i);
    b.push(performance.now() - t0);
  }
  return { ours: a, baseline: b };
}

export async function printBuild(): Promise<Figure[]> {
  const demo = JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'hall.json'), 'utf8')) as DemoHall;
  const rasterizer = createRasterizer();
  const opts = { widthDots: 576, columns: 48, rasterizer };
  const guide = demoGuide(demo);

  const ticket = (i: number) => buildEscpos(ticketBlocks(demo, i), opts);
  const ticketBaseline = (i: number) => libraryOnly(ticketBlocks(demo, i));
  await interleaved(WARM_UP, (i) => ticket(SAMPLES + i), (i) => ticketBaseline(SAMPLES + i));
  const t = await interleaved(SAMPLES, ticket, ticketBaseline);

  const sheet = () => buildEscpos(guideSheetLayout(guide, { hall: demo.hall, printedAt: PRINTED_AT }), opts);
  const sheetBaseline = () => libraryOnly(guideSheetLayout(guide, { hall: demo.hall, printedAt: PRINTED_AT }));
  await interleaved(WARM_UP, sheet, sheetBaseline);
  const g = await interleaved(SAMPLES, sheet, sheetBaseline);

  const ticketWhat = `ESC/POS bytes of a queue ticket: layout, GBK text, QR, the logo and a freshly rasterized number (${SAMPLES} distinct tickets after ${WARM_UP} warm-up)`;
  const ticketBase = 'node-thermal-printer alone, the same text (its own wrapping, no raster), same moments';
  const guideWhat = `ESC/POS bytes of a one-time notice sheet for "${guide.name}" (${guide.materials.length} materials), ${SAMPLES} builds after ${WARM_UP} warm-up`;
  const guideBase = 'node-thermal-printer alone, the same sheet text (its own wrapping, no raster), same moments';
  return [
    figure({
      id: 'print-build.ticket.p50',
      what: ticketWhat,
      value: median(t.ours),
      unit: 'ms',
      baseline: { what: ticketBase, value: median(t.baseline), unit: 'ms' },
      target: { text: 'median < 20 ms', check: ({ value }) => value < 20 },
    }),
    figure({ id: 'print-build.ticket.p99', what: ticketWhat, value: percentile(t.ours, 99), unit: 'ms', baseline: { what: ticketBase, value: percentile(t.baseline, 99), unit: 'ms' } }),
    figure({
      id: 'print-build.guide.p50',
      what: guideWhat,
      value: median(g.ours),
      unit: 'ms',
      baseline: { what: guideBase, value: median(g.baseline), unit: 'ms' },
      target: { text: 'median < 100 ms', check: ({ value }) => value < 100 },
    }),
    figure({ id: 'print-build.guide.p99', what: guideWhat, value: percentile(g.ours, 99), unit: 'ms', baseline: { what: guideBase, value: percentile(g.baseline, 99), unit: 'ms' } }),
  ];
}
