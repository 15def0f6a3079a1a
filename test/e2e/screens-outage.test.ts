import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MANAGER, type HallProcess } from '@hall/testkit/hall-process';
import { outageSuite } from './support/outage-suite.js';

/**
 * Screens that never go blank (#24): the kiosk, the hall wall, a signed-in console and a visitor's phone page are
 * loaded once, the hub is killed (kill -9) or hung (SIGSTOP), every page is RELOADED — and shows its last state
 * with the offline sign, from its service worker and what it kept — and when the hub is back (a new process on the
 * same port and data folder, or SIGCONT) every page recovers on its own, with the right state.
 *
 * The issue's 5 s figures (noticing the outage, recovering after it) are not asserted here: on a loaded machine a
 * hard 5 s bound flakes. The waits are generous, the test never reloads a page to help it recover (each page comes
 * back on its own), and the time each page took is printed with the test; bench/phone-recovery.ts measures the
 * recovery against its 5 s target.
 */
const RECOVERY_MS = 30_000;
const DETECT_MS = 30_000;

/** Waits for `check` and says how long it took from `t0`, in the test's output. */
async function timed(what: string, t0: number, check: Promise<unknown>): Promise<void> {
  await check;
  console.log(`${what}: ${(performance.now() - t0).toFixed(0)} ms`);
}

interface Ticket {
  id: string;
  number: string;
}

const suite = outageSuite();

const issue = async (h: HallProcess, requestId: string) => {
  const r = await h.api<Ticket>('POST', '/api/tickets', { lineId: 'general', requestId }, h.kioskAuth());
  expect(r.status).toBe(201);
  return r.body;
};
const callNext = async (h: HallProcess, requestId: string) => {
  const r = await h.api<{ ticket: { number: string } | null }>('POST', '/api/windows/1/call-next', { requestId }, await h.managerToken());
  expect(r.status).toBe(200);
  return r.body.ticket!.number;
};

