import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildEscpos } from '../../src/adapters/printer/escpos.js';
import { createRasterizer } from '../../src/adapters/printer/raster.js';
import { renderPreview } from '../../src/adapters/printer/virtual-printer.js';
import { loadConfig } from '../../src/config/load-config.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { ticketLayout } from '../../src/domain/print/ticket-layout.js';
import { noShowMessage, type PrintBlock } from '@hall/shared';
import { demoCatalog } from '@hall/testkit/demo-catalog';
import { MINUTE, MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { hubDir, repoRoot } from '@hall/testkit/repo-paths';

/**
 * The pictures of printed paper in docs/screenshots come from here: the demo hall's current sheet and ticket, laid
 * out by the hub, drawn by the hub's own preview (what `GET /api/print/jobs/{id}/preview.png` and the virtual
 * printer draw) — and the ESC/POS bytes of the same blocks are read back, so the picture shows what the printer gets.
 */
const shots = join(repoRoot, 'docs', 'screenshots');
const { config } = loadConfig({}, join(hubDir, 'demo', 'hall.json'));
const hall = config.hall;
const catalog = demoCatalog();
const rasterizer = createRasterizer();

/** Every text line of the blocks is in the printer's bytes, which have nothing it would not understand. */
async function sameAsPrinted(blocks: readonly PrintBlock[]): Promise<void> {
  const read = readEscpos(await buildEscpos(blocks, { widthDots: 576, columns: 48, rasterizer }));
  expect(read.unknown).toEqual([]);
  for (const b of blocks) if (b.kind === 'text') expect(read.text).toContain(b.text);
  expect(read.commands.filter((c) => c === '1d5601')).toHaveLength(1);
}

async function save(name: string, blocks: readonly PrintBlock[]): Promise<Buffer> {
  const png = await renderPreview(blocks, { widthDots: 576, rasterizer });
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, name), png);
  return png;
}

describe('the screenshots of printed paper are today’s layout, from the demo hall', () => {
  it('print-guide-sheet.png: the one-time notice sheet of 食品经营许可（新办）', async () => {
    const guide = catalog.index.allGuides().find((g) => g.name === '食品经营许可（新办）');
    expect(guide).toBeDefined();
    const blocks = guideSheetLayout(guide!, { hall, printedAt: MONDAY_0900 + 12 * MINUTE });
    await sameAsPrinted(blocks);
    const png = await save('print-guide-sheet.png', blocks);
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(624);
    expect(meta.height).toBeGreaterThan(blocks.filter((b) => b.kind === 'text').length * 30);
  });

  it('print-ticket.png: an L ticket (市场监管) with its department’s full name and no “Department:” fragment', async () => {
    const line = config.lines.find((l) => l.prefix === 'L')!;
    const names = new Map(catalog.index.departments().map((d) => [d.code, d.name]));
    const departments = line.serves.deptCodes.flatMap((code) => names.get(code) ?? []);
    const windows = config.windows.filter((w) => w.lines.some((l) => l.line === line.id)).map((w) => w.no);
    const id = 'b3c1f7de-0c1a-4f7e-9d55-0a1b2c3d4e5f';
    const blocks = ticketLayout({
      hall,
      ticket: { id, number: 'L009', lineName: line.name, lineNameEn: line.nameEn ?? null, peopleAhead: 3, estimatedWaitMinutes: 9, servingWindows: windows, issuedAt: MONDAY_0900 + 12 * MINUTE, departments },
      qr: `https://q.hall.example.cn/m/#${id}`,
      noShow: noShowMessage(config.policy.noShow),
    });
    const text = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('\n');
    expect(departments).toEqual(['辽宁省市场监督管理局']);
    expect(text).toContain('辽宁省市场监督管理局');
    expect(text).not.toContain('Department');
    await sameAsPrinted(blocks);
    const png = await save('print-ticket.png', blocks);
    expect((await sharp(png).metadata()).width).toBe(624);
  });
});
