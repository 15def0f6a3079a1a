import { noShowMessage } from '@hall/shared';
import type { PrintBlock } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRasterizer } from '../../src/adapters/printer/raster.js';
import { createEscposTcpPrinter, type TcpLinkOptions } from '../../src/adapters/printer/tcp-printer.js';
import { openDatabase, type Db } from '../../src/adapters/sqlite/database.js';
import { createSqlitePrintJobStore } from '../../src/adapters/sqlite/sqlite-print-job-store.js';
import { createPrintService, type PrintService } from '../../src/app/print-service.js';
import { guideSheetLayout } from '../../src/domain/print/guide-sheet-layout.js';
import { ticketLayout } from '../../src/domain/print/ticket-layout.js';
import type { Clock } from '../../src/ports/clock.js';
import { until } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { MINUTE, MONDAY_0900 } from '@hall/testkit/hall-fixture';
import { readEscpos } from '@hall/testkit/escpos-reader';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { sampleGuide } from './sample-guide.js';

const hall = { name: '测试政务服务中心', address: '沈阳市和平区测试路1号', phone: '024-12345678', timeZone: 'Asia/Shanghai' };
const rasterizer = createRasterizer();

function ticket(id = randomUUID(), number = 'A012'): PrintBlock[] {
  return ticketLayout({
    hall,
    ticket: { id, number, lineName: '综合业务', lineNameEn: 'General services', peopleAhead: 7, estimatedWaitMinutes: 19, servingWindows: ['1', '2', '3'], issuedAt: MONDAY_0900 },
    noShow: noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }),
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

/** The print queue of one counter printer at 127.0.0.1:port, retrying fast, flagging a job unconfirmed after 300 ms. */
function service(db: Db, port: number, clock: Clock = { now: () => Date.now() }, checkIntervalMs = 60_000, link: Partial<TcpLinkOptions> = {}): PrintService {
  const svc = createPrintService({
    store: createSqlitePrintJobStore(db),
    printers: [
      {
        name: '1号自助机打印机',
        jobTtlMs: 30 * MINUTE,
        printer: createEscposTcpPrinter({ id: 'counter', host: '127.0.0.1', port, widthDots: 576, rasterizer, statusTimeoutMs: 100, confirmTimeoutMs: 300, connectTimeoutMs: 1000, closeGraceMs: 500, ...link }),
      },
    ],
    clock,
    logger: pino({ level: 'silent' }),
    newId: () => randomUUID(),
    retryInitialMs: 30,
    retryMaxMs: 150,
    checkIntervalMs,
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
const finished = (svc: PrintService, id: string) => when(svc, () => { const j = svc.job(id); return j && j.status !== 'queued' && j.status !== 'sending' ? j : undefined; }, `job ${id} finished`);
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
    // DLE EOT 1, 2, 4 (status, offline cause, paper), ESC @, ESC R 15 (CHINA), FS & (Chinese mode)
    expect(read.commands.slice(0, 6)).toEqual(['100401', '100402', '100404', '1b40', '1b520f', '1c26']);
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
    expect(read.commands.slice(-3)).toEqual(['1d5601', '1b40', '100401']); // partial cut, ESC @, then the confirming query
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

  it('a ticket cut off mid-way by the printer is sent again whole, marked 补打 so staff can tell', async () => {
    const fp = await printer();
    fp.resetNextJobAfter(2000);
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const done = await finished(svc, job.id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, interrupted: true, lastError: expect.stringContaining('interrupted') });
    expect(fp.jobs()).toHaveLength(2);
    expect(fp.jobs()[0]).toMatchObject({ ended: false, reset: true, bytes: expect.objectContaining({ length: 2000 }) });
    expect(fp.complete()).toHaveLength(1);
    const again = readEscpos(fp.complete()[0]!.bytes);
    expect(again.qr).toEqual([{ data: id, printed: true }]);
    expect(again.text).toContain('【补打】 REPRINT');
  });

  it('a notice sheet cut off mid-way is not forced on anyone: it fails, to be offered again', async () => {
    const fp = await printer();
    fp.resetNextJobAfter(2000);
    const svc = service(database().db, fp.port);
    const job = svc.enqueue({ printerId: 'counter', kind: 'guide', blocks: guideSheetLayout(sampleGuide(), { hall, printedAt: MONDAY_0900 }), requestedBy: 'user:test' }).job;
    expect(await finished(svc, job.id)).toMatchObject({ status: 'failed', interrupted: true, lastError: expect.stringContaining('可重新打印') });
    expect(fp.jobs()).toHaveLength(1);
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
    fp.state.paperEnd = true; // DLE EOT 4 answers 0x72: 0x12 + the paper end bits (0x60)
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    await attempted(svc, job.id);
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: true, queued: 1, lastError: expect.stringContaining('paper out') });
    expect(carrying(fp, id)).toHaveLength(0);
    fp.state.paperEnd = false;
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: false });
    expect(carrying(fp, id)).toHaveLength(1);
  });

  it('a jam the printer reports (DLE EOT 2, error bit): no job bytes, managers see the jam; cleared, the ticket prints once; paper near end prints and is shown', async () => {
    const fp = await printer();
    fp.state.error = true;
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    expect(await attempted(svc, job.id)).toMatchObject({ status: 'queued', lastError: expect.stringContaining('jam') });
    expect(svc.printers()[0]).toMatchObject({ online: true, paperOut: false, coverOpen: false, problem: expect.stringContaining('卡纸') });
    expect(fp.jobs()).toHaveLength(0);
    fp.state.error = false;
    fp.state.paperNearEnd = true;
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(carrying(fp, id)).toHaveLength(1);
    expect(svc.printers()[0]).toMatchObject({ paperNearEnd: true, paperOut: false, problem: null });
  });

  it('a printer that does not answer DLE EOT still prints (done when it closes after our FIN); its paper state is unknown, not an error', async () => {
    const fp = await printer();
    fp.answersStatus = false;
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

/**
 * Every status a job went through, with how many whole tickets the printer had read at that moment: `done` must
 * never come before the printer has the whole job.
 */
function history(svc: PrintService, fp: FakePrinter, jobId: string): Array<{ status: string; wholeOnPaper: number; lastError: string | null }> {
  const seen: Array<{ status: string; wholeOnPaper: number; lastError: string | null }> = [];
  cleanup.push(svc.onJobChange((j) => {
    if (j.id === jobId) seen.push({ status: j.status, wholeOnPaper: fp.complete().length, lastError: j.lastError });
  }));
  return seen;
}

const checked = (svc: PrintService) => expect.poll(() => svc.printers()[0]?.checkedAt, { timeout: 10_000 }).not.toBeNull();

/** The job flagged as not confirmed while still sending — a job that finished first (done before the printer had it all) fails here. */
async function unconfirmed(svc: PrintService, id: string) {
  const settled = (s: string) => s !== 'queued' && s !== 'sending';
  const j = await when(svc, () => { const j = svc.job(id); return j && (j.lastError?.includes('未确认') || settled(j.status)) ? j : undefined; }, 'the job flagged as not confirmed');
  expect(j, 'flagged, still sending').toMatchObject({ status: 'sending', lastError: expect.stringContaining('未确认') });
  return j;
}

describe('the five faults of a real printer: one whole ticket, or the failure shown; never done before the printer confirmed', () => {
  it('stall mid-job: the job stays sending, the printer is flagged not responding, and it is done once the printer read it all', async () => {
    const fp = await printer();
    fp.stallNextJobAfter(3000);
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const seen = history(svc, fp, job.id);
    await fp.stalled();
    expect(await unconfirmed(svc, job.id)).toMatchObject({ status: 'sending', attempts: 0 });
    expect(svc.printers()[0]).toMatchObject({ online: true, responding: false, problem: expect.stringContaining('未确认'), problemSince: expect.any(String), queued: 1 });
    expect(fp.complete()).toHaveLength(0);
    fp.resume();
    expect(await finished(svc, job.id)).toMatchObject({ status: 'done', attempts: 0, interrupted: false });
    expect(fp.complete()).toHaveLength(1);
    expect(fp.jobs()).toHaveLength(1);
    expect(seen.filter((s) => s.status === 'done')).toEqual([{ status: 'done', wholeOnPaper: 1, lastError: expect.anything() }]);
    expect(svc.printers()[0]).toMatchObject({ responding: true, problem: null, problemSince: null });
  });

  // The stalls, on one scale for every wait: the hub flags a job after 300 ms here where a hall waits 10 s
  // (× 0.03), so a 10 s stall is 300 ms, a 75 s one 2.25 s, and the 3 s a sender may linger after its last byte is
  // 90 ms. TCP keep-alive probes every second meanwhile (the kernel's least): a stalled printer's kernel answers
  // them, and the wait goes on. The printer reads on by itself, as a cleared jam.
  it.each([
    ['10 s', 10_000],
    ['75 s', 75_000],
  ])('stall mid-job for %s: never done before the printer read it all, one connection, one whole ticket', async (_, hallMs) => {
    const fp = await printer();
    const scale = 300 / 10_000;
    const stallMs = hallMs * scale;
    fp.stallNextJobAfter(3000, stallMs);
    const svc = service(database().db, fp.port, undefined, undefined, { keepAliveMs: 1000, closeGraceMs: 3000 * scale });
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const seen = history(svc, fp, job.id);
    await fp.stalled();
    const stalledAt = Date.now();
    const done = await finished(svc, job.id);
    expect(seen.filter((s) => s.status === 'done')).toEqual([expect.objectContaining({ wholeOnPaper: 1 })]);
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(stallMs - 50);
    expect(done).toMatchObject({ status: 'done', attempts: 0, interrupted: false });
    expect(fp.jobs()).toHaveLength(1);
    expect(fp.jobs()[0]).toMatchObject({ reset: false, ended: true });
    expect(fp.complete()).toHaveLength(1);
    expect(readEscpos(fp.complete()[0]!.bytes).qr).toEqual([{ data: id, printed: true }]);
    // Past the hub's patience the job was flagged (the kiosk says it did not print, the console warns) and kept.
    if (hallMs > 10_000) expect(seen).toContainEqual({ status: 'sending', wholeOnPaper: 0, lastError: expect.stringContaining('未确认') });
  });

  it('jam before the job (no status answer for a while): the job goes out, is never cut off, and is done when the printer read it all', async () => {
    const fp = await printer();
    const svc = service(database().db, fp.port);
    await checked(svc); // the jam is for the job's connection, not the first check's
    fp.jamNextConnectionFor(1500); // the 10 s, scaled: the hub waits 100 ms for status, 300 ms to flag
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const seen = history(svc, fp, job.id);
    await unconfirmed(svc, job.id);
    expect(await finished(svc, job.id)).toMatchObject({ status: 'done', attempts: 0 });
    expect(fp.jobs()).toHaveLength(1);
    expect(fp.complete()).toHaveLength(1);
    expect(readEscpos(fp.complete()[0]!.bytes).qr).toEqual([{ data: id, printed: true }]);
    expect(seen.find((s) => s.status === 'done')).toMatchObject({ wholeOnPaper: 1 });
  });

  it('stall, then the printer switched off and on (how staff clear a jam): the ticket is printed again, once, marked 补打', async () => {
    const fp = await printer();
    fp.stallNextJobAfter(3000);
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const seen = history(svc, fp, job.id);
    await unconfirmed(svc, job.id);
    await fp.powerOff();
    expect(await attempted(svc, job.id, 2)).toMatchObject({ status: 'queued', interrupted: true });
    expect(svc.printers()[0]).toMatchObject({ online: false, problem: expect.stringContaining('cannot reach') });
    await fp.powerOn();
    expect(await finished(svc, job.id)).toMatchObject({ status: 'done', interrupted: true });
    expect(fp.jobs()[0]).toMatchObject({ reset: true });
    expect(fp.complete()).toHaveLength(1);
    const printed = readEscpos(fp.complete()[0]!.bytes);
    expect(printed.text).toContain('【补打】');
    expect(printed.qr).toEqual([{ data: id, printed: true }]);
    expect(seen.filter((s) => s.status === 'done')).toEqual([expect.objectContaining({ wholeOnPaper: 1 })]);
  });

  it('cover open (offline, though DLE EOT 4 says the paper is fine): no job bytes go out, staff see it, and it prints once the cover closes', async () => {
    const fp = await printer();
    fp.state.coverOpen = true;
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    expect(await attempted(svc, job.id)).toMatchObject({ status: 'queued', lastError: expect.stringContaining('cover open') });
    expect(svc.printers()[0]).toMatchObject({ online: true, coverOpen: true, paperOut: false, problem: expect.stringContaining('cover open') });
    expect(fp.jobs()).toHaveLength(0);
    fp.state.coverOpen = false;
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(fp.complete()).toHaveLength(1);
    expect(svc.printers()[0]).toMatchObject({ coverOpen: false, problem: null });
  });

  it('printer down, then back: one copy, not marked 补打 (nothing of it was printed)', async () => {
    const fp = await printer();
    await fp.powerOff();
    const svc = service(database().db, fp.port);
    const id = randomUUID();
    const job = enqueue(svc, ticket(id));
    const seen = history(svc, fp, job.id);
    expect(await attempted(svc, job.id, 2)).toMatchObject({ status: 'queued', interrupted: false });
    await fp.powerOn();
    expect((await finished(svc, job.id)).status).toBe('done');
    expect(fp.complete()).toHaveLength(1);
    expect(readEscpos(fp.complete()[0]!.bytes).text).not.toContain('补打');
    expect(seen.find((s) => s.status === 'done')).toMatchObject({ wholeOnPaper: 1 });
  });

  it('a hub stopped while a ticket was unconfirmed leaves it sending; the next start prints it once more, marked 补打', async () => {
    const fp = await printer();
    fp.stallNextJobAfter(3000);
    const { db, file } = database();
    const first = service(db, fp.port);
    const id = randomUUID();
    const job = enqueue(first, ticket(id));
    await unconfirmed(first, job.id);
    await first.close();
    expect(first.job(job.id)).toMatchObject({ status: 'sending' });
    await fp.powerOff(); // staff switch the jammed printer off and on while the hub restarts
    await fp.powerOn();
    const second = service(database(file).db, fp.port);
    expect(await finished(second, job.id)).toMatchObject({ status: 'done', interrupted: true });
    expect(fp.complete()).toHaveLength(1);
    expect(readEscpos(fp.complete()[0]!.bytes).text).toContain('【补打】');
  });

  it('a printer that answered status queries and then goes silent is flagged not responding', async () => {
    const fp = await printer();
    const svc = service(database().db, fp.port, { now: () => Date.now() }, 50);
    await expect.poll(() => svc.printers()[0]?.responding, { timeout: 10_000 }).toBe(true);
    fp.answersStatus = false;
    await expect.poll(() => svc.printers()[0], { timeout: 10_000 }).toMatchObject({ online: true, responding: false, problem: expect.stringContaining('无应答') });
  });
});
