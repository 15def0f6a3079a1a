import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQueueEngine } from '@hall/hub/app/queue-engine';
import { loadHallSecret } from '@hall/hub/adapters/crypto/hall-secret';
import { createTextSealer } from '@hall/hub/adapters/crypto/text-sealer';
import { openDatabase } from '@hall/hub/adapters/sqlite/database';
import { createSqliteEventStore, createSqliteTicketRecords } from '@hall/hub/adapters/sqlite/sqlite-event-store';
import { loadConfig } from '@hall/hub/config/load-config';
import { queueRulesFrom } from '@hall/hub/domain/queue/rules';
import { repoRoot, startBuiltHub } from './lib/hub-process.js';
import { figure, median, type Figure } from './lib/report.js';

const DEMO_HALL = join(repoRoot, 'hall-hub', 'demo', 'hall.json');
const DAYS = 30;
const PER_DAY = 3334;
const DAY_MS = 24 * 3600_000;
// Monday 2026-10-12, 09:00 China time: 30 working days end on Friday 2026-11-20.
const FIRST_DAY = Date.parse('2026-10-12T09:00:00+08:00');

/** Writes 30 working days of hall history (about 100,000 tickets issued, called and served) through the real engine. */
function writeHistory(dataDir: string): { tickets: number; events: number; nextMorning: number } {
  const { config } = loadConfig({}, DEMO_HALL);
  const db = openDatabase(join(dataDir, 'hall.db'));
  db.pragma('synchronous = OFF'); // only while generating: the benchmark measures reading it back
  let now = FIRST_DAY;
  let n = 0;
  const engine = createQueueEngine({
    // Sealed under the key the hub will find in this data folder.
    store: createSqliteEventStore(db, createTextSealer(loadHallSecret(dataDir, {}))),
    records: createSqliteTicketRecords(db),
    rules: queueRulesFrom(config),
    clock: { now: () => now },
    newId: () => `hist-${(n++).toString(36)}`,
  });
  const windowsOf = new Map<string, string[]>();
  for (const w of config.windows) {
    for (const l of w.lines) if (l.order === 1) windowsOf.set(l.line, [...(windowsOf.get(l.line) ?? []), w.no]);
  }
  const lines = [...windowsOf.keys()];
  let tickets = 0;
  let day = 0;
  for (let d = 0; day < DAYS; d++) {
    now = FIRST_DAY + d * DAY_MS;
    const weekday = new Date(now).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    day += 1;
    engine.ensureDay();
    for (const w of config.windows) {
      const staff = config.staff.find((s) => s.windows.includes(w.no));
      if (staff) engine.execute({ type: 'OpenWindow', windowNo: w.no, staffNo: staff.no });
    }
    for (let k = 0; k < PER_DAY; k++) {
      now += 7_000;
      const line = lines[k % lines.length]!;
      const r = engine.execute({ type: 'IssueTicket', lineId: line, channel: 'kiosk' });
      if (r.ok) tickets += 1;
      const windows = windowsOf.get(line)!;
      engine.execute({ type: 'CallNext', windowNo: windows[k % windows.length]! });
    }
  }
  const events = engine.lastSeq();
  db.close();
  return { tickets, events, nextMorning: FIRST_DAY + 42 * DAY_MS };
}

export async function coldStart(): Promise<Figure[]> {
  const empty = mkdtempSync(join(tmpdir(), 'hall-cold-empty-'));
  const sim = { HALL_CONFIG: DEMO_HALL, HALL_SIM_START: new Date(FIRST_DAY + 42 * DAY_MS).toISOString() };
  // First start imports the demo catalog; both data folders then hold it, one also 30 days of history.
  await (await startBuiltHub({ ...sim, HALL_DATA_DIR: empty })).stop();
  const full = mkdtempSync(join(tmpdir(), 'hall-cold-full-'));
  cpSync(empty, full, { recursive: true });
  const t0 = performance.now();
  const history = writeHistory(full);
  console.log(`  cold-start: wrote ${history.tickets} tickets, ${history.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const withHistory: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const [dir, out] of [[empty, without], [full, withHistory]] as const) {
      const hub = await startBuiltHub({ ...sim, HALL_DATA_DIR: dir });
      out.push(hub.startupMs);
      await hub.stop();
    }
  }
  return [
    figure({
      id: 'cold-start.ready',
      what: `process start → listening, demo hall with 30 days of history (${history.tickets} tickets, ${history.events} events), median of 3`,
      value: median(withHistory),
      unit: 'ms',
      baseline: { what: 'the same hub and catalog with no queue history', value: median(without), unit: 'ms' },
      target: { text: 'under 2,000 ms', check: ({ value }) => value < 2000 },
    }),
  ];
}
