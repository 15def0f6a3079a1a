import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamClient } from '@hall/testkit/clients';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { axe, demoKioskHall } from './support/demo-kiosk-hall.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'docs', 'screenshots');

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  hub = await demoKioskHall();
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
});

async function openKiosk(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const token = hub.credentials.passwordFor('kiosk-1')!;
  await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
  return page;
}

async function typeOnScreen(page: Page, letters: string): Promise<void> {
  for (const ch of letters.toUpperCase()) await page.getByRole('group', { name: 'keyboard' }).getByRole('button', { name: ch, exact: true }).click();
}

describe('the kiosk, end to end in Chromium (portrait 1080×1920)', () => {
  it('search by initials, open a guide, print the notice sheet, take a ticket — which the hub and a display see', async () => {
    const wall = streamClient(hub.base, 'display', { deviceId: 'wall-main', token: hub.credentials.passwordFor('wall-main')! });
    const page = await openKiosk({ width: 1080, height: 1920 });
    await page.screenshot({ path: join(shots, 'kiosk-attract-1080x1920.png') });
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /搜索事项/ }).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-home-1080x1920.png') });

    await page.getByRole('button', { name: /搜索事项/ }).click();
    await typeOnScreen(page, 'yyzz');
    const first = page.locator('.list .item').first();
    await expect.poll(() => first.textContent()).toContain('营业执照');
    expect(await page.locator('.list .item mark').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-search-1080x1920.png') });

    await first.click();
    await expect.poll(() => page.locator('h2').first().textContent()).toContain('营业执照');
    await expect.poll(() => page.getByRole('heading', { name: '申请材料' }).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-guide-1080x1920.png'), fullPage: false });

    await page.getByRole('button', { name: /打印一次性告知单/ }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toContain('打印完成');

    await page.getByRole('button', { name: /为此业务取号/ }).click();
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.locator('.ticket-number').textContent(), { timeout: 15_000 }).toMatch(/^[A-Z]\d{3}$/);
    const number = (await page.locator('.ticket-number').textContent())!;
    const ticket = hub.engine.ticketByNumber(number);
    expect(ticket).toMatchObject({ channel: 'kiosk', status: 'waiting' });
    await wall.waitFor(() => wall.events.find((e) => e.type === 'TicketIssued' && e.ticket?.number === number), 10_000, 'the ticket on the display');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-ticket-1080x1920.png') });
    wall.close();
    await page.close();
  }, 120_000);

  it('after a minute untouched, a countdown, then the attract screen with everything cleared', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install();
    const token = hub.credentials.passwordFor('kiosk-1')!;
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /搜索事项/ }).click();
    await typeOnScreen(page, 'spjy');
    await page.getByRole('button', { name: 'A+' }).click();
    await page.clock.runFor(61_000);
    await expect.poll(() => page.getByRole('alertdialog').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'kiosk-idle-1920x1080.png') });
    await page.clock.runFor(11_000);
    await expect.poll(() => page.getByRole('button', { name: /请触摸屏幕开始/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /搜索事项/ }).click();
    expect(await page.locator('.search-box').inputValue()).toBe('');
    expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--scale'))).toBe('1');
    await page.close();
  }, 120_000);

  it('English on a switch; elderly mode enlarges text; refusals are kind and bilingual', async () => {
    const page = await openKiosk({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Search/ }).first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Large & clear' }).click();
    // The class comes with the next render, not with the click's return.
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(true);
    await page.screenshot({ path: join(shots, 'kiosk-home-en-elderly-1920x1080.png') });
    await page.getByRole('button', { name: /Appointment check-in/ }).click();
    await typeOnScreen(page, 'NOPE42');
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No appointment');
    expect(await page.getByRole('alert').textContent()).toContain('没有找到这个预约');
    // Every button is at least 44 px in both directions.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button')].filter((b) => {
        const r = b.getBoundingClientRect();
        return r.width > 0 && (r.width < 44 || r.height < 44);
      }).length,
    );
    expect(small).toBe(0);
    await page.close();
  }, 120_000);

  it('with the hub stopped, guides stay readable and ticketing says it is unavailable', async () => {
    const page = await openKiosk({ width: 1080, height: 1920 });
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    // Let the kiosk finish caching the catalog (it does so by itself after start-up).
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.catalogCached), { timeout: 60_000 }).toBe('all');
    await page.getByRole('button', { name: /按部门查找/ }).click();
    await page.locator('.tile').first().click();
    await page.locator('.list .item').first().click();
    const title = await page.locator('h2').first().textContent();
    await page.getByRole('button', { name: /首页/ }).click();
    await hub.close();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('连接已中断');
    expect(await page.getByRole('button', { name: /取号/ }).first().isDisabled()).toBe(true);
    await page.getByRole('button', { name: /按部门查找/ }).click();
    await page.locator('.tile').first().click();
    await page.locator('.list .item').first().click();
    await expect.poll(() => page.locator('h2').first().textContent()).toBe(title);
    await expect.poll(() => page.getByRole('heading', { name: '申请材料' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'kiosk-offline-guide-1080x1920.png') });
    // A guide never opened before is there too: the whole catalog was cached, and search works from it.
    await page.getByRole('button', { name: /首页/ }).click();
    await page.getByRole('button', { name: /搜索事项/ }).click();
    await typeOnScreen(page, 'hszy');
    await page.locator('.list .item').first().click();
    await expect.poll(() => page.locator('h2').first().textContent()).toContain('护士');
    await page.close();
  }, 120_000);
});
