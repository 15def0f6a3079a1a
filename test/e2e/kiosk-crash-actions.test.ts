import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HallProcess } from '@hall/testkit/hall-process';
import { outageSuite } from './support/outage-suite.js';

/**
 * Honest actions through a hub crash (#24): a print or a ticket tapped just before the hub dies makes exactly one
 * sheet or ticket — the kiosk resends with the same request key until the hub answers, and the hub de-duplicates —
 * and the visitor is told the result is unknown meanwhile, never that the printer is at fault.
 */
const suite = outageSuite();

const PRINTER_FAULT = '打印机暂时有故障';

async function openKiosk(h: HallProcess): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.goto(`${h.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(h.token('kiosk-1'))}`);
  await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
  // Every state the page shows for a print, and whether it ever blamed the printer, recorded as it happens.
  await page.evaluate((fault) => {
    const w = window as unknown as { __seen: string[]; __blamed: boolean };
    w.__seen = [];
    w.__blamed = false;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-print]')) {
        const s = el.getAttribute('data-print')!;
        if (w.__seen[w.__seen.length - 1] !== s) w.__seen.push(s);
      }
      if (document.body.innerText.includes(fault)) w.__blamed = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, PRINTER_FAULT);
  return page;
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
const blamed = (page: Page) => page.evaluate(() => (window as unknown as { __blamed: boolean }).__blamed);
const printState = (page: Page) => page.locator('[data-print]').first().getAttribute('data-print');

describe('kiosk actions tapped just before a hub crash', () => {
  it('a guide sheet sent to a hung hub that is then killed: "result unknown", then exactly one sheet; a second tap prints no second copy', async () => {
    const h = await suite.startHall();
    const page = await openKiosk(h);
    await page.getByRole('button', { name: /按部门查找/ }).click();
    await page.locator('.tile').first().click();
    await page.locator('.list .item').first().click();
    await expect.poll(() => page.getByRole('heading', { name: '申请材料' }).isVisible(), { timeout: 15_000 }).toBe(true);

    h.hang();
    // Tapped at once, before the kiosk can notice the hang (it then disables printing): one call into the page,
    // not Playwright's click with its waits for a steady page, which on a loaded machine can outlast the notice.
    const tapped = await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('打印一次性告知单'));
      const enabled = button !== undefined && !button.disabled;
      button?.click();
      return enabled;
    });
    expect(tapped).toBe(true);
    await expect.poll(() => printState(page), { timeout: 20_000 }).toBe('unknown');
    expect(await page.getByRole('status').filter({ hasText: '结果未知，正在确认…' }).count()).toBe(1);
    await h.kill();
    await h.restart();

    await expect.poll(() => printState(page), { timeout: 30_000 }).toBe('done');
    expect(h.printed()).toHaveLength(1);
    // Tapped again on the same page: the same request key, the same job — no second sheet.
    await page.getByRole('button', { name: /打印一次性告知单/ }).click();
    await expect.poll(async () => (await seen(page)).slice(-2), { timeout: 20_000 }).toEqual(['printing', 'done']);
    expect(h.printed()).toHaveLength(1);
    expect(await seen(page)).not.toContain('failed');
    expect(await blamed(page)).toBe(false);
  }, 240_000);

  it('a ticket whose request is on its way when the hub is killed: exactly one ticket and one slip, told "result unknown", never a printer fault', async () => {
    const h = await suite.startHall();
    const page = await openKiosk(h);
    await page.getByRole('button', { name: /取号/ }).first().click();
    await page.getByRole('button', { name: /综合业务/ }).click();
    // kill -9 the moment the request leaves the kiosk: whether the hub took it or not is left to the race.
    let killed: Promise<void> | null = null;
    page.on('request', (r) => {
      if (!killed && r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets') killed = h.kill();
    });
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => killed !== null, { timeout: 10_000 }).toBe(true);
    await killed;
    // Whichever side of the race: the kiosk cannot know the ticket's or the slip's fate yet, and says so.
    await expect.poll(() => page.getByText('结果未知，正在确认…').count(), { timeout: 20_000 }).toBe(1);
    // Meanwhile a second tap cannot send a second request: the button waits for the first one's answer.
    expect(await page.getByRole('button', { name: '确认取号' }).isDisabled()).toBe(true);
    await h.restart();

    await expect.poll(() => page.locator('.ticket-number').textContent(), { timeout: 30_000 }).toBe('A001');
    await expect.poll(() => printState(page), { timeout: 30_000 }).toBe('done');
    const queue = await h.api<{ lines: Array<{ id: string; issuedToday: number }> }>('GET', '/api/queue');
    expect(queue.body.lines.find((l) => l.id === 'general')?.issuedToday).toBe(1);
    expect(h.printed()).toHaveLength(1);
    expect(await seen(page)).not.toContain('failed');
    expect(await blamed(page)).toBe(false);
  }, 240_000);
});
