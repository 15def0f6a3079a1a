import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { launchChromium } from '@hall/testkit/browser';
import { axe, demoKioskHall, repoRoot } from './support/demo-kiosk-hall.js';
import { characterStrokes, jittered, seeded } from '@hall/testkit/written-characters';

type Row = Record<string, unknown> & { task_code?: string };

/**
 * The demo catalog has no passport service: one more, 普通护照签发 at the provincial police, made from the rows of
 * another of its services (无犯罪记录证明开具) with a new code and name, in the exchange format, as a second batch.
 */
function passportBatch(): Record<string, unknown> {
  const demo = JSON.parse(readFileSync(join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json'), 'utf8')) as Record<string, unknown>;
  const basic = (demo.task_general_basic as Row[]).find((r) => r.task_name === '无犯罪记录证明开具')!;
  const from = basic.task_code!;
  const to = `${from.slice(0, -6)}099000`;
  const batch = '20261102-0001';
  const clone = (r: Row): Row => ({ ...r, row_guid: randomUUID(), cd_batch: batch, task_code: to });
  const doc: Record<string, unknown> = { format: demo.format, area_code: demo.area_code, cd_batch: batch };
  for (const table of ['task_general_basic', 'task_general_extend', 'task_general_material', 'task_general_fee_project', 'task_general_questions']) {
    doc[table] = ((demo[table] as Row[] | undefined) ?? []).filter((r) => r.task_code === from).map(clone);
  }
  (doc.task_general_basic as Row[])[0] = { ...clone(basic), task_name: '普通护照签发', catalog_code: '000106099000', by_law: '《中华人民共和国护照法》' };
  return doc;
}

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  hub = await demoKioskHall();
  const report = hub.catalog.import(passportBatch(), 'passport');
  expect(JSON.stringify(report)).not.toContain('"error');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close().catch(() => undefined);
});

async function searchPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const token = hub.credentials.passwordFor('kiosk-1')!;
  await page.goto(`${hub.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(token)}`);
  await page.getByRole('button', { name: /请触摸屏幕开始/ }).click();
  await page.getByRole('button', { name: /搜索事项/ }).click();
  return page;
}

/** A finger writing `char` on the pad: each stroke of its stroke data (a little shaky) pressed, drawn, lifted. */
async function write(page: Page, char: string, seed: number): Promise<void> {
  const box = (await page.getByRole('img', { name: /手写板/ }).boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x / 1000) * box.width, box.y + (y / 1000) * box.height] as const;
  const random = seeded(seed);
  for (const stroke of jittered(characterStrokes(char), random, 0.5)) {
    const [x0, y0] = at(stroke[0]!);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...at(p));
    await page.mouse.up();
  }
}

/** Until the pad has its answer for the strokes as they stand (each stroke asks; only the last answer shows). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.pad-status').textContent(), { timeout: 15_000 }).toBe('');
}

const bar = (page: Page, name: RegExp) => page.getByRole('group', { name });
const searchBox = (page: Page) => page.getByRole('textbox', { name: /请输入事项名称/ });

describe('Chinese input on the kiosk: handwriting and pinyin (Chromium, 1080×1920)', () => {
  it('a visitor writes 护照 by hand on the pad, picks the characters, and reaches the passport guide', async () => {
    const page = await searchPage();
    await page.getByRole('button', { name: /手写/ }).click();
    await expect.poll(() => page.getByRole('img', { name: /手写板/ }).isVisible()).toBe(true);
    // The pad is a finger's size on the portrait screen, and the letter keys make way for it.
    expect((await page.getByRole('img', { name: /手写板/ }).boundingBox())!.width).toBeGreaterThanOrEqual(600);
    expect(await page.getByRole('group', { name: 'keyboard' }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);

    await write(page, '护', 1);
    await settled(page);
    const candidates = bar(page, /^候选词$/);
    await expect.poll(() => candidates.getByRole('button', { name: '护', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    // Candidates are fingertip-sized.
    const size = (await candidates.getByRole('button', { name: '护', exact: true }).boundingBox())!;
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(64);
    expect(await axe(page)).toEqual([]);
    await candidates.getByRole('button', { name: '护', exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('护');

    // The pad is clear again and suggests what follows 护 in this hall's catalog.
    await expect.poll(() => bar(page, /您可能要写/).getByRole('button', { name: '照', exact: true }).count()).toBe(1);
    await write(page, '照', 2);
    await settled(page);
    await expect.poll(() => candidates.getByRole('button', { name: '照', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await candidates.getByRole('button', { name: '照', exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('护照');

    const passport = page.locator('.list .item', { hasText: '普通护照签发' });
    await expect.poll(() => passport.count()).toBe(1);
    await passport.click();
    await expect.poll(() => page.locator('h2').first().textContent()).toContain('普通护照签发');
    await page.close();
  }, 120_000);

  it('undo takes back the last stroke and rewrite clears the pad, each asking the hub again', async () => {
    const page = await searchPage();
    await page.getByRole('button', { name: /手写/ }).click();
    await expect.poll(() => page.getByRole('img', { name: /手写板/ }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /撤销一笔/ }).isDisabled()).toBe(true);
    await write(page, '照', 3);
    await settled(page);
    const candidates = bar(page, /^候选词$/);
    await expect.poll(() => candidates.getByRole('button').first().textContent(), { timeout: 15_000 }).toBe('照');
    // Thirteen strokes, nine taken back one by one: what is left is the narrow 日 of 照, read as 目, 曰, 厅…
    for (let k = 0; k < 9; k++) await page.getByRole('button', { name: /撤销一笔/ }).click();
    await settled(page);
    expect(await candidates.getByRole('button', { name: '照', exact: true }).count()).toBe(0);
    expect(await candidates.getByRole('button', { name: /^(目|曰|日)$/ }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /重写/ }).click();
    await expect.poll(() => candidates.count()).toBe(0);
    expect(await page.getByRole('button', { name: /撤销一笔/ }).isDisabled()).toBe(true);
    // Back to the letter keys.
    await page.getByRole('button', { name: /收起手写/ }).click();
    expect(await page.getByRole('group', { name: 'keyboard' }).count()).toBe(1);
    await page.close();
  }, 120_000);

  it('a visitor types huzhao on the letter keys and picks 护照 from the candidate bar', async () => {
    const page = await searchPage();
    for (const ch of 'HUZHAO') await page.getByRole('group', { name: 'keyboard' }).getByRole('button', { name: ch, exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('huzhao');
    const candidates = bar(page, /^候选词$/);
    await expect.poll(() => candidates.getByRole('button').first().textContent()).toBe('护照');
    expect(await axe(page)).toEqual([]);
    await candidates.getByRole('button', { name: '护照', exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('护照');
    await expect.poll(() => candidates.count()).toBe(0);
    await expect.poll(() => page.locator('.list .item').first().textContent()).toContain('普通护照签发');

    // One syllable at a time: hu → 护 (the rest stays letters), then zhao → 照.
    await page.getByRole('group', { name: 'keyboard' }).getByRole('button', { name: /清空/ }).click();
    for (const ch of 'HUZHAO') await page.getByRole('group', { name: 'keyboard' }).getByRole('button', { name: ch, exact: true }).click();
    await candidates.getByRole('button', { name: '护', exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('护zhao');
    await expect.poll(() => candidates.getByRole('button').first().textContent()).toBe('照');
    await candidates.getByRole('button', { name: '照', exact: true }).click();
    expect(await searchBox(page).inputValue()).toBe('护照');
    await page.close();
  }, 120_000);
});
