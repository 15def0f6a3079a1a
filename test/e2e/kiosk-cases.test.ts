import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { axe, demoKioskHall, type DemoKioskHall } from './support/demo-kiosk-hall.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'docs', 'screenshots');

let hub: DemoKioskHall;
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

async function typeOnScreen(page: Page, text: string): Promise<void> {
  const kb = page.getByRole('group', { name: 'keyboard' });
  await kb.getByRole('button', { name: '清空', exact: true }).click();
  for (const ch of text.toUpperCase()) await kb.getByRole('button', { name: ch, exact: true }).click();
}

describe('办件查询 at the kiosk, in Chromium (portrait 1080×1920)', () => {
  it('found (a timeline in words), not found, province down — each a clear screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const token = hub.credentials.passwordFor('kiosk-1')!;
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /办件进度查询/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: '办件查询' }).isVisible()).toBe(true);

    // Found: the case number on the on-screen keyboard, the last four of the ID number as dots only.
    await typeOnScreen(page, '330106202611100003');
    await page.getByRole('button', { name: /身份证后四位/ }).click();
    await typeOnScreen(page, '567X');
    expect(await page.locator('main').textContent()).not.toContain('567X');
    expect(await page.locator('main').textContent()).toContain('●●●●');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const stages = page.getByRole('list', { name: '办理进度' }).getByRole('listitem');
    await expect.poll(() => stages.count()).toBe(4);
    expect(await page.getByRole('status').first().textContent()).toContain('已办结');
    expect(await stages.nth(0).textContent()).toContain('已受理 — 已完成');
    expect(await stages.nth(2).textContent()).toContain('已办结 — 当前进度');
    expect(await stages.nth(3).textContent()).toContain('结果已寄出 — 尚未到达');
    expect(await page.locator('main').textContent()).toContain('王*华');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-case-found-1080x1920.png') });

    // Not found.
    await page.getByRole('button', { name: '查询其他办件' }).click();
    await page.getByRole('button', { name: /办件编号/ }).click();
    await typeOnScreen(page, '330106209999990000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有查到这个办件');
    expect(await page.getByRole('alert').textContent()).toContain('No case was found');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-case-not-found-1080x1920.png') });

    // A receipt scanner (keyboard wedge) types the QR's text and Enter: the number lands in the field.
    await page.keyboard.type('https://zwfw.example.gov.cn/receipt?caseNo=330106202611180002');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('case-no').textContent()).toBe('330106202611180002');

    // Province down.
    await hub.province.goAway();
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('暂时无法连接省政务服务平台');
    expect(await page.locator('main').textContent()).toContain('请稍后再试');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-case-province-down-1080x1920.png') });
    await hub.province.comeBack();
    await page.close();
  }, 120_000);

  it('take-ticket: an optional phone for the turn-near SMS, refused until the consent box is ticked', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const token = hub.credentials.passwordFor('kiosk-1')!;
    await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
    await page.getByRole('button', { name: /^取号/ }).click();
    await page.locator('.tile').first().click();
    await page.getByRole('button', { name: '到号短信提醒（选填）' }).click();
    const pad = page.getByRole('group', { name: '手机号码' });
    for (const d of '13812345678') await pad.getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('同意接收一条到号提醒短信');
    expect(hub.uplink.phoneNotices!.heldPhones()).toBe(0);
    await page.getByRole('checkbox', { name: /我同意接收/ }).check();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'kiosk-sms-opt-in-1080x1920.png') });
    await page.getByRole('button', { name: '确认取号' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '您的号码' }).isVisible()).toBe(true);
    expect(hub.uplink.phoneNotices!.heldPhones()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain('13812345678');
    await page.close();
  }, 120_000);
});
