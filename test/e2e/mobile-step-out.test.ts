import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HallProcess } from '@hall/testkit/hall-process';
import { outageSuite } from './support/outage-suite.js';

/**
 * 我暂时离开一下 on the visitor's phone (#24): a visitor who asks to step out must never walk away believing the
 * ticket was moved back when it was not. A request the hub never answered says the result is unknown until the hub
 * answers (then the ticket has moved back exactly once); a request the hub refused says why.
 */
const suite = outageSuite();

interface Ticket {
  id: string;
  number: string;
}

const issue = async (h: HallProcess, requestId: string) => {
  const r = await h.api<Ticket>('POST', '/api/tickets', { lineId: 'general', requestId }, h.kioskAuth());
  expect(r.status).toBe(201);
  return r.body;
};
const view = async (h: HallProcess, token: string) => {
  const r = await fetch(`${h.base}/api/m/ticket`, { headers: { 'x-ticket-token': token } });
  return (await r.json()) as { status: string; peopleAhead: number; steppedOut: number };
};

async function openPhone(h: HallProcess, token: string, serviceWorkers: 'allow' | 'block' = 'allow'): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', serviceWorkers });
  const page = await context.newPage();
  await page.goto(`${h.base}/m/#${token}`);
  return page;
}

describe('the phone page’s 我暂时离开一下 through an outage and a refusal', () => {
  it('confirmed while the hub is down: 结果未知，正在确认… until the hub is back, then the ticket has moved back once', async () => {
    const h = await suite.startHall();
    await issue(h, 'ahead-ticket-1');
    const mine = await issue(h, 'the-phone');
    for (let i = 0; i < 4; i++) await issue(h, `behind-ticket-${i}`);
    const page = await openPhone(h, mine.id);
    await expect.poll(() => page.getByText('前面还有 1 人').isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: '我暂时离开一下' }).click();
    await h.kill();
    await expect.poll(() => page.locator('[data-link-state="offline"]').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: '确认顺延' }).click();
    // The request got no answer: the page says the result is not known — it does not drop the matter silently.
    await expect.poll(() => page.getByRole('status').filter({ hasText: '结果未知，正在确认…' }).isVisible(), { timeout: 20_000 }).toBe(true);

    await h.restart();
    // Resent with the same key until the hub answers: moved back behind the next 3, once.
    await expect.poll(() => page.getByText('已为您向后顺延').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('前面还有 4 人').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('结果未知，正在确认…').count()).toBe(0);
    expect(await view(h, mine.id)).toMatchObject({ status: 'waiting', peopleAhead: 4, steppedOut: 1 });
  }, 120_000);

  it('refused by the hub (the ticket was called meanwhile): the page shows why, it does not go quiet', async () => {
    const h = await suite.startHall();
    const mine = await issue(h, 'the-phone');
    await issue(h, 'behind-1');
    // Without a worker in between, the test can hold the page's long poll back: the page keeps showing the ticket
    // as waiting while the hub has called it — the moment between a call and the page hearing of it, made long.
    const page = await openPhone(h, mine.id, 'block');
    let release: () => void = () => undefined;
    let held: Promise<void> | null = null;
    await page.route('**/api/m/ticket', async (route) => {
      const answer = await route.fetch({ timeout: 0 }).catch(() => null);
      if (held) await held;
      if (answer) await route.fulfill({ response: answer }).catch(() => undefined);
      else await route.abort().catch(() => undefined);
    });
    await expect.poll(() => page.getByText('下一位就是您').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: '我暂时离开一下' }).click();

    held = new Promise((resolve) => (release = resolve));
    const boss = await h.managerToken();
    expect((await h.api('POST', '/api/windows/1/open', { staffNo: 'S1' }, boss)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/1/call-next', { requestId: 'call-the-phone' }, boss)).status).toBe(200);
    expect((await view(h, mine.id)).status).toBe('called');

    await page.getByRole('button', { name: '确认顺延' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '这张号票不在等候中' }).isVisible(), { timeout: 20_000 }).toBe(true);
    release();
    // Once the page hears of the call, it shows it — and the refusal stays in sight.
    await expect.poll(() => page.getByText('请到窗口办理').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('这张号票不在等候中').isVisible()).toBe(true);
  }, 120_000);
});
