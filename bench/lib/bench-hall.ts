import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';

const ALL_DAY = [{ open: '00:00', close: '23:59' }];
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
/** the kiosk a benchmark issues its tickets as (tickets are issued to declared kiosks and signed-in staff) */
export const BENCH_KIOSK = 'kiosk-bench';
/** one kiosk issuing as fast as a benchmark can, from 127.0.0.1: far beyond any real kiosk's rate */
export const BENCH_LIMITS = { ticketsPerKioskPerMinute: 100_000_000, ticketsPerAddressPerMinute: 100_000_000 };

/** A hall open around the clock with 26 lines (A–Z), so a benchmark can issue 25,000 tickets in one day. */
export function writeBenchHall(): { dir: string; configFile: string; env: Record<string, string>; kiosk: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
  const configFile = join(dir, 'hall.json');
  const raw = {
    server: { dataDir: join(dir, 'data'), limits: BENCH_LIMITS },
    hall: { id: 'bench-hall', name: '基准测试大厅' },
    calendar: {
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      ticketingCutoffMinutes: 0,
    },
    zones: [{ id: 'z', name: '综合区' }],
    lines: LETTERS.map((l) => ({ id: `line-${l}`, prefix: l, name: `业务${l}` })),
    windows: LETTERS.map((l, i) => ({ no: String(i + 1), name: `窗口${i + 1}`, zone: 'z', lines: [{ line: `line-${l}` }] })),
    accounts: [{ username: 'boss', role: 'manager', passwordHash: 'scrypt$16384$8$1$AAAA$AAAA' }],
    devices: [{ id: BENCH_KIOSK, type: 'kiosk' }],
  };
  writeFileSync(configFile, JSON.stringify(raw));
  const secret = randomBytes(32);
  const token = createDeviceCredentials(secret, parseHallConfig(raw)).passwordFor(BENCH_KIOSK)!;
  return {
    dir,
    configFile,
    env: { HALL_CONFIG: configFile, HALL_SIM_START: '2026-11-23T09:00:00+08:00', HALL_SECRET_KEY: secret.toString('base64') },
    kiosk: { authorization: `Device ${BENCH_KIOSK}:${token}` },
  };
}
