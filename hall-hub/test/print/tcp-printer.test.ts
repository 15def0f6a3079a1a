import type { PrintBlock } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRasterizer } from '../../src/adapters/printer/raster.js';
import { createEscposTcpPrinter } from '../../src/adapters/printer/tcp-printer.js';
import { openDatabase, type Db } from '../../src/adapters/sqlite/database.js';
import { createSqlitePrintJobStore } from '../../src/adapters/sqlite/sqlite-print-job-store.js';
import { createPrintService, type PrintService } from '../../src/app/print-service.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { ticketLayout } from '../../src/domain/print/ticket-layout.js';
import type { Clock } from '../../src/ports/clock.js';
import { until } from '../support/clients.js';
import { fakeClock } from '../support/engine-fixture.js';
import { MINUTE, MONDAY_0900 } from '../support/hall-fixture.js';
import { readEscpos } from './escpos-reader.js';
import { fakePrinter, type FakePrinter } from './fake-printer.js';
import { sampleGuide } from './sample-guide.js';

const hall = { name: '测试政务服务中心', address: '沈阳市和平区测试路1号', phone: '024-12345678', timeZone: 'Asia/Shanghai' };
const rasterizer = createRasterizer();

function ticket(id = randomUUID(), number = 'A012'): PrintBlock[] {
  return ticketLayout({
    hall,
    ticket: { id, number, lineName: '综合业务', lineNameEn: 'General services', peopleAhead: 7, estimatedWaitMinutes: 19, servingWindows: ['1', '2', '3'], issuedAt: MONDAY_0900 },
  });
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function database(file = join(mkdtempSync(join(tmpdir(), 'hall-print-')), 'hall.db')): { db: Db; file: string } {
  const db = openDatabase(file);
  cleanup.push(() => void db.close());
  return { db, file };
}

/** The print queue of one counter printer at 127.0.0.1:port, retrying fast. */
function service(db: Db, port: number, clock: Clock = { now: () => Date.now() }): PrintService {
  const svc = createPrintService({
    store: createSqlitePrintJobStore(db),
    printers: [
      {
        name: '1号自助机打印机',
        jobTtlMs: 30 * MINUTE,
        printer: createEscposTcpPrinter({ id: 'counter', host: '127.0.0.1', port, widthDots: 576, rasterizer, statusTimeoutMs: 100, connectTimeoutMs: 1000, closeGraceMs: 500 }),
      },
    ],
    clock,
    logger: pino({ level: 'silent' }),
    newId: () => randomUUID(),
    retryInitialMs: 30,
    retryMaxMs: 150,
    checkIntervalMs: 60_000,
  });
  cleanup.push(() => svc.close());
  return svc;
}

async function printer(): Promise<FakePrinter> {
  const fp = await fakePrinter();
  cleanup.push(() => fp.stop());
  return fp;
}

const when = <T>(svc: PrintService, value: () => T | undefined, what: string) => until((check) => svc.onJobChange(check), value, 15_000, what);
const finished = (svc: PrintService, id: string) => when(svc, () => { const j = svc.job(id); return j && j.status !== 'queued' ? j : undefined; }, `job ${id} finished`);
const attempted = (svc: PrintService, id: string, n = 1) => when(svc, () => ((svc.job(id)?.attempts ?? 0) >= n ? svc.job(id)! : undefined), `${n} failed attempts`);
const enqueue = (svc: PrintService, blocks: PrintBlock[]) => svc.enqueue({ printerId: 'counter', kind: 'ticket', blocks, requestedBy: 'user:test' }).job;
/** connections that carried the job with this QR payload, whole or not */
const carrying = (fp: FakePrinter, id: string) => fp.jobs().filter((c) => c.bytes.includes(Buffer.from(id, 'latin1')));

describe('printing on a network thermal printer (a real TCP server on port 0)', () => {
  it('a ticket arrives as GBK text, a QR code of the ticket id (GS ( k) and raster strips (GS v 0), then a cut', async () => {
    const fp = await printer();
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(fp.jobs()).toHaveLength(1);
    const conn = fp.jobs()[0]!;
    expect(conn.ended).toBe(true);
    const read = readEscpos(conn.bytes);
    expect(read.unknown).toEqual([]);
    // DLE EOT paper query, ESC @, ESC R 15 (CHINA), FS & (Chinese mode)
    expect(read.commands.slice(0, 4)).toEqual(['100404', '1b40', '1b520f', '1c26']);
    // never a code page switch (ESC t), which is how ¥ garbles a Chinese line
    expect(read.commands.filter((c) => c.startsWith('1b74'))).toEqual([]);
    for (const s of ['您的排队号', '综合业务', '前面等候：7 人', '预计等候：约 19 分钟', '办理窗口：1-3号窗口', '取号时间：2026-11-23 09:00', '测试政务服务中心', 'Ticket A012 (General services)']) {
      expect(read.text).toContain(s);
    }
    expect(read.qr).toEqual([{ data: id, printed: true }]);
    expect(read.rasters.length).toBeGreaterThan(4);
    for (const r of read.rasters) {
      expect(r.widthBytes).toBe(72); // 576 dots
      expect(r.rows).toBeLessThanOrEqual(24);
    }
    expect(read.rasters.reduce((n, r) => n + r.inkBits, 0)).toBeGreaterThan(5000);
    expect(read.commands.at(-2)).toBe('1d5601'); // partial cut, then ESC @
  });

  it('a guide sheet arrives with its materials, both time limits and fees in 元 (no ¥, no code page switch)', async () => {
    const fp = await printer();
    const svc = service(database().db, fp.port);
    const job = svc.enqueue({ printerId: 'counter', kind: 'guide', blocks: guideSheetLayout(sampleGuide(), { hall, printedAt: MONDAY_0900 }), requestedBy: 'user:test' }).job;
    expect((await finished(svc, job.id)).status).toBe('done');
    const read = readEscpos(fp.jobs()[0]!.bytes);
    expect(read.unknown).toEqual([]);
    expect(read.commands.filter((c) => c.startsWith('1b74'))).toEqual([]);
    for (const s of ['□ 1. 药品经营许可证申请表', '□ 5. 授权委托书', '法定办结时限：30个工作日', '承诺办结时限：15个工作日', '10元/本', '窗口：1、2号窗口']) {
      expect(read.text).toContain(s);
    }
    expect(read.qr).toEqual([{ data: 'https://zwfw.example.gov.cn/guide/T1', printed: true }]);
    expect(read.rasters.length).toBeGreaterThan(0);
  });

  it('a ticket asked for while the printer is down waits, and is printed exactly once when it comes back', async () => {
    const fp = await printer();
    await fp.stop();
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    expect((await attempted(svc, job.id, 2)).status).toBe('queued');
    expect(svc.printers()[0]).toMatchObject({ id: 'counter', online: false, queued: 1, lastError: expect.stringContaining('cannot reach') });
    await fp.start();
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(carrying(fp, id)).toHaveLength(1);
    expect(svc.printers()[0]).toMatchObject({ online: true, queued: 0, lastError: null });
  });

  it('a job cut off mid-way by the printer is sent again whole', async () => {
    const fp = await printer();
    fp.resetNextJobAfter(2000);
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const done = await finished(svc, job.id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: expect.stringContaining('interrupted') });
    const sent = carrying(fp, id);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const last = fp.jobs().at(-1)!;
    expect(last.ended).toBe(true);
    expect(readEscpos(last.bytes).qr).toEqual([{ data: id, printed: true }]);
    expect(fp.jobs()[0]).toMatchObject({ ended: false, bytes: expect.objectContaining({ length: 2000 }) });
  });

  it('a job done is never sent again: not after the printer reconnects, not after the hub restarts; queued ones resume', async () => {
    const fp = await printer();
    const { db, file } = database();
    const first = service(db, fp.port);
    const a = randomUUID();
    expect((await finished(first, enqueue(first, ticket(a)).id)).status).toBe('done');
    await fp.stop();
    const b = randomUUID();
    const queued = enqueue(first, ticket(b, 'A013'));
    await attempted(first, queued.id);
    await first.close();

    await fp.start(); // the printer is back, and so is the hub (a new service over the same file)
    const second = service(database(file).db, fp.port);
    expect((await finished(second, queued.id)).status).toBe('done');
    await fp.stop();
    await fp.start();
    const c = randomUUID();
    expect((await finished(second, enqueue(second, ticket(c, 'A014')).id)).status).toBe('done');
    expect([a, b, c].map((id) => carrying(fp, id).length)).toEqual([1, 1, 1]);
  });

  it('paper out (the printer answers DLE EOT): the job waits, managers see paperOut, and it prints once paper is in', async () => {
    const fp = await printer();
    fp.paperStatus = 0x72; // 0x12 + paper end bits (0x60)
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    await attempted(svc, job.id);
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: true, queued: 1, lastError: 'paper out' });
    expect(carrying(fp, id)).toHaveLength(0);
    fp.paperStatus = 0x12;
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: false });
    expect(carrying(fp, id)).toHaveLength(1);
  });

  it('a printer that does not answer DLE EOT still prints; its paper state is unknown, not an error', async () => {
    const fp = await printer();
    fp.paperStatus = null;
    const svc = service(database().db, fp.port);
    const job = enqueue(svc, ticket());
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: null, lastError: null });
  });

  it('a ticket not printed within its time to live expires instead of printing long after the visitor left', async () => {
    const fp = await printer();
    await fp.stop();
    const clock = fakeClock();
    const svc = service(database().db, fp.port, clock);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    await attempted(svc, job.id);
    clock.advance(31 * MINUTE);
    await fp.start();
    expect(await finished(svc, job.id)).toMatchObject({ status: 'expired', lastError: expect.stringContaining('cannot reach') });
    expect(carrying(fp, id)).toHaveLength(0);
  });
});
