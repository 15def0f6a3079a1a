import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { noShowMessage, type TicketView } from '@hall/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoKioskSuite, repoRoot } from './support/demo-kiosk-hall.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const suite = demoKioskSuite();
const PORTRAIT = { width: 1080, height: 1920 };

async function openKiosk(): Promise<Page> {
  const page = await suite.browser.newPage({ viewport: PORTRAIT });
  const token = suite.hub.credentials.passwordFor('kiosk-1')!;
  await page.goto(`${suite.hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
  await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
  return page;
}

/** Turns elderly mode on and waits until the page is really drawn in it: the class and the larger type applied. */
async function elderlyOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: '长者模式' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(true);
  // 22 px × 1.25: the larger type is in effect, not just the class (a render can come between the two).
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('27.5px');
}

/**
 * Every button, checkbox, refusal and status message on the page as it stands, that is not inside the viewport
 * (without scrolling), or is covered by something else at its centre. Empty when all of them can be seen and
 * touched on the kiosk's one screen.
 */
function outOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (window.scrollY !== 0) out.push(`page scrolled by ${window.scrollY}px`);
    for (const el of document.querySelectorAll('button, input[type=checkbox], [role=alert], [role=status]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      const hit = inside ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
      const covered = inside && !(hit && (hit === el || el.contains(hit) || hit.contains(el)));
      if (!inside || covered) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 24)}” at ${Math.round(r.top)}–${Math.round(r.bottom)}${covered ? ' (covered)' : ''}`);
    }
    return out;
  });
}

describe('elderly mode on a portrait 1080×1920 kiosk', () => {
  it('every step of taking a ticket has every action, refusal and result above the fold', async () => {
    mkdirSync(shots, { recursive: true });
    const { hub } = suite;
    const lines = hub.app.config.lines.length;
    const page = await openKiosk();
    await elderlyOn(page);

    // Choose the service: every line, the green channel, the optional text and the confirm buttons.
    await page.getByRole('button', { name: /^取号/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: '请选择要办理的业务' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.tile').count()).toBe(lines);
    expect(await outOfReach(page)).toEqual([]);

    // Confirm: a line chosen, the confirm buttons enabled.
    await page.locator('.tile:not([disabled])').first().click();
    await expect.poll(() => page.locator('.tile[aria-pressed=true]').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: '确认取号' }).isEnabled()).toBe(true);
    expect(await outOfReach(page)).toEqual([]);

    // The phone for the turn-near text message, on the number pad.
    await page.getByRole('button', { name: '到号短信提醒（选填）' }).click();
    const pad = page.getByRole('group', { name: '手机号码' });
    for (const d of '13812345678') await pad.getByRole('button', { name: d, exact: true }).click();
    await expect.poll(() => page.getByLabel('手机号码').first().textContent()).toBe('13812345678');
    expect(await outOfReach(page)).toEqual([]);

    // A refusal (no consent ticked): shown, with everything still in reach.
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('同意接收一条到号提醒短信');
    expect(await outOfReach(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-elderly-refusal-1080x1920.png') });

    // The ticket: the number, the facts, the print status, the no-show instruction and the way home.
    await page.getByRole('checkbox', { name: /我同意接收/ }).check();
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.locator('.ticket-number').textContent(), { timeout: 15_000 }).toMatch(/^[A-Z]\d{3}$/);
    await expect.poll(() => page.locator('[data-print]').getAttribute('data-print'), { timeout: 20_000 }).toBe('done');
    expect(await page.locator('.no-show-help').textContent()).toBe(noShowMessage(hub.app.config.policy.noShow).zh);
    expect(await outOfReach(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-elderly-ticket-1080x1920.png') });
    await page.close();
  }, 180_000);

  it('a missed ticket looked up at the kiosk says what the no-show policy says, not “ask the help desk”', async () => {
    const { hub } = suite;
    const desk = hub.app.config.windows.find((w) => hub.app.config.staff.some((s) => s.windows.includes(w.no)))!;
    const staffNo = hub.app.config.staff.find((s) => s.windows.includes(desk.no))!.no;
    const issued = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: desk.lines[0]!.line } });
    const ticket = issued.json<TicketView>();
    for (const cmd of [
      { type: 'OpenWindow', windowNo: desk.no, staffNo },
      { type: 'CallTicket', windowNo: desk.no, ticketId: ticket.id },
      { type: 'MarkNoShow', windowNo: desk.no },
    ] as const) {
      const r = await hub.engine.submit(cmd);
      expect(r.ok, cmd.type).toBe(true);
    }
    expect(hub.engine.ticket(ticket.id)).toMatchObject({ status: 'no-show' });

    const page = await openKiosk();
    await page.getByRole('button', { name: /查询我的号/ }).click();
    const keys = page.getByRole('group', { name: 'keyboard' });
    for (const ch of ticket.number) await keys.getByRole('button', { name: ch, exact: true }).click();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const said = noShowMessage(hub.app.config.policy.noShow);
    await expect.poll(() => page.locator('section.card').textContent(), { timeout: 10_000 }).toContain('已过号');
    expect(await page.locator('.no-show-help').textContent()).toBe(said.zh);
    expect(await page.locator('section.card').textContent()).not.toContain('服务台');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('.no-show-help').textContent()).toBe(said.en);
    await page.close();
  }, 120_000);
});