/** Waits until the page is controlled by its service worker, which has the whole build in its cache by then. */
async function workerInCharge(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

const offlineSign = (page: Page) => page.locator('[data-link-state="offline"]').first();
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

/** The four pages, open and in step with the hub, each with its service worker in charge. */
async function openPages(h: HallProcess): Promise<{ kiosk: Page; wall: Page; console: Page; phone: Page; phoneTicket: Ticket }> {
  // The phone page speaks the browser's language: a Chinese visitor's phone.
  const context = await suite.newContext({ viewport: { width: 1080, height: 1080 }, locale: 'zh-CN' });
  const kiosk = await context.newPage();
  await kiosk.goto(`${h.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(h.token('kiosk-1'))}`);
  const wall = await context.newPage();
  await wall.setViewportSize({ width: 1920, height: 1080 });
  await wall.goto(`${h.base}/display/?device=wall-main&token=${encodeURIComponent(h.token('wall-main'))}`);
  const consolePage = await context.newPage();
  await consolePage.goto(`${h.base}/console/`);
  await consolePage.getByLabel('用户名').fill(MANAGER.username);
  await consolePage.getByLabel('密码').fill(MANAGER.password);
  await consolePage.getByRole('button', { name: '登录' }).click();
  const phoneTicket = (await h.api<Ticket>('POST', '/api/tickets', { lineId: 'general', requestId: 'phone-ticket-1' }, h.kioskAuth())).body;
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${h.base}/m/#${phoneTicket.id}`);
  for (const p of [kiosk, wall, consolePage, phone]) await workerInCharge(p);
  return { kiosk, wall, console: consolePage, phone, phoneTicket };
}

/**
 * Where the wall's offline mark sits: it must cover no text (a count, a call, a window) — and it sits in the header
 * band, between the hall's name and the clock, so it cannot on a fuller wall either (this test hall's wall is short:
 * its lines end high, where a mark in a corner would still cover nothing).
 */
const wallMark = (wall: Page) =>
  wall.evaluate(() => {
    const markEl = document.querySelector('[data-link-state="offline"]')!;
    const mark = markEl.getBoundingClientRect();
    const meets = (r: DOMRect) => r.left < mark.right && mark.left < r.right && r.top < mark.bottom && mark.top < r.bottom;
    const covered = [...document.querySelectorAll('body *')]
      .filter((el) => !markEl.contains(el) && el.children.length === 0 && (el.textContent ?? '').trim() !== '')
      .filter((el) => meets(el.getBoundingClientRect()))
      .map((el) => el.textContent!.trim());
    const head = document.querySelector('.head')!.getBoundingClientRect();
    const inHeader = mark.top >= head.top && mark.bottom <= head.bottom && mark.left >= head.left && mark.right <= head.right;
    return { covered, inHeader };
  });

/** What each open page shows while the hub is away, beyond the offline sign itself. */
async function outageShown(kiosk: Page, wall: Page, consolePage: Page): Promise<void> {
  // The idle kiosk says so before anyone touches it, and hides the stale waiting count.
  await expect.poll(() => text(kiosk, '.attract [data-link-state="offline"]'), { timeout: 20_000 }).toContain('与中心的连接已中断，正在重新连接…');
  expect(await text(kiosk, '.attract')).not.toContain('当前等候');
  // The wall's mark leaves every waiting count (and all else it shows) readable.
  expect(await wall.locator('.lines td').count()).toBeGreaterThan(0);
  expect(await wallMark(wall)).toEqual({ covered: [], inHeader: true });
  // The console: more than a chip — a banner in the outage words, and warnings said to be unchecked (not "none").
  await expect.poll(() => consolePage.getByRole('alert').filter({ hasText: '与中心的连接已中断，正在重新连接…' }).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => consolePage.getByText('预警暂停检查').isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await consolePage.getByText('当前没有预警').count()).toBe(0);
}

/**
 * A second kiosk tab opened while the hub is away finds a guide nobody opened online, from the catalog the kiosk
 * keeps, with its online-address QR code drawn on the kiosk (the hub's QR route is out of reach).
 */
async function guideQrOffline(kiosk: Page, h: HallProcess): Promise<void> {
  const tab = await kiosk.context().newPage();
  await tab.setViewportSize({ width: 1080, height: 1920 });
  await tab.goto(`${h.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(h.token('kiosk-1'))}`);
  await tab.getByRole('button', { name: /请触摸屏幕开始/ }).click();
  await tab.getByRole('button', { name: /搜索事项/ }).click();
  // a guide with an online address (a QR code), found by the kiosk's own search index
  const name = '企业投资项目核准（核准）';
  await tab.locator('.search-box').fill(name);
  await tab.locator('.list .item', { hasText: name }).first().click({ timeout: 30_000 });
  await expect.poll(() => tab.locator('h2').first().textContent(), { timeout: 20_000 }).toBe(name);
  await expect.poll(() => tab.locator('.qr img').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await tab.locator('.qr img').first().getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  expect(await tab.locator('.qr .url').first().textContent()).toBe('https://zwfw.example.gov.cn/item/000101001000/01');
  await tab.close();
}

const waitingTile = (page: Page) => page.locator('.tile').filter({ hasText: '正在等候' }).locator('dd');

async function outageAndBack(fault: 'kill' | 'hang'): Promise<void> {
  const h = await suite.startHall();
  // Before: A001 is called at window 1; A002, A003 and the phone's ticket A004 wait.
  for (let i = 0; i < 3; i++) await issue(h, `before-${fault}-${i}`);
  const boss = await h.managerToken();
  expect((await h.api('POST', '/api/windows/1/open', { staffNo: 'S1' }, boss)).status).toBe(200);
  expect(await callNext(h, `call-${fault}-1`)).toBe('A001');
  const pages = await openPages(h);
  const { kiosk, wall, phone } = pages;
  const consolePage = pages.console;
  expect(pages.phoneTicket.number).toBe('A004');

  // In step before the outage (and, for the wall, saved: it keeps its state at most a second behind).
  await expect.poll(() => text(kiosk, '.attract'), { timeout: 15_000 }).toContain('当前等候: 3 人');
  await expect.poll(() => text(wall, '[data-testid=latest-ticket]'), { timeout: 15_000 }).toBe('A001');
  await expect.poll(() => wall.evaluate(() => localStorage.getItem('hall.display.last')?.includes('A001') ?? false), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => waitingTile(consolePage).textContent(), { timeout: 15_000 }).toBe('3');
  await expect.poll(() => consolePage.evaluate(() => sessionStorage.getItem('hall-console-last')?.includes('"seq"') ?? false), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => text(phone, 'main'), { timeout: 15_000 }).toContain('前面还有 2 人');
  // The kiosk holds the whole catalog (guides readable while the hub is away).
  await expect.poll(() => kiosk.evaluate(() => document.documentElement.dataset.catalogCached), { timeout: 60_000 }).toBe('all');

  const named = { kiosk, wall, console: consolePage, phone };
  if (fault === 'kill') await h.kill();
  else h.hang();
  const down = performance.now();
  // Noticed by every open page, dead or hung (a hung hub keeps its connections open: only the heartbeat tells).
  await Promise.all(
    Object.entries(named).map(([name, p]) => timed(`${fault}: ${name} shows the offline sign`, down, expect.poll(() => offlineSign(p).isVisible(), { timeout: DETECT_MS }).toBe(true))),
  );
  await outageShown(kiosk, wall, consolePage);

  // Reloaded during the outage: every page opens from its worker's cache with its last state and the offline sign.
  for (const p of [kiosk, wall, consolePage, phone]) await p.reload({ timeout: 30_000 });
  await expect.poll(() => offlineSign(kiosk).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => text(kiosk, '.attract'), { timeout: 20_000 }).toContain('断网测试大厅');
  // The attract screen hides the stale waiting count.
  expect(await text(kiosk, '.attract')).not.toContain('当前等候');
  await expect.poll(() => text(wall, '[data-testid=latest-ticket]'), { timeout: 20_000 }).toBe('A001');
  await expect.poll(() => offlineSign(wall).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => waitingTile(consolePage).textContent(), { timeout: 20_000 }).toBe('3');
  await expect.poll(() => offlineSign(consolePage).isVisible(), { timeout: 20_000 }).toBe(true);
  await outageShown(kiosk, wall, consolePage);
  await expect.poll(() => text(phone, '[data-testid=number]'), { timeout: 20_000 }).toBe('A004');
  expect(await text(phone, 'main')).toContain('前面还有 2 人');
  await expect.poll(() => offlineSign(phone).isVisible(), { timeout: 20_000 }).toBe(true);
  if (fault === 'kill') {
    // A file the build does not have gets an error from the worker, never the page in its place.
    const missing = await kiosk.evaluate(() =>
      fetch('/kiosk/assets/not-in-this-build.js').then(
        (r) => `${r.status} ${r.headers.get('content-type') ?? ''}`,
        () => 'network error',
      ),
    );
    expect(missing).toBe('network error');
    await guideQrOffline(kiosk, h);
  }

  // The hub is back; one call changes what every page shows.
  if (fault === 'kill') await h.restart();
  else h.resume();
  const back = performance.now();
  expect(await callNext(h, `call-${fault}-2`)).toBe('A002');
  // All four waited on at once, each timed from the hub's return: the right state and no offline sign.
  const recovered = (name: keyof typeof named, state: () => Promise<boolean>) =>
    timed(`${fault}: ${name} recovered`, back, expect.poll(async () => (await state()) && (await offlineSign(named[name]).count()) === 0, { timeout: RECOVERY_MS }).toBe(true));
  await Promise.all([
    recovered('wall', async () => (await text(wall, '[data-testid=latest-ticket]')) === 'A002'),
    recovered('phone', async () => (await text(phone, 'main')).includes('前面还有 1 人')),
    recovered('console', async () => (await waitingTile(consolePage).textContent()) === '2'),
    recovered('kiosk', async () => (await text(kiosk, '.attract')).includes('当前等候: 2 人')),
  ]);
}

describe('screens through a hub outage and a reload (service workers, last state, recovery)', () => {
  it('kill -9: each of kiosk, wall, console and phone reloads into its last state, marked offline, and recovers with the right state', async () => {
    await outageAndBack('kill');
  }, 180_000);

  it('a hung hub (SIGSTOP): the same, and each recovers when it answers again', async () => {
    await outageAndBack('hang');
  }, 180_000);
});
