import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

/*
 * What the outside probe of #15 found holding, kept from regressing: who reaches which of the hub's routes
 * (every route in the OpenAPI document, swept as each kind of caller), address ranges that ignore the
 * forwarding headers a client can forge, and the static pages refusing every way out of their folder.
 */

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const INSIDE = '10.1.1.1';
const hallNetwork = () => {
  const base = smallHall();
  return { ...base, server: { ...base.server, staffNetworks: ['10.0.0.0/8'] } };
};

/** Every operation the hub documents: `METHOD /path/{param}`. */
async function operations(h: TestHub): Promise<string[]> {
  const doc = (await h.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
}

/**
 * The operations a caller with these headers is not refused (answered anything but 401 or 403), each asked once
 * with placeholder parameters and no body: a guard answers before the parameters and body are looked at.
 */
async function reached(h: TestHub, ops: string[], headers: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  for (const op of ops) {
    const [method, path] = op.split(' ') as ['GET', string];
    const r = await h.app.inject({ method, url: path.replace(/\{[^}]+\}/g, 'x'), headers, remoteAddress: INSIDE });
    if (r.statusCode !== 401 && r.statusCode !== 403) out.push(op);
  }
  return out.sort();
}

/** Anyone in the hall: visitors' phones, the screens' media, the catalog, sign-in, health. */
const PUBLIC = [
  'GET /api/catalog/departments',
  'GET /api/catalog/departments/{code}/services',
  'GET /api/catalog/guides',
  'GET /api/catalog/search-index',
  'GET /api/catalog/services',
  'GET /api/catalog/services/{id}',
  'GET /api/catalog/topics',
  'GET /api/catalog/topics/{id}/services',
  'GET /api/display-media/{id}/file',
  'GET /api/evaluations/reasons',
  'GET /api/hall',
  'GET /api/health',
  'GET /api/m/ticket',
  'GET /api/media/{id}/file',
  'GET /api/media/{id}/pages/{n}',
  'GET /api/m/cases/{caseNo}', // with the ID number's last four, rate-limited: see parallel-approval.test.ts
  'GET /api/province/notices',
  'GET /api/qr.svg',
  'GET /api/queue',
  'GET /api/ready',
  'GET /api/staff/{no}/photo',
  'GET /api/tickets/by-number/{number}',
  'GET /api/tickets/{id}',
  'GET /api/tickets/{id}/evaluation',
  'GET /api/windows',
  'GET /metrics', // the hall network only: see ops.test.ts
  'POST /api/appointments/check-in',
  'POST /api/auth/login',
  'POST /api/m/step-out',
  'POST /api/tickets/{id}/evaluation',
];
/** A kiosk with its credential, on top of the public routes. */
const KIOSK = [
  'GET /api/cases/{caseNo}',
  'GET /api/print/jobs/{id}',
  'GET /api/print/jobs/{id}/preview.png',
  'POST /api/handwriting/recognize',
  'POST /api/help-requests',
  'POST /api/print/guide',
  'POST /api/print/ticket',
  'POST /api/tickets',
];
/** Window staff: their windows and tickets, nothing of the managers'. */
const STAFF = [
  'GET /api/auth/me',
  'GET /api/line-moves',
  'GET /api/supervision/board',
  'GET /api/supervision/parallel',
  'POST /api/rongque/{id}/supplied',
  'GET /api/windows/{no}/rongque',
  'POST /api/windows/{no}/hand-back',
  'POST /api/windows/{no}/lines',
  'POST /api/windows/{no}/rongque',
  'GET /api/cases/{caseNo}',
  'GET /api/console/setup',
  'GET /api/help-requests',
  'GET /api/print/jobs/{id}',
  'GET /api/print/jobs/{id}/preview.png',
  'GET /api/warnings',
  'GET /api/warnings/mine',
  'POST /api/warnings/groups/{key}/actions',
  'POST /api/print/guide',
  'POST /api/print/ticket',
  'POST /api/tickets',
  'POST /api/tickets/{id}/cancel',
  'POST /api/tickets/{id}/reinstate',
  ...['call', 'call-next', 'close', 'finish', 'no-show', 'open', 'pause', 'recall', 'resume', 'resume-ticket', 'start', 'suspend', 'transfer'].map(
    (a) => `POST /api/windows/{no}/${a}`,
  ),
];
/** An auditor reads the managers' views and changes nothing. */
const AUDITOR = [
  'GET /api/admin/backups',
  'GET /api/line-moves',
  'GET /api/rongque',
  'GET /api/supervision',
  'GET /api/supervision/board',
  'GET /api/supervision/parallel',
  'GET /api/audit',
  'GET /api/auth/me',
  'GET /api/console/setup',
  'GET /api/devices',
  'GET /api/devices/refused',
  'GET /api/devices/{id}/history',
  'GET /api/display-alerts',
  'GET /api/display-emergencies',
  'GET /api/display-groups',
  'GET /api/display-media',
  'GET /api/display-notices',
  'GET /api/display-schedules',
  'GET /api/displays',
  'GET /api/displays/{id}',
  'GET /api/displays/{id}/preview.png',
  'GET /api/displays/{id}/scene',
  'GET /api/displays/{id}/screenshot',
  'GET /api/media',
  'GET /api/media/{id}',
  'GET /api/evaluations',
  'GET /api/evaluations/figures',
  'GET /api/evaluations/follow-ups',
  'GET /api/evaluations/follow-ups/summary',
  'GET /api/evaluations/follow-ups/{id}',
  'GET /api/printers',
  'GET /api/reports/daily',
  'GET /api/reports/daily.csv',
  'GET /api/reports/daily.pdf',
  'GET /api/reports/monthly',
  'GET /api/reports/monthly.csv',
  'GET /api/reports/monthly.pdf',
  'GET /api/signage/campaigns',
  'GET /api/signage/layouts',
  'GET /api/signage/proof-of-play',
  'GET /api/signage/proof-of-play.csv',
  'GET /api/signage/proof-of-play/summary',
  'GET /api/uplink/status',
  'GET /api/warnings',
  'GET /api/warnings/groups',
];
/** A hall or zone wall reads the 办件公示 board (a wall may be set to show it) and nothing else beyond the public. */
const WALL = ['GET /api/supervision/board', 'GET /api/supervision/parallel'];
const sorted = (...lists: string[][]) => [...new Set(lists.flat())].sort();

