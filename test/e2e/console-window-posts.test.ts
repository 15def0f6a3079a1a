import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '@hall/testkit/hall-fixture';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { importDepartments, reportHall } from '@hall/testkit/seeded-day';
import { launchChromium } from '@hall/testkit/browser';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const VIEWPORT = { width: 1600, height: 1000 };

let browser: Browser;
let hub: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  // 市场监管 windows 1–3, 税务 window 4; 王芳 (S2, window 2) has learnt the tax line.
  const base = reportHall();
  hub = await testHub({ ...base, staff: base.staff.map((s) => (s.no === 'S2' ? { ...s, skills: ['tax'] } : s)) }, fakeClock(), { listen: true, staticApps: [CONSOLE_APP] });
  importDepartments(hub);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await browser?.close();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${hub.base}/console/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

async function seriousA11yProblems(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } };
    return (await w.axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe('弹性窗口 in the console (Chromium)', () => {
  it('a manager applies the proposed move onto a red line; the window serves it and the red clears after calls', async () => {
    const post = (url: string, who: string, payload: object = {}) => hub.app.inject({ method: 'POST', url, headers: hub.as(who), payload });
    expect((await post('/api/windows/2/open', 'staff-S2')).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'tax' } });
    hub.clock.advance(41 * MINUTE);

    const boss = await signIn('boss');
    const warnings = boss.locator('.warnings');
    await expect.poll(() => warnings.textContent(), { timeout: 15_000 }).toMatch(/■ 3/);
    const move = boss.locator('.line-move[data-move="2:tax"]');
    await expect.poll(() => move.textContent(), { timeout: 15_000 }).toContain('税务业务 ← 2 综合窗口2 王芳');
    expect(await move.textContent()).toContain('人员技能');
    expect(await seriousA11yProblems(boss)).toEqual([]);
    await move.getByRole('button', { name: '一键调整' }).click();

    // The card says what window 2 serves now; the proposal is gone.
    const card = boss.locator('.window-card[data-window="2"] .serves');
    await expect.poll(() => card.getAttribute('data-serves')).toBe('general,tax');
    expect(await card.textContent()).toContain('综合业务、税务业务');
    await expect.poll(() => boss.locator('.line-move').count()).toBe(0);

    // Window 2 calls the tax line now: three calls and the red is gone.
    for (const n of ['B001', 'B002', 'B003']) {
      const r = await post('/api/windows/2/call-next', 'staff-S2', {});
      expect(r.json<{ ticket: { number: string } }>().ticket.number).toBe(n);
    }
    await expect.poll(() => warnings.textContent(), { timeout: 30_000 }).toMatch(/■ 0/);
    await boss.close();
  }, 120_000);

  it('a manager sets a window’s lines and their order by hand, effective at the next call', async () => {
    const boss = await signIn('boss');
    const form = boss.locator('form.assign-lines');
    await form.getByLabel('窗口').selectOption('1');
    await expect.poll(() => form.locator('[data-assign-line="general"]').inputValue()).toBe('1');
    await form.locator('[data-assign-line="tax"]').selectOption('2');
    await form.getByRole('button', { name: /保存/ }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('下一次叫号生效');
    expect(hub.engine.state.assignedLines.get('1')).toEqual([{ line: 'general', order: 1 }, { line: 'tax', order: 2 }]);
    await expect.poll(() => boss.locator('.window-card[data-window="1"] .serves').getAttribute('data-serves')).toBe('general,tax');
    await boss.close();
  }, 120_000);
});

describe('AB岗 in the console (Chromium)', () => {
  it('the B post takes over the A post’s open window from the caller and hands it back in one action', async () => {
    const post = (url: string, who: string, payload: object = {}) => hub.app.inject({ method: 'POST', url, headers: hub.as(who), payload });
    expect((await post('/api/windows/1/open', 'staff-S1')).statusCode).toBe(200);
    const boss = await signIn('boss');
    const card = boss.locator('.window-card[data-window="1"]');
    await expect.poll(() => card.textContent()).toContain('张伟（S1）');

    // 陈静 (S5) backs up 张伟: her caller opens on his window and offers the takeover, with his absence reason.
    const b = await signIn('staff-S5');
    await expect.poll(() => b.getByRole('heading', { level: 1 }).textContent()).toContain('窗口 1');
    await b.getByLabel('A岗离岗原因').selectOption({ index: 0 });
    const reason = await b.getByLabel('A岗离岗原因').inputValue();
    await b.getByRole('button', { name: 'B岗接替上岗' }).click();
    await expect.poll(() => card.textContent()).toContain('陈静（S5）');
    expect(await card.textContent()).toContain(`B岗，代 S1（离岗：${reason}）`);
    expect(hub.engine.state.windows.get('1')).toMatchObject({ staffNo: 'S5', coveringFor: 'S1', absenceReason: reason });
    expect(await seriousA11yProblems(b)).toEqual([]);

    // She serves under her own name now.
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: hub.kiosk(), payload: { lineId: 'general' } });
    await b.getByRole('button', { name: /叫下一位/ }).click();
    await expect.poll(() => card.textContent()).toContain('呼叫中');
    await b.getByRole('button', { name: /办结/ }).click();
    await expect.poll(() => card.textContent()).toContain('空闲');

    await b.getByRole('button', { name: '交回A岗' }).click();
    await expect.poll(() => card.textContent()).toContain('张伟（S1）');
    expect(await card.textContent()).not.toContain('B岗');
    await b.close();
    await boss.close();
  }, 120_000);
});
