import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIM_MONDAY_9AM, deviceCredentialsOf, writeHallConfig } from './hall-config-file.js';
import { spawnHub, type HubProcess } from './spawn-hub.js';
import { repoRoot } from './repo-paths.js';

/** Monday 09:00 in the hall when the first hub starts; a restart continues from where the clock has got to. */
const SIM_START = Date.parse(SIM_MONDAY_9AM);
export const MANAGER = { username: 'boss', password: 'outage-test-pw' };

/**
 * A real hub process over a small hall (one line, two windows, a kiosk with a virtual printer, the hall wall, a
 * manager) and the demo catalog, serving the built kiosk, walls, console and phone page — that can be killed,
 * hung and restarted on the same port and data folder.
 */
export interface HallProcess {
  hub: HubProcess;
  base: string;
  dataDir: string;
  token(deviceId: 'kiosk-1' | 'wall-main'): string;
  /** the header the kiosk sends (tickets are issued to kiosks and staff only) */
  kioskAuth(): string;
  /** kill -9, then wait until the process is gone */
  kill(): Promise<void>;
  /** SIGSTOP: the process holds its sockets and answers nothing */
  hang(): void;
  /** SIGCONT */
  resume(): void;
  /** a new hub process on the same port and data folder; resolves when it listens */
  restart(): Promise<void>;
  /** printed sheets and slips so far (the virtual printer writes one PNG per job) */
  printed(): string[];
  api<T>(method: string, path: string, body?: unknown, auth?: string): Promise<{ status: number; body: T }>;
  managerToken(): Promise<string>;
  close(): Promise<void>;
}

function writeConfig(dir: string): string {
  return writeHallConfig(dir, {
    id: 'outage-hall',
    name: '断网测试大厅',
    windows: ['1', '2'],
    staff: [
      { no: 'S1', name: '张伟', windows: ['1'] },
      { no: 'S2', name: '王芳', windows: ['2'] },
    ],
    // the test takes tickets for the phone page as the kiosk, faster than a visitor would
    limits: { ticketsPerKioskPerMinute: 1000, ticketsPerAddressPerMinute: 1000 },
    manager: MANAGER,
    devices: [
      { id: 'kiosk-1', type: 'kiosk', name: '自助查询机1', printer: 'printer-kiosk-1' },
      { id: 'wall-main', type: 'hall-wall', name: '大厅综合屏' },
    ],
    printers: [{ id: 'printer-kiosk-1', name: '自助查询机1打印机', kind: 'virtual' }],
  });
}

export async function startHall(): Promise<HallProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-outage-'));
  const dataDir = join(dir, 'data');
  const firstStart = Date.now();
  // The hall's secret is the test's, so it knows each screen's token (the hub prints them only on a terminal).
  const secret = randomBytes(32);
  const env = () => ({
    HALL_SECRET_KEY: secret.toString('base64'),
    HALL_CONFIG: configFile,
    HALL_CATALOG: join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'),
    // A restart with the same start would wind the hub's clock back (README): each start continues it.
    HALL_SIM_START: new Date(SIM_START + (Date.now() - firstStart)).toISOString(),
  });
  const configFile = writeConfig(dir);
  let hub = await spawnHub(env());
  const port = hub.port;
  const credentials = deviceCredentialsOf(secret, configFile);
  const base = hub.base;
  let manager: string | null = null;
  const printDir = join(dataDir, 'virtual-prints', 'printer-kiosk-1');
  const self: HallProcess = {
    get hub() {
      return hub;
    },
    base,
    dataDir,
    token: (id) => {
      const t = credentials.passwordFor(id);
      if (!t) throw new Error(`no device ${id} in the hall`);
      return t;
    },
    kioskAuth: () => `Device kiosk-1:${self.token('kiosk-1')}`,
    async kill() {
      hub.child.kill('SIGKILL');
      await hub.exited;
    },
    hang: () => void hub.child.kill('SIGSTOP'),
    resume: () => void hub.child.kill('SIGCONT'),
    async restart() {
      hub = await spawnHub({ ...env(), HALL_HTTP_PORT: String(port) });
    },
    printed: () => (existsSync(printDir) ? readdirSync(printDir).filter((f) => f.endsWith('.png')) : []),
    async api<T>(method: string, path: string, body?: unknown, auth?: string) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(auth ? { authorization: auth.startsWith('Device ') ? auth : `Bearer ${auth}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: r.status, body: (await r.json().catch(() => null)) as T };
    },
    async managerToken() {
      if (manager) return manager;
      const r = await self.api<{ token: string }>('POST', '/api/auth/login', MANAGER);
      if (r.status !== 200) throw new Error(`manager login: HTTP ${r.status}`);
      manager = r.body.token;
      return manager;
    },
    async close() {
      hub.child.kill('SIGCONT');
      hub.child.kill('SIGKILL');
      await hub.exited;
    },
  };
  return self;
}
