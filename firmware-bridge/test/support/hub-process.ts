import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeviceCredentials, type DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';

const ALL_DAY = [{ open: '00:00', close: '23:59' }];
export const STALL_HALL = 'stall-hall';

export interface HubWithDevices {
  hub: HubProcess;
  mqttUrl: string;
  credentials: DeviceCredentials;
  /** POST /api/tickets on line `general`: the new ticket's id and number */
  issue(): Promise<{ id: string; number: string }>;
  ticketStatus(id: string): Promise<string>;
}

/**
 * The real hub in its own process (so that it can be frozen with SIGSTOP while the bridge runs on), open around
 * the clock on a simulated clock — two weeks from the real one, as a hub's clock may be from a bridge's — with
 * one window and its keypad behind bridge-1.
 */
export async function hubProcessWithKeypad(env: Record<string, string> = {}): Promise<HubWithDevices> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-stall-'));
  const raw = {
    // tickets come from the hall's kiosk, as they must; a test presses faster than a visitor could
    server: { dataDir: join(dir, 'data'), limits: { ticketsPerKioskPerMinute: 1000, ticketsPerAddressPerMinute: 1000 } },
    hall: { id: STALL_HALL, name: '冻结测试大厅' },
    calendar: { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, ticketingCutoffMinutes: 0 },
    zones: [{ id: 'z', name: '综合区' }],
    lines: [{ id: 'general', prefix: 'A', name: '综合业务' }],
    windows: [{ no: '1', name: '窗口1', zone: 'z', lines: [{ line: 'general' }] }],
    staff: [{ no: 'S1', name: '张伟', windows: ['1'] }],
    accounts: [{ username: 'boss', role: 'manager', passwordHash: 'scrypt$16384$8$1$AAAA$AAAA' }],
    bridges: [{ id: 'bridge-1', name: '网关' }],
    devices: [
      { id: 'keypad-1', type: 'keypad', window: '1', bridge: 'bridge-1' },
      { id: 'kiosk-1', type: 'kiosk' },
    ],
  };
  const file = join(dir, 'hall.json');
  writeFileSync(file, JSON.stringify(raw));
  const secret = randomBytes(32);
  const hub = await spawnHub({ HALL_CONFIG: file, HALL_SIM_START: '2026-11-23T09:00:00+08:00', HALL_SECRET_KEY: secret.toString('base64'), ...env });
  const mqtt = hub.output.map((l) => /^HALL_HUB_LISTENING port=\d+ mqtt=(\d+)/.exec(l)?.[1]).find(Boolean);
  const credentials = createDeviceCredentials(secret, parseHallConfig(raw));
  const kiosk = `Device kiosk-1:${credentials.passwordFor('kiosk-1')}`;
  return {
    hub,
    mqttUrl: `mqtt://127.0.0.1:${mqtt}`,
    credentials,
    async issue() {
      const r = await fetch(`${hub.base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: kiosk }, body: JSON.stringify({ lineId: 'general' }) });
      if (r.status !== 201) throw new Error(`ticket refused: ${r.status} ${await r.text()}`);
      return (await r.json()) as { id: string; number: string };
    },
    async ticketStatus(id) {
      const r = await fetch(`${hub.base}/api/tickets/${id}`);
      return ((await r.json()) as { status: string }).status;
    },
  };
}
