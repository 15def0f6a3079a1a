import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, demoKioskSuite, kioskSearchPage } from './support/demo-kiosk-hall.js';

const suite = demoKioskSuite();

async function openGuide(name: string): Promise<Page> {
  const page = await kioskSearchPage(suite);
  await page.locator('.search-box').fill(name);
  await page.locator('.list .item', { hasText: name }).first().click({ timeout: 30_000 });
  await expect.poll(() => page.locator('h2').first().textContent(), { timeout: 15_000 }).toBe(name);
  return page;
}

/** The text of the card whose heading is `heading`. */
const card = (page: Page, heading: string) => page.locator('section.card', { has: page.getByRole('heading', { name: heading, exact: true }) }).innerText();

describe('the whole guide on the kiosk (Chromium)', () => {
  it('shows basis, steps, case type, service objects, forms, result, joint departments, complaints line and each material’s source — in Chinese, then English', { timeout: 180_000 }, async () => {
    const page = await openGuide('企业投资项目核准（核准）');
    const about = await card(page, '事项概况');
    for (const s of ['办件类型', '承诺件', '服务对象', '企业法人', '办理形式', '窗口办理、网上办理、快递申请', '审批结果', '项目核准批复文件', '联办部门', '辽宁省自然资源厅、辽宁省住房和城乡建设厅']) expect(about).toContain(s);
    expect(await card(page, '办理依据')).toContain('《企业投资项目核准和备案管理条例》');
    expect(await card(page, '办理流程')).toContain('作出核准决定并印发核准文件');
    const where = await card(page, '办理地点与窗口');
    expect(where).toContain('监督投诉电话：024-22968890');
    expect(where).toContain('支持网上预约');
    const materials = await card(page, '申请材料');
    expect(materials).toContain('政府部门核发');
    expect(materials).toContain('通过电子证照库核验，无需提交');
    expect(await page.locator('.codes').innerText()).toContain('11210000005160919D400010100100001');
    expect(await axe(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    const aboutEn = await card(page, 'About this service');
    for (const s of ['Case type', 'For', 'Ways to apply', 'You receive', 'Together with']) expect(aboutEn).toContain(s);
    expect(await card(page, 'Legal basis')).toContain('《企业投资项目核准和备案管理条例》');
    expect(await page.locator('main').innerText()).toContain('Complaints line');
    await page.close();
  });

  it('leaves out what a guide does not set: no joint departments where the catalog names none', { timeout: 180_000 }, async () => {
    const plain = await openGuide('涉案财物价格认定复核');
    const text = await plain.locator('main').innerText();
    expect(text).toContain('申请材料');
    expect(text).not.toContain('联办部门');
    await plain.close();
  });
});
