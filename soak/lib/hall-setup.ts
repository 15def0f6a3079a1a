import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createDeviceCredentials, type DeviceCredentials } from '@hall/hub/adapters/crypto/device-credentials';
import { hashPassword } from '@hall/hub/adapters/crypto/passwords';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { parseHallConfig } from '@hall/hub/config/parse-hall-config';

export const SOAK_MANAGER = { username: 'soak-manager', password: 'soak-manager-password-2026' };
/** the phone the hub's red warnings (红灯预警) are sent to, through the province's SMS gateway */
export const MANAGER_PHONE = '13800138000';

export interface SoakHall {
  /** the configuration file the hub is started with (a copy of the base hall, rewired for the soak) */
  file: string;
  config: HallConfig;
  dataDir: string;
  secretBase64: string;
  uplinkKey: string;
  credentials: DeviceCredentials;
}

/** What the soak's scenes add to its copy of the hall (scenes.ts): staff skills, staff accounts. */
export interface HallAdditions {
  skills: Map<string, string[]>;
  accounts: Array<{ username: string; password: string; staffNo: string }>;
}

/**
 * The hall under test: the base configuration (the demo hall by default) with what a soak needs changed and
 * nothing else — its own data folder, every kiosk printer a network (ESC/POS over TCP) printer the soak plays,
 * the uplink pointed at a provincial platform simulator running as its own process, red warnings sent to a
 * manager's phone, and a manager account for the soak's checks; for the day's scenes, a few staff cross-trained
 * for one line (`skills`) and the B post's account. Lines, windows, staff posts, devices, policy and warning
 * thresholds are the base hall's.
 */
export function prepareHall(
  baseFile: string,
  runDir: string,
  printerPorts: (printerId: string) => number,
  provinceUrl: string,
  uplinkKey: string,
  additions?: (config: HallConfig) => HallAdditions,
): SoakHall {
  const raw = JSON.parse(readFileSync(baseFile, 'utf8')) as Record<string, unknown> & {
    server?: Record<string, unknown>;
    printers?: Array<Record<string, unknown>>;
    uplink?: Record<string, unknown>;
    accounts?: Array<Record<string, unknown>>;
  };
  const base = dirname(resolve(baseFile));
  const dataDir = join(runDir, 'data');
  const catalog = ((raw.server?.catalog as string[] | undefined) ?? []).map((p) => (isAbsolute(p) ? p : resolve(base, p)));
  const kioskPrinters = new Set(
    ((raw.devices as Array<{ type: string; printer?: string }> | undefined) ?? []).filter((d) => d.type === 'kiosk' && d.printer).map((d) => d.printer!),
  );
  const { simulator: _simulator, ...uplink } = raw.uplink ?? {};
  const notices = (uplink.notices as Record<string, unknown> | undefined) ?? {};
  const doc: Record<string, unknown> & { accounts: unknown[]; staff?: unknown } = {
    ...raw,
    // The day runs many times faster than the per-minute ticket rates are counted in (real minutes), and every
    // kiosk the soak plays shares 127.0.0.1: the rates are raised so the model's visitors, not the limit, decide.
    server: { ...raw.server, dataDir, catalog, host: '127.0.0.1', limits: { ticketsPerKioskPerMinute: 1_000_000, ticketsPerAddressPerMinute: 1_000_000, checkInsPerAddressPerMinute: 1_000_000 } },
    printers: (raw.printers ?? []).map((p) =>
      kioskPrinters.has(String(p.id)) ? { id: p.id, name: p.name, kind: 'escpos-tcp', host: '127.0.0.1', port: printerPorts(String(p.id)) } : p,
    ),
    uplink: {
      ...uplink,
      enabled: true,
      transport: 'https',
      url: provinceUrl,
      // The relay retries a platform that is away; at 20× a minute of backoff would be 20 minutes of the hall.
      backoff: { baseMs: 200, maxMs: 3000 },
      notices: { ...notices, enabled: true, managerPhones: [MANAGER_PHONE], warningCheckSeconds: 5 },
    },
    accounts: [...(raw.accounts ?? []), { username: SOAK_MANAGER.username, role: 'manager', passwordHash: hashPassword(SOAK_MANAGER.password) }],
  };
  let config = parseHallConfig(doc);
  const extra = additions?.(config);
  if (extra) {
    // Cross-trained staff (弹性窗口 proposals) and the B post's own sign-in (AB岗) for the day's scenes.
    doc.staff = config.staff.map((st) => (extra.skills.has(st.no) ? { ...st, skills: [...(st.skills ?? []), ...extra.skills.get(st.no)!] } : st));
    doc.accounts = [...doc.accounts, ...extra.accounts.map((a) => ({ username: a.username, role: 'staff', staffNo: a.staffNo, passwordHash: hashPassword(a.password) }))];
    config = parseHallConfig(doc);
  }
  const file = join(runDir, 'hall.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const secret = randomBytes(32);
  return {
    file,
    config,
    dataDir,
    secretBase64: secret.toString('base64'),
    uplinkKey,
    credentials: createDeviceCredentials(secret, config),
  };
}
