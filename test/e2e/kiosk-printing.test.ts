import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@hall/hub/config/load-config';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { fakePrinter, type FakePrinter } from '@hall/testkit/fake-printer';
import { launchChromium } from '@hall/testkit/browser';
import { repoRoot } from './support/demo-kiosk-hall.js';

let hub: TestHub;
let fp: FakePrinter;
let browser: Browser;

/** The demo hall with kiosk-1's printer a network printer (the fake Epson), its cover open. */
beforeAll(async () => {
  fp = await fakePrinter();
  fp.state.coverOpen = true;
  const { config } = loadConfig({}, join(repoRoot, 'hall-hub', 'demo', 'hall.json'));
  hub = await testHub(
    {
      ...config,
      hall: { ...config.hall, visitorUrl: 'https://q.hall.example.cn' },
      server: { ...config.server, mqtt: { ...config.server.mqtt, port: 0, host: '127.0.0.1' } },
      printers: config.printers.map((p) => (p.id === 'printer-kiosk-1' ? { ...p, kind: 'escpos-tcp' as const, host: '127.0.0.1', port: fp.port } : p)),
    },
    fakeClock(),
    { listen: true, staticApps: [{ prefix: '/kiosk/', dir: join(repoRoot, 'kiosk', 'dist') }] },
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
  await fp?.stop();
});

describe('the kiosk tells the visitor the truth about the printer (Chromium)', () => {
  it('cover open: says the ticket did not print, with the number, the phone page QR and 请到服务台补打; once the cover closes, says it printed', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const token = hub.credentials.passwordFor('kiosk-1')!;
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /取号/ }).first().click();
    await page.locator('.tile:not([disabled])').first().click();
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.locator('.ticket-number').textContent(), { timeout: 15_000 }).toMatch(/^[A-Z]\d{3}$/);
    const number = (await page.locator('.ticket-number').textContent())!;
    const ticket = hub.engine.ticketByNumber(number)!;

    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toContain('号票没有打印出来');
    expect(await page.getByRole('list', { name: '您可以这样做' }).textContent()).toContain('请到服务台补打号票');
    // drawn on the kiosk (it works while the hub is away); the address it encodes is on the image
    const qr = await page.locator('.phone-qr img').getAttribute('data-qr');
    expect(qr).toBe(`https://q.hall.example.cn/m/#${ticket.id}`);
    expect(await page.locator('.ticket-number').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(100);
    expect(fp.jobs()).toHaveLength(0);
    expect(hub.engine.ticket(ticket.id)).toMatchObject({ status: 'waiting' });

    fp.state.coverOpen = false;
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toContain('号票已打印');
    expect(fp.complete()).toHaveLength(1);
    await page.close();
  }, 120_000);
});
