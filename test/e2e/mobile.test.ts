import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOBILE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { launchChromium } from '@hall/testkit/browser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'docs', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** an old, small phone */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  hub = await testHub(undefined, undefined, { listen: true, staticApps: [MOBILE_APP] });
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
});

const take = async () => (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } })).json() as { id: string; number: string };

async function openPhone(token: string, locale = 'zh-CN'): Promise<Page> {
  const page = await browser.newPage({ ...PHONE, locale });
  // Record the phone's vibrations: what the visitor feels when called.
  await page.addInitScript(() => {
    const w = window as unknown as { __vibrations: unknown[] };
    w.__vibrations = [];
    Object.defineProperty(navigator, 'vibrate', { value: (p: unknown) => (w.__vibrations.push(p), true), configurable: true });
  });
  await page.goto(`${hub.base}/m/#${token}`);
  return page;
}

async function axe(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the pages' CSP (rightly) refuses inline scripts.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } };
    return (await w.axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe("the visitor's phone page, in Chromium on a 360×640 phone", () => {
  it('scanning the ticket shows its place in line; a call updates it live, with vibration; after service it is rated once', async () => {
    await take();
    const t = await take();
    const page = await openPhone(t.id);
    await expect.poll(() => page.getByTestId('number').textContent()).toBe(t.number);
    await expect.poll(() => page.getByText('前面还有 1 人').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'mobile-waiting-360x640.png') });

    const s1 = hub.as('staff-S1');
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/open', headers: s1, payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} });
    // The first call was for the ticket ahead: now this one is next.
    await expect.poll(() => page.getByText('下一位就是您').isVisible()).toBe(true);
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: s1, payload: {} });
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/call-next', headers: s1, payload: {} });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('1 号窗口综合窗口1');
    expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBe(1);
    await page.screenshot({ path: join(shots, 'mobile-called-360x640.png') });

    // A recall rings again.
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/recall', headers: s1, payload: {} });
    await expect.poll(() => page.getByText('已重呼 1 次').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBe(2);

    // Served: the page asks for a rating (一次一评), and it is recorded once.
    await hub.app.inject({ method: 'POST', url: '/api/windows/1/finish', headers: s1, payload: {} });
    await expect.poll(() => page.getByText('请为本次服务评价').isVisible()).toBe(true);
    await page.getByRole('radio', { name: '不满意', exact: true }).click();
    await expect.poll(() => page.getByText('不满意的原因').isVisible()).toBe(true);
    await page.locator('label.check input').first().check();
    await page.locator('textarea').fill('等候时间太长');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'mobile-rate-360x640.png') });
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('已评价，感谢您的反馈').isVisible()).toBe(true);
    const status = (await hub.app.inject({ url: `/api/tickets/${t.id}/evaluation` })).json();
    expect(status).toMatchObject({ state: 'rated', evaluation: { level: 'dissatisfied', channel: 'qr', comment: '等候时间太长', bad: true } });
    expect(status.evaluation.reasons).toHaveLength(1);
    const again = await hub.app.inject({ method: 'POST', url: `/api/tickets/${t.id}/evaluation`, payload: { level: 'very-satisfied' } });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect((await hub.app.inject({ url: `/api/tickets/${t.id}/evaluation` })).json().evaluation.level).toBe('dissatisfied');
    await page.close();
  });

  it('in English on an English phone; an unknown token gets a clear page and no data', async () => {
    const t = await take();
    const page = await openPhone(t.id, 'en-GB');
    await expect.poll(() => page.getByTestId('number').textContent()).toBe(t.number);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByText(/ahead of you|You are next/).count()).toBe(1);
    // "I need to step out": the ticket moves back, and the page says so.
    const behind = [await take(), await take(), await take(), await take()];
    expect(behind).toHaveLength(4);
    const before = Number((await page.getByText(/people ahead|person ahead|You are next/).textContent())!.match(/\d+/)?.[0] ?? 0);
    await page.getByRole('button', { name: 'I need to step out' }).click();
    await page.getByRole('button', { name: 'Move me back' }).click();
    await expect.poll(() => page.getByText('Your ticket was moved back').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(`${before + 3} people ahead of you`).isVisible()).toBe(true);
    await page.close();

    const guess = await openPhone('00000000-0000-4000-8000-000000000000');
    await expect.poll(() => guess.getByText('没有找到这张排队号').isVisible()).toBe(true);
    expect(await guess.getByTestId('number').count()).toBe(0);
    await guess.close();
  });

  it('the page is small: everything it loads is under 20 KB of JavaScript gzipped', async () => {
    const page = await browser.newPage({ ...PHONE, locale: 'zh-CN' });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${hub.base}/m/`);
    await expect.poll(() => page.getByText('请扫描排队小票上的二维码').isVisible()).toBe(true);
    await page.close();
    expect(scripts.length).toBeGreaterThan(0);
    let gz = 0;
    for (const url of scripts) gz += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
    expect(gz).toBeLessThan(20 * 1024);
  });
});