describe('who reaches which route (every route the hub documents)', () => {
  it('anonymous callers, kiosks, staff and auditors reach exactly their routes; a manager reads everything', async () => {
    hub = await testHub(hallNetwork());
    const ops = await operations(hub);
    expect(ops.length).toBeGreaterThanOrEqual(100);
    for (const op of [...PUBLIC, ...KIOSK, ...STAFF, ...AUDITOR, ...WALL]) expect(ops, `${op} is still a route`).toContain(op);
    // A logout would end the session the sweep signs in with; it is refused to anonymous callers like the rest.
    const signedInOps = ops.filter((op) => op !== 'POST /api/auth/logout');
    expect(await reached(hub, ops, {})).toEqual(sorted(PUBLIC));
    expect(await reached(hub, signedInOps, hub.kiosk())).toEqual(sorted(PUBLIC, KIOSK));
    // A device's credential of another kind (a wall's) takes no ticket and prints nothing; it reads the cases board.
    const wall = { authorization: `Device wall-1:${hub.credentials.passwordFor('wall-1')!}` };
    expect(await reached(hub, signedInOps, wall)).toEqual(sorted(PUBLIC, WALL));
    expect(await reached(hub, signedInOps, hub.as('staff-S1'))).toEqual(sorted(PUBLIC, STAFF));
    expect(await reached(hub, signedInOps, hub.as('audit'))).toEqual(sorted(PUBLIC, AUDITOR));
    const reads = signedInOps.filter((op) => op.startsWith('GET '));
    expect(await reached(hub, reads, hub.as('boss'))).toEqual(sorted(reads));
  }, 180_000);
});

describe('address ranges', () => {
  it('forwarding headers a client sends do not move it into the hall network', async () => {
    hub = await testHub(hallNetwork());
    const forged = { 'x-forwarded-for': INSIDE, 'x-real-ip': INSIDE, forwarded: `for=${INSIDE}` };
    const login = (remoteAddress: string, headers: Record<string, string> = {}) =>
      hub!.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers, payload: { username: 'boss', password: 'correct horse' } });
    const outside = await login('192.168.9.9', forged);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('address_not_allowed');
    expect((await login(INSIDE)).statusCode).toBe(200);
    // Nor does a session signed in inside work from outside with a forged header.
    const token = (await login(INSIDE)).json().token as string;
    const warnings = await hub.app.inject({ url: '/api/warnings', remoteAddress: '192.168.9.9', headers: { authorization: `Bearer ${token}`, ...forged } });
    expect(warnings.statusCode).toBe(403);
  });
});

/** A GET with the path exactly as written: no client-side normalisation of `..` or percent escapes. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static pages', () => {
  it('no path leaves the page folder: dot segments, encoded, double-encoded, backslashes, NUL, absolute paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hall-traversal-'));
    const pages = join(root, 'kiosk');
    mkdirSync(pages);
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(root, 'secret.txt'), 'SECRET-OUTSIDE-THE-PAGES');
    const dataDir = join(root, 'data');
    hub = await testHub(smallHall(), fakeClock(), { listen: true, dataDir, staticApps: [{ prefix: '/kiosk/', dir: pages }] });
    expect((await rawGet(hub.base, '/kiosk/index.html')).body).toContain('<title>kiosk</title>');
    const ways = [
      '/kiosk/../secret.txt',
      '/kiosk/%2e%2e/secret.txt',
      '/kiosk/%2E%2E/secret.txt',
      '/kiosk/.%2e/secret.txt',
      '/kiosk/..%2fsecret.txt',
      '/kiosk/%2e%2e%2fsecret.txt',
      '/kiosk/%252e%252e%252fsecret.txt',
      '/kiosk/..%5csecret.txt',
      '/kiosk/..\\secret.txt',
      '/kiosk/....//secret.txt',
      '/kiosk/%c0%ae%c0%ae/secret.txt',
      '/kiosk/..%00/secret.txt',
      '/kiosk/index.html%00/../../secret.txt',
      `/kiosk/${root}/secret.txt`,
      `/kiosk/%2f${root.slice(1).replaceAll('/', '%2f')}%2fsecret.txt`,
      '/kiosk/../data/hall.db',
      '/kiosk/..%2fdata%2fhall.db',
      '/kiosk/../../../../../../etc/passwd',
      '/kiosk/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/api/staff/..%2f..%2fsecret.txt/photo',
      '/api/display-media/..%2f..%2fsecret.txt/file',
    ];
    for (const path of ways) {
      const r = await rawGet(hub.base, path);
      expect([path, r.status < 500]).toEqual([path, true]);
      expect([path, r.body.includes('SECRET-OUTSIDE')]).toEqual([path, false]);
      expect([path, r.body.includes('SQLite format')]).toEqual([path, false]);
      expect([path, /root:.*:0:0:/.test(r.body)]).toEqual([path, false]);
    }
  });
});
