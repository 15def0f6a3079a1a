/**
 * Disk context for latency benchmarks, run as a process of its own so its waits block nobody else: every
 * PROBE_INTERVAL_MS, one single-row INSERT committed with the hub's SQLite settings (WAL, synchronous=FULL) in
 * PROBE_DIR, timed. On SIGTERM prints `FSYNC_PROBE n=… p50=… p99=…` (ms) and exits. Started by fsync-probe.ts.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

const dir = process.env.PROBE_DIR;
if (!dir) throw new Error('PROBE_DIR is not set');
const interval = Number(process.env.PROBE_INTERVAL_MS ?? 200);
const db = new Database(join(dir, 'fsync-probe.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at REAL, data TEXT)');
const insert = db.prepare('INSERT INTO t (at, data) VALUES (?, ?)');
const payload = 'x'.repeat(300);
const times: number[] = [];
const timer = setInterval(() => {
  const t0 = performance.now();
  insert.run(t0, payload);
  times.push(performance.now() - t0);
}, interval);
console.log('FSYNC_PROBE_READY');
process.once('SIGTERM', () => {
  clearInterval(timer);
  db.close();
  const s = [...times].sort((a, b) => a - b);
  const p = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)]! : Number.NaN);
  console.log(`FSYNC_PROBE n=${s.length} p50=${p(50).toFixed(3)} p99=${p(99).toFixed(3)}`);
  process.exit(0);
});
