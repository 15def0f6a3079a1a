import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { createHubLogger } from '../../src/adapters/ops/logger.js';
import { fakeClock } from '../support/engine-fixture.js';
import { smallHall } from '../support/hall-fixture.js';
import { testHub, type TestHub } from '../support/hub-fixture.js';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
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
