import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/crypto/passwords.js';
import { listBackups, verifyDatabaseFile } from '../../src/adapters/sqlite/backup.js';
import { lockDataDir } from '../../src/adapters/ops/data-dir-lock.js';
import { until } from '@hall/testkit/clients';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';

const hubDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const hubs: TestHub[] = [];
const processes: HubProcess[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

async function hub(): Promise<TestHub> {
  const h = await testHub();
  hubs.push(h);
  return h;
}

const metricValue = (text: string, name: string, labels: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
};

describe('metrics and readiness', () => {
  it('Prometheus metrics follow the queue: a ticket issued is one more visitor waiting on its line', async () => {
    const h = await hub();
    const before = await h.app.inject({ url: '/metrics' });
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toContain('text/plain');
    expect(metricValue(before.body, 'hall_queue_waiting', 'line="general"')).toBe(0);
    for (let i = 0; i < 3; i++) expect((await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).statusCode).toBe(201);
    const after = await h.app.inject({ url: '/metrics' });
    expect(metricValue(after.body, 'hall_queue_waiting', 'line="general"')).toBe(3);
    expect(metricValue(after.body, 'hall_queue_issued_today', 'line="general"')).toBe(3);
    expect(metricValue(after.body, 'hall_queue_waiting', 'line="tax"')).toBe(0);
    expect(after.body).toMatch(/hall_hub_process_resident_memory_bytes/);
    expect(after.body).toMatch(/hall_devices\{/);
  });

  it('refused requests show in the metrics by reason', async () => {
    const h = await hub();
    const bad = await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: '' } });
    expect(bad.statusCode).toBe(400);
    const m = await h.app.inject({ url: '/metrics' });
    const total = m.body
      .split('\n')
      .filter((l) => l.startsWith('hall_rejected_total{'))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    expect(total).toBeGreaterThanOrEqual(1);
  });

  it('metrics answer only the hall network', async () => {
    const h = await hub();
    const outside = await h.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('address_not_allowed');
  });

  it('readiness is 200 with the database and the MQTT link up, 503 naming the MQTT link when the broker goes away', async () => {
    const h = await hub();
    const ok = await h.app.inject({ url: '/api/ready' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ready: true, checks: expect.objectContaining({ database: 'ok', mqtt: 'ok' }) });
    await h.broker!.close();
    await until(
      (check) => {
        h.mqtt.client.on('close', check);
        return () => void h.mqtt.client.off('close', check);
      },
      () => (h.mqtt.client.connected ? undefined : true),
      10_000,
      'the hub noticing its broker is gone',
    );
    const down = await h.app.inject({ url: '/api/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json().ready).toBe(false);
    expect(down.json().checks.mqtt).toMatch(/MQTT/);
    expect(down.json().checks.database).toBe('ok');
  });
});

describe('backups', () => {
  it('a manager backs up while tickets are being issued: the copy is whole and holds every ticket acknowledged before it', async () => {
    const h = await hub();
    const acked: string[] = [];
    for (let i = 0; i < 20; i++) acked.push((await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).json().number);
    // Tickets keep coming while the backup runs.
    const during = Array.from({ length: 30 }, () => h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } }));
    const res = await h.app.inject({ method: 'POST', url: '/api/admin/backups', headers: h.as('boss') });
    await Promise.all(during);
    expect(res.statusCode).toBe(201);
    const file = res.json().file as string;
    expect(existsSync(file)).toBe(true);
    expect(verifyDatabaseFile(file).schemaVersion).toBeGreaterThan(0);

    // The copy opens as a hall of its own with every ticket acknowledged before the backup.
    const dir = mkdtempSync(join(tmpdir(), 'hall-restored-'));
    const { restoreDatabase } = await import('../../src/adapters/sqlite/backup.js');
    restoreDatabase(file, dir, Date.now());
    const restored = await testHub(undefined, h.clock, { dataDir: dir });
    hubs.push(restored);
    const numbers = [...restored.engine.state.tickets.values()].map((t) => t.number);
    for (const n of acked) expect(numbers).toContain(n);
    expect(new Set(numbers).size).toBe(numbers.length);

    const listed = await h.app.inject({ url: '/api/admin/backups', headers: h.as('audit') });
    expect(listed.json().map((b: { file: string }) => b.file)).toContain(file);
    const audit = await h.app.inject({ url: '/api/audit?limit=50', headers: h.as('boss') });
    expect(JSON.stringify(audit.json())).toContain('"action":"backup"');
  });

  it('staff may not make backups; nobody signed out may list them', async () => {
    const h = await hub();
    expect((await h.app.inject({ method: 'POST', url: '/api/admin/backups', headers: h.as('staff-S1') })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/admin/backups' })).statusCode).toBe(401);
  });

  it('the daily backup is made once a day after its time, and only the newest are kept', async () => {
    const h = await hub();
    const dir = join(h.dataDir, 'backups');
    // The fake clock starts on a Monday at 09:00, after the default 02:30.
    const first = await h.ops.backups.tick();
    expect(first).not.toBeNull();
    expect(await h.ops.backups.tick()).toBeNull();
    for (let day = 1; day <= 16; day++) {
      h.clock.advance(24 * 60 * 60_000);
      expect(await h.ops.backups.tick()).not.toBeNull();
    }
    expect(listBackups(dir)).toHaveLength(14);
  });
});

