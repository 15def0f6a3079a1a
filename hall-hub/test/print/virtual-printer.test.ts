import { noShowMessage } from '@hall/shared';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createRasterizer, textCoverage } from '../../src/adapters/printer/raster.js';
import { createVirtualPrinter, renderPreview } from '../../src/adapters/printer/virtual-printer.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { ticketLayout } from '../../src/domain/print/ticket-layout.js';
import { MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { sampleGuide } from './sample-guide.js';

const hall = { name: '测试政务服务中心', address: '沈阳市和平区测试路1号', phone: '024-12345678', timeZone: 'Asia/Shanghai' };
const rasterizer = createRasterizer();
const ticket = ticketLayout({
  hall,
  ticket: { id: 'b3c1f7de-0c1a-4f7e-9d55-0a1b2c3d4e5f', number: 'A012', lineName: '综合业务', peopleAhead: 3, estimatedWaitMinutes: 9, servingWindows: ['1', '2'], issuedAt: MONDAY_0900 },
  noShow: noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }),
});

/** Rows and columns that have any ink, from a greyscale PNG. */
async function ink(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rows = new Set<number>();
  const cols = new Set<number>();
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 128) {
        rows.add(y);
        cols.add(x);
      }
    }
  }
  return { width: info.width, height: info.height, rows, cols };
}

describe('the virtual printer (what would be printed, as a PNG)', () => {
  it('draws Chinese with the bundled font: two characters give two different glyphs, not two tofu boxes', async () => {
    const [a, b] = await Promise.all([textCoverage('综', 24, 'Regular'), textCoverage('合', 24, 'Regular')]);
    expect(a.width).toBeGreaterThan(12);
    expect(a.data.equals(b.data)).toBe(false);
  });

  it('renders a ticket on 80 mm paper: the full 576-dot width plus margins, inked, nothing past the paper’s edges', async () => {
    const png = await renderPreview(ticket, { widthDots: 576, rasterizer });
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 624 });
    expect(meta.height).toBeGreaterThan(800);
    expect(meta.height).toBeLessThan(2000);
    const { rows, cols, height } = await ink(png);
    expect(rows.size).toBeGreaterThan(height / 3);
    // Only the cut mark (the last inked row) crosses the margins.
    const lastRow = Math.max(...rows);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    for (let y = 0; y < lastRow - 1; y++) {
      for (const x of [0, 10, 20, info.width - 21, info.width - 11, info.width - 1]) expect(data[y * info.width + x], `x=${x} y=${y}`).toBeGreaterThan(127);
    }
    expect(Math.min(...cols)).toBeLessThanOrEqual(30);
  });

  it('renders a long guide sheet whole', async () => {
    const blocks = guideSheetLayout(sampleGuide(), { hall, printedAt: MONDAY_0900 });
    const png = await renderPreview(blocks, { widthDots: 576, rasterizer });
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(624);
    // every line of text and the QR code take room: a sheet of 60-odd lines is well over 2,000 dots long
    expect(meta.height).toBeGreaterThan(blocks.filter((b) => b.kind === 'text').length * 30);
    const { rows } = await ink(png);
    expect(rows.size).toBeGreaterThan(1000);
  });

  it('writes one PNG per job and is always online', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'hall-virtual-')), 'p');
    const printer = createVirtualPrinter({ id: 'printer-kiosk-1', outDir, widthDots: 576, rasterizer });
    const attempt = { onUnconfirmed: () => {}, signal: new AbortController().signal };
    expect(await printer.print({ id: 'job-1', blocks: ticket }, attempt)).toMatchObject({ ok: true, status: { paper: 'ok' } });
    const file = join(outDir, 'job-1.png');
    expect(existsSync(file)).toBe(true);
    expect((await sharp(readFileSync(file)).metadata()).width).toBe(624);
    expect(await printer.check()).toMatchObject({ reachable: true, status: { paper: 'ok', coverOpen: false }, error: null });
  });

  it('narrow paper (58 mm, 384 dots) gets a narrower picture', async () => {
    const blocks = ticketLayout({ hall, ticket: { ...ticketInput(), issuedAt: MONDAY_0900 }, noShow: noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }), paper: { columns: 32 } });
    const meta = await sharp(await renderPreview(blocks, { widthDots: 384, rasterizer })).metadata();
    expect(meta.width).toBe(432);
  });
});

function ticketInput() {
  return { id: 'b3c1f7de', number: 'B007', lineName: '税务业务', peopleAhead: 0, estimatedWaitMinutes: 0, servingWindows: ['4'] };
}
