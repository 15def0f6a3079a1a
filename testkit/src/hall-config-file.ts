import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeviceCredentials, type DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { hashPassword } from '@hall/hub/adapters/crypto/passwords';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';

const ALL_DAY = [{ open: '00:00', close: '23:59' }];

/** Monday 09:00 in the hall: a hub started with HALL_SIM_START at it never lands outside opening hours. */
export const SIM_MONDAY_9AM = '2026-11-23T09:00:00+08:00';

/** A small hall for a hub process: one line (general, prefix A), open all day every day, windows in one zone. */
export interface SmallHall {
  id: string;
  name: string;
  /** window numbers; each serves the one line */
  windows: string[];
  /** who works where; without it, one staff member S1 (张伟) posted to every window */
  staff?: Array<{ no: string; name: string; windows: string[] }>;
  /** server.limits (tickets per kiosk, account, address …) */
  limits?: Record<string, number>;
  /** a manager account */
  manager?: { username: string; password: string };
  devices?: Array<Record<string, unknown>>;
  printers?: Array<Record<string, unknown>>;
  uplink?: Record<string, unknown>;
}

/** Writes `hall.json` in dir (data in dir/data) and returns its path, for HALL_CONFIG. */
export function writeHallConfig(dir: string, hall: SmallHall): string {
  const file = join(dir, 'hall.json');
  const config = {
    server: { dataDir: join(dir, 'data'), ...(hall.limits ? { limits: hall.limits } : {}) },
    hall: { id: hall.id, name: hall.name },
    calendar: {
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      ticketingCutoffMinutes: 0,
    },
    zones: [{ id: 'z', name: '综合区' }],
    lines: [{ id: 'general', prefix: 'A', name: '综合业务' }],
    windows: hall.windows.map((no) => ({ no, name: `窗口${no}`, zone: 'z', lines: [{ line: 'general' }] })),
    staff: hall.staff ?? [{ no: 'S1', name: '张伟', windows: hall.windows }],
    ...(hall.manager ? { accounts: [{ username: hall.manager.username, role: 'manager', passwordHash: hashPassword(hall.manager.password) }] } : {}),
    ...(hall.devices ? { devices: hall.devices } : {}),
    ...(hall.printers ? { printers: hall.printers } : {}),
    ...(hall.uplink ? { uplink: hall.uplink } : {}),
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The device credentials a hub with this hall secret gives the devices of this config file (it prints them only on a terminal). */
export function deviceCredentialsOf(secret: Buffer, configFile: string): DeviceCredentials {
  return createDeviceCredentials(secret, parseHallConfig(JSON.parse(readFileSync(configFile, 'utf8'))));
}