describe('the data folder', () => {
  it('a second hub on the same data folder is refused with a clear message; the first keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
    const config = writeConfig(dir);
    const first = await spawnHub({ HALL_CONFIG: config });
    processes.push(first);
    const second = spawn(process.execPath, ['--import', 'tsx', join(hubDir, 'src', 'main.ts')], {
      cwd: hubDir,
      env: { ...process.env, HALL_CONFIG: config, HALL_HTTP_PORT: '0', HALL_MQTT_PORT: '0', HALL_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout.on('data', (b: Buffer) => (output += b.toString()));
    second.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain(`another hub (pid ${first.child.pid})`);
    expect((await fetch(`${first.base}/api/health`)).status).toBe(200);
  });

  it('a hub.pid naming a live, unrelated process (pid reuse after a reboot) does not stop the hub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
    const config = writeConfig(dir);
    const unrelated = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      mkdirSync(join(dir, 'data'), { recursive: true });
      writeFileSync(join(dir, 'data', 'hub.pid'), `${unrelated.pid}\n`);
      const hub = await spawnHub({ HALL_CONFIG: config });
      processes.push(hub);
      expect((await fetch(`${hub.base}/api/health`)).status).toBe(200);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('the lock goes with the process: after kill -9 a new hub starts at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
    const config = writeConfig(dir);
    const first = await spawnHub({ HALL_CONFIG: config });
    processes.push(first);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawnHub({ HALL_CONFIG: config });
    processes.push(second);
    expect((await fetch(`${second.base}/api/health`)).status).toBe(200);
  }, 90_000); // two hubs started one after the other, each through tsx

  it('in one process too, a second lock on the folder is refused until the first is released', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(`another hub (pid ${process.pid}) is using the data folder`);
    lock.release();
    lockDataDir(dir).release();
  });

  it('the data folder is 0700 and every file in it 0600, whatever the umask, and so are a folder and database an older hub left 0755 and 0644', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hall-modes-')), 'data');
    const previous = process.umask(0o022);
    try {
      // What an older hub, or an operator's mkdir, left behind: readable by everyone.
      mkdirSync(dir, { mode: 0o755 });
      writeFileSync(join(dir, 'hall.db'), '', { mode: 0o644 });
      const h = await testHub(undefined, undefined, { dataDir: dir });
      hubs.push(h);
      expect((await h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general' } })).statusCode).toBe(201);
      const backup = await h.ops.backups.tick();
      const mode = (f: string) => (statSync(f).mode & 0o777).toString(8);
      const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => join(e.parentPath, e.name));
      for (const f of ['hall.db', 'hall.db-wal', 'hall.db-shm', 'hub.lock', 'hub.pid', backup!.file]) expect(entries).toContain(f.startsWith('/') ? f : join(dir, f));
      expect([dir, mode(dir)]).toEqual([dir, '700']);
      for (const e of entries) expect([e, mode(e)]).toEqual([e, statSync(e).isDirectory() ? '700' : '600']);
    } finally {
      process.umask(previous);
    }
  });

  it('restore refuses while a hub runs, and puts a backup in place once it is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-restore-'));
    const config = writeConfig(dir);
    const running = await spawnHub({ HALL_CONFIG: config });
    processes.push(running);
    // Tickets are issued to kiosks and signed-in staff: the manager issues these.
    const login = await fetch(`${running.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'boss', password: 'ops-test-pw' }) });
    const issuer = { 'content-type': 'application/json', authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${running.base}/api/tickets`, { method: 'POST', headers: issuer, body: JSON.stringify({ lineId: 'general' }) });
      numbers.push(((await r.json()) as { number: string }).number);
    }
    const backup = await runCli('backup.ts', [], config);
    expect(backup.code).toBe(0);
    const file = /✔ (\S+\.db)/.exec(backup.output)?.[1];
    expect(file).toBeDefined();

    const refused = await runCli('restore.ts', [file!], config);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('another hub');

    // Later tickets, then the hub stops; the restore brings back the state at the backup.
    await fetch(`${running.base}/api/tickets`, { method: 'POST', headers: issuer, body: JSON.stringify({ lineId: 'general' }) });
    running.child.kill('SIGTERM');
    await running.exited;
    const restored = await runCli('restore.ts', [file!], config);
    expect(restored.code).toBe(0);
    expect(restored.output).toContain('kept as');

    const again = await spawnHub({ HALL_CONFIG: config });
    processes.push(again);
    const queue = (await (await fetch(`${again.base}/api/queue`)).json()) as { lines: Array<{ id: string; issuedToday: number }> };
    expect(queue.lines.find((l) => l.id === 'general')!.issuedToday).toBe(numbers.length);
  }, 120_000);
});

function writeConfig(dir: string): string {
  const ALL_DAY = [{ open: '00:00', close: '23:59' }];
  const file = join(dir, 'hall.json');
  writeFileSync(
    file,
    JSON.stringify({
      server: { dataDir: join(dir, 'data') },
      hall: { id: 'ops-hall', name: '运维测试大厅' },
      calendar: { weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, ticketingCutoffMinutes: 0 },
      zones: [{ id: 'z', name: '综合区' }],
      lines: [{ id: 'general', prefix: 'A', name: '综合业务' }],
      windows: [{ no: '1', name: '窗口1', zone: 'z', lines: [{ line: 'general' }] }],
      accounts: [{ username: 'boss', role: 'manager', passwordHash: hashPassword('ops-test-pw') }],
    }),
  );
  return file;
}

function runCli(script: string, args: string[], config: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(hubDir, 'src', 'cli', script), ...args], {
    cwd: hubDir,
    env: { ...process.env, HALL_CONFIG: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
