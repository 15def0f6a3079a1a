import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { composeHub, type Hub } from '@hall/hub/compose-hub';
import type { HallConfig } from '@hall/hub/config/hall-config-schema';
import { fakeClock, type FakeClock } from './engine-fixture.js';
import { smallHall } from './hall-fixture.js';
import { until } from './clients.js';
import { repoRoot } from './repo-paths.js';

/** The built console, served as main.ts serves it (pass in `staticApps`; `npm test` builds it first). */
export const CONSOLE_APP = { prefix: '/console/', dir: join(repoRoot, 'console', 'dist') };
/** The visitor's phone page, served as main.ts serves it. */
export const MOBILE_APP = { prefix: '/m/', dir: join(repoRoot, 'kiosk', 'dist-mobile') };

export interface TestHub extends Hub {
  clock: FakeClock;
  dataDir: string;
  /** http://127.0.0.1:port once `listen` was asked for */
  base: string;
  /** a bearer header for an account created for the test */
  as(username: string): { authorization: string };
  /** the header a declared kiosk sends (tickets are issued to kiosks, staff and appointment check-ins only) */
  kiosk(deviceId?: string): { authorization: string };
}

/** A real hub (real SQLite file in a temp folder, real fastify) on a fake clock, with manager/staff accounts. */
export async function testHub(
  config: HallConfig = smallHall(),
  clock: FakeClock = fakeClock(),
  opts: { listen?: boolean; env?: NodeJS.ProcessEnv; dataDir?: string; staticApps?: Array<{ prefix: string; dir: string }>; logger?: Logger } = {},
): Promise<TestHub> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hall-hub-'));
  const hub = await composeHub({ config, dataDir, clock, env: opts.env ?? {}, logger: opts.logger ?? pino({ level: 'silent' }), staticApps: opts.staticApps ?? [] });
  const base = opts.listen ? await hub.app.listen({ host: '127.0.0.1', port: 0 }) : '';
  const accounts: Array<[string, 'manager' | 'staff' | 'auditor', string | undefined]> = [
    ['boss', 'manager', undefined],
    ['audit', 'auditor', undefined],
    ...config.staff.map((s): [string, 'staff', string] => [`staff-${s.no}`, 'staff', s.no]),
  ];
  const tokens = new Map<string, string>();
  for (const [username, role, staffNo] of accounts) {
    hub.auth.createAccount({ username, password: 'correct horse', role, staffNo });
    const r = await hub.auth.login(username, 'correct horse');
    if (r.ok) tokens.set(username, r.session.token);
  }
  return {
    ...hub,
    clock,
    dataDir,
    base,
    as(username) {
      const t = tokens.get(username);
      if (!t) throw new Error(`no test account ${username}`);
      return { authorization: `Bearer ${t}` };
    },
    kiosk(deviceId = config.devices.find((d) => d.type === 'kiosk')?.id ?? 'kiosk-1') {
      const token = hub.credentials.passwordFor(deviceId);
      if (!token) throw new Error(`no device ${deviceId}`);
      return { authorization: `Device ${deviceId}:${token}` };
    },
  };
}

/** Resolves when the hub's registry shows the device online (or offline), waiting on its change events. */
export function deviceBecomes(hub: Pick<TestHub, 'devices'>, id: string, online: boolean, ms = 10_000): Promise<true> {
  return until(
    (check) => {
      const off = hub.devices.onChange(check);
      return () => void off();
    },
    () => (hub.devices.view(id)?.online === online ? true : undefined),
    ms,
    `${id} ${online ? 'online' : 'offline'}`,
  );
}
