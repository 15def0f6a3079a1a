import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { buildEscpos } from '@hall/hub/adapters/printer/escpos';
import { createRasterizer } from '@hall/hub/adapters/printer/raster';
import { composeHub, type Hub } from '@hall/hub/compose-hub';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, percentile, type Figure } from './lib/report.js';

/** PRINT_DELIVERY_SAMPLES=50 for a quick check; the report wants at least 1,000. */
const SAMPLES = Number(process.env.PRINT_DELIVERY_SAMPLES ?? 1000);
const WARM_UP = Math.min(50, Math.ceil(SAMPLES / 10));
/** Monday 09:00 in Shanghai: the demo hall is open, whatever time the benchmark runs. */
const OPEN_MONDAY = Date.UTC(2026, 10, 23, 1, 0);

/** The demo hall with kiosk-1's printer on the fake network printer. */
async function hubPrintingTo(fp: FakePrinter): Promise<Hub> {
  const doc = JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'hall.json'), 'utf8')) as Record<string, unknown> & { hall: object; printers: Array<Record<string, unknown>> };
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-bench-print-'));
  const config = parseHallConfig({
    ...doc,
    server: { dataDir, httpPort: 0, host: '127.0.0.1', logLevel: 'silent', mqtt: { port: 0, host: '127.0.0.1' } },
    hall: { ...doc.hall, visitorUrl: 'https://q.hall.example.cn' },
    printers: doc.printers.map((p) => (p.id === 'printer-kiosk-1' ? { id: p.id, kind: 'escpos-tcp', host: '127.0.0.1', port: fp.port } : p)),
  });
  const start = Date.now();
  return composeHub({ config, dataDir, clock: { now: () => OPEN_MONDAY + (Date.now() - start) }, env: {} });
}

/** The floor: the same bytes written on a fresh connection to the same printer, done when it closes after reading them. */
function bareWrite(port: number, bytes: Buffer): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.end(bytes));
    s.on('data', () => {}); // the printer's answers to any DLE EOT inside the bytes
    s.once('error', reject);
    s.once('close', () => resolve(performance.now() - t0));
  });
}

/**
 * A kiosk asks for a ticket to be printed (HTTP, device credentials) → the hub queues it, asks the printer's status,
 * sends the ESC/POS bytes and the confirming question → the printer (a real TCP server behaving like an Epson)
 * answers → the job is done. Against: a bare TCP write of the same bytes to the same printer, interleaved.
 */
export async function printDelivery(): Promise<Figure[]> {
  const fp = await fakePrinter();
  const hub = await hubPrintingTo(fp);
  const base = await hub.app.listen({ host: '127.0.0.1', port: 0 });
  const pool = new Pool(base, { connections: 2 });
  const kiosk = `Device kiosk-1:${hub.credentials.passwordFor('kiosk-1')!}`;
  try {
    const lineId = [...hub.engine.rules.lines.keys()][0]!;
    const issued = await pool.request({ path: '/api/tickets', method: 'POST', headers: { 'content-type': 'application/json', authorization: kiosk }, body: JSON.stringify({ lineId }) });
    const ticket = (await issued.body.json()) as { id: string };
    if (issued.statusCode !== 201) throw new Error(`ticket refused: ${issued.statusCode} ${JSON.stringify(ticket)}`);

    const printOnce = async (): Promise<{ ms: number; jobId: string }> => {
      const t0 = performance.now();
      let jobId = '';
      const done = new Promise<void>((resolve, reject) => {
        const off = hub.print.onJobChange((j) => {
          if (j.id !== jobId) return;
          const failed = j.status === 'failed' || j.status === 'expired' || j.attempts > 0;
          if (j.status !== 'done' && !failed) return;
          off();
          if (failed) reject(new Error(`print job ${j.status}: ${j.lastError}`));
          else resolve();
        });
      });
      const r = await pool.request({ path: '/api/print/ticket', method: 'POST', headers: { 'content-type': 'application/json', authorization: kiosk }, body: JSON.stringify({ ticketId: ticket.id }) });
      jobId = ((await r.body.json()) as { jobId: string }).jobId;
      if (r.statusCode !== 202) throw new Error(`print refused: ${r.statusCode}`);
      if (hub.print.job(jobId)?.status !== 'done') await done;
      return { ms: performance.now() - t0, jobId };
    };

    // The very bytes the hub sends for this ticket (the job's blocks, built as its printer adapter builds them).
    const first = await printOnce();
    const bytes = await buildEscpos(hub.print.job(first.jobId)!.blocks, { widthDots: 576, columns: 48, rasterizer: createRasterizer() });

    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      const a = await printOnce();
      const b = await bareWrite(fp.port, bytes);
      if (i < WARM_UP) continue;
      ours.push(a.ms);
      bare.push(b);
    }
    const what = `a kiosk's ticket print request (HTTP) until the network printer confirmed every byte (status asked before, DLE EOT answered after), ${SAMPLES} tickets of ${bytes.length} bytes after ${WARM_UP} warm-up`;
    const baseWhat = 'a bare TCP write of the same bytes to the same fake printer, until it closed after reading them; interleaved';
    return [
      figure({ id: 'print-delivery.p50', what, value: median(ours), unit: 'ms', baseline: { what: baseWhat, value: median(bare), unit: 'ms' } }),
      figure({ id: 'print-delivery.p99', what, value: percentile(ours, 99), unit: 'ms', baseline: { what: baseWhat, value: percentile(bare, 99), unit: 'ms' } }),
    ];
  } finally {
    await pool.close();
    await hub.close();
    await fp.stop();
  }
}
