import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { writeBenchHall, LETTERS } from './lib/bench-hall.js';
import { startBuiltHub } from './lib/hub-process.js';
import { figure, median, percentile, type Figure } from './lib/report.js';

const ROUNDS = 3;
const PER_ROUND = 1500;
const CLIENTS = 8;

/** The floor: one better-sqlite3 insert per FULL-sync transaction on the same disk, no logic, no HTTP. */
function rawInsertRate(n: number): number {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'hall-bench-raw-')), 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT, number TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO t (day, number, data) VALUES (?, ?, ?)');
  const tx = db.transaction((i: number) => insert.run('2026-11-23', `A${i}`, JSON.stringify({ i, line: 'A', status: 'waiting' })));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) tx(i);
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

let seq = 0;
/** the bench hall's kiosk credential, set once the hall is written */
let kioskAuth: Record<string, string> = {};
async function issueOne(pool: Pool): Promise<number> {
  const n = seq++;
  const t0 = performance.now();
  const r = await pool.request({
    path: '/api/tickets',
    method: 'POST',
    headers: { 'content-type': 'application/json', ...kioskAuth },
    body: JSON.stringify({ lineId: `line-${LETTERS[n % LETTERS.length]}`, requestId: `bench-${n.toString().padStart(8, '0')}` }),
  });
  await r.body.text();
  if (r.statusCode !== 201) throw new Error(`ticket refused: ${r.statusCode}`);
  return performance.now() - t0;
}

async function closedLoopRate(pool: Pool, n: number): Promise<number> {
  let left = n;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await issueOne(pool);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

async function healthOne(pool: Pool): Promise<number> {
  const t0 = performance.now();
  const r = await pool.request({ path: '/api/health', method: 'GET' });
  await r.body.text();
  return performance.now() - t0;
}

/**
 * Requests at a fixed rate, whatever the answers' speed (open loop), so slow answers show in the tail.
 * Each ticket request is paired with a request to a route with no logic and no disk (the baseline), sent
 * half an interval later, so both see the same machine at the same moments.
 */
async function latencyAtRate(pool: Pool, perSecond: number, seconds: number): Promise<{ tickets: number[]; bare: number[] }> {
  const total = perSecond * seconds;
  const interval = 1000 / perSecond;
  const tickets: Array<Promise<number>> = [];
  const bare: Array<Promise<number>> = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    for (const [offset, list, send] of [[0, tickets, issueOne], [interval / 2, bare, healthOne]] as const) {
      const wait = t0 + i * interval + offset - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      list.push(send(pool));
    }
  }
  return { tickets: await Promise.all(tickets), bare: await Promise.all(bare) };
}

export async function ticketIssue(): Promise<Figure[]> {
  const hall = writeBenchHall();
  kioskAuth = hall.kiosk;
  const hub = await startBuiltHub(hall.env);
  const pool = new Pool(hub.base, { connections: CLIENTS, pipelining: 1 });
  try {
    await closedLoopRate(pool, 300); // warm-up
    const raw: number[] = [];
    const http: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      raw.push(rawInsertRate(PER_ROUND));
      http.push(await closedLoopRate(pool, PER_ROUND));
    }
    await latencyAtRate(pool, 200, 1); // warm-up for the open-loop run
    const { tickets: lat, bare } = await latencyAtRate(pool, 200, 10);
    const bareWhat = 'GET /api/health on the same hub at the same moments (HTTP only: no logic, no disk)';
    const baseline = { what: 'raw better-sqlite3 insert, one FULL-sync transaction each, same disk', value: median(raw), unit: 'inserts/s' };
    return [
      figure({
        id: 'ticket-issue.rate',
        what: `durable tickets issued over HTTP, ${CLIENTS} concurrent clients (median of ${ROUNDS} rounds of ${PER_ROUND})`,
        value: median(http),
        unit: 'tickets/s',
        baseline,
        target: { text: 'ratio >= 0.5', check: ({ ratio }) => (ratio ?? 0) >= 0.5 },
      }),
      figure({
        id: 'ticket-issue.p50',
        what: 'ticket issue latency at 200 requests/s, open loop, 2,000 samples after warm-up',
        value: percentile(lat, 50),
        unit: 'ms',
        baseline: { what: bareWhat, value: percentile(bare, 50), unit: 'ms' },
      }),
      figure({
        id: 'ticket-issue.p99',
        what: 'ticket issue latency at 200 requests/s, open loop, 2,000 samples after warm-up',
        value: percentile(lat, 99),
        unit: 'ms',
        baseline: { what: bareWhat, value: percentile(bare, 99), unit: 'ms' },
        target: { text: 'p99 < 10 ms', check: ({ value }) => value < 10 },
      }),
    ];
  } finally {
    await pool.close();
    await hub.stop();
  }
}
