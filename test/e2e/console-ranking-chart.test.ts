import type { RankingRow, Report } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { CONSOLE_APP, testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { importDepartments, reportHall, seedMonday } from '@hall/testkit/seeded-day';
import { launchChromium } from '@hall/testkit/browser';

let browser: Browser;
let hub: TestHub;
beforeAll(async () => {
  browser = await launchChromium();
  hub = await testHub(reportHall(), fakeClock(), { listen: true, staticApps: [CONSOLE_APP] });
  importDepartments(hub);
  await seedMonday(hub);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await browser?.close();
});

/** The day's real report, with the ranking of a provincial hall: 40 departments, the last three 样本不足. */
async function fortyDepartments(): Promise<{ report: Report; names: string[] }> {
  const report = (await hub.app.inject({ url: '/api/reports/daily?day=2026-11-23', headers: hub.as('boss') })).json<Report>();
  const template = report.ranking[0]!;
  const names = Array.from({ length: 40 }, (_, i) => `辽宁省第${i + 1}行政审批服务管理局`);
  const ranking: RankingRow[] = names.map((name, i) => ({
    ...template,
    key: `X${i + 1}`,
    name,
    rank: i < 37 ? i + 1 : null,
    score: i < 37 ? 99 - i : null,
    cases: { ...template.cases, onTime: { count: 8, of: 10 - (i % 3), rate: 8 / (10 - (i % 3)), enough: i < 37 } },
  }));
  return { report: { ...report, ranking }, names };
}

async function reportsPage(report: Report): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // The page asks the hub for its report; this one answers with 40 departments, everything else is the hub's.
  await page.route('**/api/reports/daily?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(report) }));
  await page.goto(`${hub.base}/console/#/reports`);
  await page.getByLabel('用户名').fill('boss');
  await page.getByLabel('密码').fill('correct horse');
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

describe('the console’s ranking chart in Chromium', () => {
  it('stays readable with 40 departments: one row each, every name whole, no two labels overlapping', async () => {
    const { report, names } = await fortyDepartments();
    const page = await reportsPage(report);
    const labels = page.locator('#chart-score text.label');
    await expect.poll(() => labels.count(), { timeout: 15_000 }).toBe(40);
    const boxes = await page.locator('#chart-score text').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    const labelBoxes = boxes.filter((b) => /^(\d+|—)\. /.test(b.text));
    expect(labelBoxes.map((b) => b.text)).toEqual(names.map((n, i) => `${i < 37 ? i + 1 : '—'}. ${n}`));
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(apart(a, b), `${a.text} / ${b.text}`).toBe(true);
    // Whole names: none is cut by its column (the text is no wider than what the clip lets through).
    const cut = await labels.evaluateAll((els) => els.filter((el) => (el as SVGTextElement).getBBox().width > 290).length);
    expect(cut).toBe(0);
    // Legible: rows at least as tall as the text, the chart as tall as its rows.
    expect(Math.min(...labelBoxes.map((b) => b.height))).toBeGreaterThanOrEqual(12);
    expect(boxes.filter((b) => b.text === '样本不足')).toHaveLength(3);
    const onTime = await page.locator('#chart-on-time text.value').allTextContents();
    expect(onTime.slice(0, 3)).toEqual(['80.0%', '88.9%', '100.0%']);
    expect(onTime.slice(37)).toEqual(['样本不足', '样本不足', '样本不足']);
    await page.close();
  }, 120_000);
});
