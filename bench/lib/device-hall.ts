import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeviceCredentials, type DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { hashPassword } from '@hall/hub/adapters/crypto/passwords';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import { BENCH_KIOSK, BENCH_LIMITS, LETTERS } from './bench-hall.js';

const ALL_DAY = [{ open: '00:00', close: '23:59' }];
export const DEVICE_HALL_ID = 'bench-hall';

export interface DeviceHall {
  dir: string;
  configFile: string;
  /** environment for the hub process: config, simulated opening hours, and the hall secret */
  env: Record<string, string>;
  config: HallConfig;
  /** the same HMAC-derived passwords the hub computes from HALL_SECRET_KEY */
  credentials: DeviceCredentials;
  /** window numbers "1" … "N" */
  windows: string[];
  lineOfWindow: Map<string, string>;
  lines: string[];
  keypadOf: (windowNo: string) => string;
  evaluatorOf: (windowNo: string) => string;
  /** hall-wall device ids */
  displays: string[];
  /** the Authorization header of the hall's kiosk: tickets are issued to declared kiosks and signed-in staff */
  kiosk: Record<string, string>;
}

/**
 * A hall open around the clock with `windows` windows, each with a keypad, an evaluator and a staff member of
 * its own (connected directly to MQTT, each with its own credentials), `lines` lines shared round-robin by the
 * windows (a line's serial caps at 999 a day), and `displays` hall walls on socket.io. Everything is declared
 * in `devices`, as a hall would be provisioned.
 */
export function writeDeviceHall(opts: { windows: number; lines: number; displays: number; managerPassword?: string }): DeviceHall {
  if (opts.lines > LETTERS.length) throw new Error(`at most ${LETTERS.length} lines`);
  const dir = mkdtempSync(join(tmpdir(), 'hall-bench-dev-'));
  const configFile = join(dir, 'hall.json');
  const lines = LETTERS.slice(0, opts.lines).map((l) => `line-${l}`);
  const windows = Array.from({ length: opts.windows }, (_, i) => String(i + 1));
  const lineOfWindow = new Map(windows.map((w, i) => [w, lines[i % lines.length]!]));
  const keypadOf = (w: string) => `keypad-${w}`;
  const evaluatorOf = (w: string) => `evaluator-${w}`;
  const displays = Array.from({ length: opts.displays }, (_, i) => `wall-${i + 1}`);
  const raw = {
    // One kiosk issues every ticket of the run, as fast as the benchmark can: no real kiosk's rate.
    server: { dataDir: join(dir, 'data'), limits: BENCH_LIMITS },
    hall: { id: DEVICE_HALL_ID, name: '基准测试大厅' },
    calendar: {
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      ticketingCutoffMinutes: 0,
    },
    zones: [{ id: 'z', name: '综合区' }],
    lines: lines.map((id, i) => ({ id, prefix: LETTERS[i]!, name: `业务${LETTERS[i]!}` })),
    windows: windows.map((no) => ({ no, name: `窗口${no}`, zone: 'z', lines: [{ line: lineOfWindow.get(no)! }] })),
    staff: windows.map((no) => ({ no: `S${no}`, name: `员工${no}`, windows: [no] })),
    // A manager the benchmark can log in as when it is given a password (to set the displays up); else none can.
    accounts: [{ username: 'boss', role: 'manager', passwordHash: opts.managerPassword ? hashPassword(opts.managerPassword) : 'scrypt$16384$8$1$AAAA$AAAA' }],
    devices: [
      ...windows.flatMap((no) => [
        { id: keypadOf(no), type: 'keypad', window: no },
        { id: evaluatorOf(no), type: 'evaluator', window: no },
      ]),
      ...displays.map((id) => ({ id, type: 'hall-wall' })),
      { id: BENCH_KIOSK, type: 'kiosk' },
    ],
  };
  writeFileSync(configFile, JSON.stringify(raw));
  const config = parseHallConfig(raw);
  const secret = randomBytes(32);
  const credentials = createDeviceCredentials(secret, config);
  return {
    dir,
    configFile,
    env: { HALL_CONFIG: configFile, HALL_SIM_START: '2026-11-23T09:00:00+08:00', HALL_SECRET_KEY: secret.toString('base64') },
    config,
    credentials,
    kiosk: { authorization: `Device ${BENCH_KIOSK}:${credentials.passwordFor(BENCH_KIOSK)!}` },
    windows,
    lineOfWindow,
    lines,
    keypadOf,
    evaluatorOf,
    displays,
  };
}
