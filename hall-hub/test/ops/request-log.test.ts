import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { createDeviceCredentials } from '../../src/adapters/crypto/device-credentials.js';
import { loadHallSecret } from '../../src/adapters/crypto/hall-secret.js';
import { createHubLogger } from '../../src/adapters/ops/logger.js';
import { loadConfig } from '../../src/config/load-config.js';
import { collect, connectMqtt } from '@hall/testkit/clients';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';

let hub: TestHub | undefined;
let proc: HubProcess | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  proc?.child.kill('SIGKILL');
  await proc?.exited;
  proc = undefined;
});

it("a kiosk launched with its token in the URL, and a case looked up by ID digits: the hub's log keeps the device id, never the token or the digits", async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = smallHall();
  const pages = mkdtempSync(join(tmpdir(), 'hall-pages-'));
  writeFileSync(join(pages, 'index.html'), '<!doctype html><title>kiosk</title>');
  hub = await testHub(config, fakeClock(), {
    logger: createHubLogger({ ...config, server: { ...config.server, logLevel: 'info' } }, pages, sink),
    staticApps: [{ prefix: '/kiosk/', dir: pages }],
  });
  const token = hub.credentials.passwordFor('kiosk-1')!;
  const page = await hub.app.inject({ url: `/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}` });
  expect(page.statusCode).toBe(200);
  await hub.app.inject({ url: '/api/cases/C2026001?idLast4=123X' });

  const log = lines.join('\n');
  const requests = lines.map((l) => JSON.parse(l) as { req?: { url: string } }).filter((l) => l.req);
  expect(requests.map((l) => l.req!.url)).toEqual(['/kiosk/?device=kiosk-1&token=[masked]', '/api/cases/C2026001?idLast4=[masked]']);
  expect(log).not.toContain(token);
  expect(log).not.toContain(encodeURIComponent(token));
  expect(log).not.toContain('123X');
});

it('an ID number typed at a kiosk, read from a card, sent in a malformed message and looked at by a manager never reaches the log, even at debug level', async () => {
  const ID = '110105199001011234';
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = smallHall();
  hub = await testHub(config, fakeClock(), {
    listen: true,
    logger: createHubLogger({ ...config, server: { ...config.server, logLevel: 'debug' } }, mkdtempSync(join(tmpdir(), 'hall-logs-')), sink),
  });
  const typed = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general', idNumber: ID } });
  expect(typed.statusCode).toBe(201);
  const reader = await connectMqtt(hub.mqttUrl, 'idreader-1', hub.credentials.passwordFor('idreader-1')!);
  const inbox = collect(reader);
  await reader.subscribeAsync('hall/test-hall/dev/idreader-1/response/+', { qos: 1 });
  const card = JSON.stringify({ type: 'id-card', name: '张三', idNumber: ID.replace('1234', '5678') });
  await reader.publishAsync('hall/test-hall/dev/idreader-1/event', card, { qos: 1 });
  // A message the schema refuses, with the number in it: the refusal is logged, its payload is not.
  await reader.publishAsync('hall/test-hall/dev/idreader-1/event', JSON.stringify({ type: 'id-card', idNumber: ID, extra: ID }), { qos: 1 });
  await reader.publishAsync('hall/test-hall/dev/idreader-1/request/ping', '{}', { qos: 1 });
  await inbox.next('hall/test-hall/dev/idreader-1/response/ping');
  reader.end(true);
  const carded = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'tax', useIdCard: true } });
  expect(carded.statusCode).toBe(201);
  const t = typed.json() as { id: string };
  expect((await hub.app.inject({ url: `/api/tickets/${t.id}/identity`, headers: hub.as('boss') })).json().idNumber).toBe(ID);

  const log = lines.join('');
  expect(log).toContain('/api/tickets'); // the log was written, at the level asked for
  for (const digits of ['19900101', ID, ID.replace('1234', '5678')]) expect(log).not.toContain(digits);
  expect(log).not.toContain('张三');
}, 60_000);

it('the start banner written to a log (not a terminal) names the launch links without their tokens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-banner-'));
  proc = await spawnHub({ HALL_DATA_DIR: dataDir });
  await bannerLine(proc, 'hall wall');
  const { config } = loadConfig({}, fileURLToPath(new URL('../../demo/hall.json', import.meta.url)));
  const credentials = createDeviceCredentials(loadHallSecret(dataDir, {}), config);
  const banner = proc.output.join('\n');
  expect(banner).toContain('/kiosk/?device=kiosk-1&token=<npm run device-credentials>');
  for (const id of ['kiosk-1', 'wall-main']) {
    const token = credentials.passwordFor(id)!;
    expect(banner).not.toContain(token);
    expect(banner).not.toContain(encodeURIComponent(token));
  }
}, 60_000); // a hub started through tsx, which takes most of 30 s on a loaded 2-core machine

/** Resolves once the hub has printed a line containing `text` (spawnHub's reader fills `output` first). */
function bannerLine(p: HubProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (p.output.some((l) => l.includes(text))) resolve();
    };
    p.child.stdout!.on('data', check);
    check();
  });
}
