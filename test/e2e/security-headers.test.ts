import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@hall/hub/config/load-config';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, MOBILE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { launchDisplayBrowser } from '@hall/testkit/display-pages';
import { repoRoot } from './support/demo-kiosk-hall.js';

/**
 * The Content-Security-Policy and the other security headers, as a browser enforces them: the kiosk, a hall
 * wall, the console (signed in: the live floor over socket.io) and the visitor's phone page each load and run
 * with no violation reported, and every page and API answer carries the headers.
 */
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  const { config } = loadConfig({}, join(repoRoot, 'hall-hub', 'demo', 'hall.json'));
  hub = await testHub({ ...config, server: { ...config.server, mqtt: { ...config.server.mqtt, port: 0, host: '127.0.0.1' } } }, fakeClock(), {
    listen: true,
    staticApps: [
      { prefix: '/kiosk/', dir: join(repoRoot, 'kiosk', 'dist') },
      { prefix: '/display/', dir: join(repoRoot, 'display-wall', 'dist') },
      CONSOLE_APP,
      MOBILE_APP,
    ],
  });
  hub.catalog.import(JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')), 'demo');
  browser = await launchDisplayBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
});

interface Violation {
  directive: string;
  blocked: string;
}

/** A page that records every CSP violation (the DOM event, and Chromium's console report of it). */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<Violation[]>; consoleReports: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleReports: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleReports.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Array<{ directive: string; blocked: string }> };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
  });
  return {
    page,
    consoleReports,
    violations: () => page.evaluate(() => (window as unknown as { __csp: Array<{ directive: string; blocked: string }> }).__csp),
  };
}

/** framed: 'self' for the wall's pages (the console previews layouts in them), 'none' for everything else */
function expectSecurityHeaders(headers: Record<string, string>, framed: 'none' | 'self' = 'none'): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain(`frame-ancestors '${framed}'`);
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(headers['x-frame-options']).toBe(framed === 'none' ? 'DENY' : 'SAMEORIGIN');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers, enforced by Chromium', () => {
  it('the kiosk searches, shows a guide and takes a ticket with no CSP violation', async () => {
    const { page, violations, consoleReports } = await watchedPage();
    const res = await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(hub.credentials.passwordFor('kiosk-1')!)}`);
    expectSecurityHeaders(res!.headers());
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /搜索事项/ }).click();
    for (const ch of 'YYZZ') await page.getByRole('group', { name: 'keyboard' }).getByRole('button', { name: ch, exact: true }).click();
    const first = page.locator('.list .item').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toContain('营业执照');
    await first.click();
    await expect.poll(() => page.getByRole('heading', { name: '申请材料' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: /为此业务取号/ }).click();
    await page.getByRole('button', { name: '确认取号' }).click();
    // The kiosk's own credential took the ticket (anonymous requests are refused).
    await expect.poll(() => page.locator('.ticket-number').textContent(), { timeout: 15_000 }).toMatch(/^[A-Z]\d{3}$/);
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
    await page.close();
  });

  it('a hall wall loads its scene over socket.io with no CSP violation', async () => {
    const { page, violations, consoleReports } = await watchedPage();
    const res = await page.goto(`${hub.base}/display/?device=wall-main&token=${encodeURIComponent(hub.credentials.passwordFor('wall-main')!)}`);
    expectSecurityHeaders(res!.headers(), 'self');
    await page.waitForSelector('#surface, .power-off', { timeout: 20_000 });
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: hub.engine.rules.lines.keys().next().value! } });
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
    await page.close();
  });

  it('the console signs in and shows the live floor with no CSP violation', async () => {
    const { page, violations, consoleReports } = await watchedPage();
    const res = await page.goto(`${hub.base}/console/`);
    expectSecurityHeaders(res!.headers());
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码').fill('correct horse');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator('.window-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
    await page.close();
  });

  it('the phone page shows a ticket with no CSP violation', async () => {
    const t = (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: hub.engine.rules.lines.keys().next().value! } })).json() as { id: string; number: string };
    const { page, violations, consoleReports } = await watchedPage();
    const res = await page.goto(`${hub.base}/m/#${t.id}`);
    expectSecurityHeaders(res!.headers());
    await expect.poll(() => page.getByTestId('number').textContent(), { timeout: 15_000 }).toBe(t.number);
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
    await page.close();
  });

  it('the API docs (Swagger UI) render with no CSP violation: inline styles are allowed there only', async () => {
    const { page, violations, consoleReports } = await watchedPage();
    const res = await page.goto(`${hub.base}/docs/`);
    expect(res!.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    await page.locator('.opblock').first().click();
    // Swagger UI draws a long operation list virtually (only what is in view): scroll to the end, collecting the
    // operations drawn, and expect every one of the document's.
    const spec = (await (await fetch(`${hub.base}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected = new Set(Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const drawn = new Set<string>();
    for (let step = 0; step < 400; step++) {
      const { seen, atEnd } = await page.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const seen = [...document.querySelectorAll('.opblock .opblock-summary')].map(
          (el) => `${el.querySelector('.opblock-summary-method')?.textContent ?? ''} ${el.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? ''}`,
        );
        const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        window.scrollBy(0, window.innerHeight * 0.8);
        return { seen, atEnd };
      });
      for (const x of seen) drawn.add(x);
      if (atEnd) break;
    }
    expect(expected.size).toBeGreaterThan(100);
    expect([...expected].filter((x) => !drawn.has(x))).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(consoleReports).toEqual([]);
    await page.close();
  });

  it('API answers carry the headers too, and no page can be framed', async () => {
    const r = await fetch(`${hub.base}/api/queue`);
    expectSecurityHeaders(Object.fromEntries(r.headers.entries()));
    await r.text();
    // A page on another origin tries to frame the console: Chromium refuses (frame-ancestors 'none').
    const { page, consoleReports } = await watchedPage();
    await page.setContent(`<iframe src="${hub.base}/console/"></iframe>`);
    await expect.poll(() => consoleReports.some((m) => /frame-ancestors/.test(m)), { timeout: 10_000 }).toBe(true);
    await page.close();
    // The wall's pages may be framed by the hub's own pages (the console's layout preview), by no other origin.
    const other = await watchedPage();
    await other.page.setContent(`<iframe src="${hub.base}/display/?preview=1920x1080"></iframe>`);
    await expect.poll(() => other.consoleReports.some((m) => /frame-ancestors/.test(m)), { timeout: 10_000 }).toBe(true);
    await other.page.close();
  });
});
