import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteOutbox } from '@hall/hub/adapters/sqlite/sqlite-outbox';
import { createHttpsTransport } from '@hall/hub/adapters/uplink/https-transport';
import { hmacHex, signatureHeader } from '@hall/hub/adapters/uplink/sign';
import { startUplinkRelay } from '@hall/hub/app/uplink-relay';
import { encodeBatch } from '@hall/hub/domain/uplink/batch';
import { repoRoot } from './lib/hub-process.js';
import { figure, median, type Figure } from './lib/report.js';

const EVENTS = 100_000;
const BATCH = 500;
const KEY = 'bench-shared-key-0123456789abcdef';

/** A queue event as the outbox holds it (about the size of a real one). */
function payload(i: number): string {
  const n = `A${String(i % 1000).padStart(3, '0')}`;
  return JSON.stringify({
    day: '2026-11-23',
    ticketNumber: n,
    lineId: 'general',
    channel: 'kiosk',
    priority: false,
    windowNo: String(1 + (i % 55)),
    staffNo: `S${i % 143}`,
    issuedAt: '2026-11-23T01:00:00.000Z',
    calledAt: '2026-11-23T01:10:00.000Z',
    finishedAt: null,
    at: '2026-11-23T01:10:00.000Z',
  });
}

/** The provincial platform simulator, built (province-sim/dist/main.js), in a process of its own. */
async function startSimulator(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(repoRoot, 'province-sim', 'dist', 'main.js')], {
    env: { ...process.env, PROVINCE_SIM_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^PROVINCE_SIM_LISTENING port=(\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('simulator exited before listening')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/**
 * The baseline: the same events in the same batches, bodies built and signed in memory beforehand, POSTed one
 * after another over a keep-alive connection — no outbox, no SQLite, no backoff logic.
 */
async function bareLoop(url: string, hallId: string): Promise<number> {
  const bodies: string[] = [];
  for (let first = 0; first < EVENTS; first += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, EVENTS - first) }, (_, k) => {
      const id = first + k + 1;
      return { id, key: `${hallId}:queue:${id}`, type: 'called', at: 1, payload: payload(id) };
    });
    bodies.push(encodeBatch(hallId, 'queue', new Date().toISOString(), rows));
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const key = Buffer.from(KEY);
  const target = new URL('/uplink/v1/queue', url);
  const t0 = performance.now();
  for (const body of bodies) {
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hall-signature': signatureHeader(key, body) } },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`baseline POST: HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const rate = EVENTS / ((performance.now() - t0) / 1000);
  agent.destroy();
  return rate;
}

/** The relay: a 100,000-event backlog in a real SQLite outbox (synchronous=FULL), drained to the simulator. */
async function relayDrain(url: string, hallId: string): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'hall-bench-relay-')), 'hall.db');
  const db = openDatabase(file);
  // As the hub wires it: the relay reads and acknowledges through its own connection (synchronous=NORMAL).
  const relayDb = openDatabase(file);
  relayDb.pragma('synchronous = NORMAL');
  const outbox = createSqliteOutbox(db, relayDb);
  outbox.transaction(() => {
    for (let i = 1; i <= EVENTS; i++) outbox.append({ stream: 'queue', key: `${hallId}:queue:${i}`, type: 'called', at: 1, data: JSON.parse(payload(i)) as Record<string, unknown> });
  });
  const key = Buffer.from(KEY);
  const t0 = performance.now();
  const relay = startUplinkRelay({
    outbox,
    transport: createHttpsTransport({ url, hallId, timeoutMs: 30_000 }),
    hallId,
    streams: ['queue'],
    sign: (body) => hmacHex(key, body),
    batchSize: BATCH,
    backoff: { baseMs: 100, maxMs: 1000 },
    clock: { now: () => Date.now() },
    logger: { info: () => {}, warn: () => {}, error: (obj: object, msg: string) => console.error(msg, obj) },
  });
  await relay.drained();
  const rate = EVENTS / ((performance.now() - t0) / 1000);
  const failures = relay.status()[0]!.failures;
  await relay.stop();
  relayDb.close();
  db.close();
  if (failures > 0) throw new Error('relay-drain: the relay saw failures');
  return rate;
}

export async function relayDrainBench(): Promise<Figure[]> {
  const sim = await startSimulator();
  try {
    // Interleaved: bare, relay, bare, relay — each run with its own hall id (the simulator deduplicates on keys).
    const bare: number[] = [];
    const relay: number[] = [];
    for (let round = 0; round < 2; round++) {
      bare.push(await bareLoop(sim.url, `bare-${round}`));
      relay.push(await relayDrain(sim.url, `relay-${round}`));
      console.log(`  round ${round + 1}: relay ${Math.round(relay[round]!)} events/s, bare POST loop ${Math.round(bare[round]!)} events/s`);
    }
    return [
      figure({
        id: 'relay-drain.rate',
        what: `a ${EVENTS.toLocaleString('en')}-event outbox backlog drained to the provincial simulator on loopback (batches of ${BATCH}, signed, SQLite outbox acked per batch)`,
        value: median(relay),
        unit: 'events/s',
        baseline: { what: 'bare batched HTTP POST loop: the same batches prebuilt in memory, signed, posted one after another', value: median(bare), unit: 'events/s' },
        target: { text: '>= 5000 events/s and ratio >= 0.5', check: ({ value, ratio }) => value >= 5000 && (ratio ?? 0) >= 0.5 },
      }),
    ];
  } finally {
    sim.stop();
  }
}
