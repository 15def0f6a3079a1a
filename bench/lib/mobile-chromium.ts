import type { Page } from 'playwright-core';
import { launchChromium } from '@hall/testkit/browser';

/** an old, small phone, as test/e2e/mobile.test.ts uses */
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export interface ChromiumCheck {
  /** DOM updates seen / expected */
  seen: number;
  expected: number;
  /** ms from the call to the DOM showing it (epoch clocks of this process and the page) */
  latencies: number[];
}

/** Epoch milliseconds with sub-ms resolution; a page's performance.timeOrigin + now() is on the same clock. */
const epochMs = () => performance.timeOrigin + performance.now();

/**
 * The real page in Chromium among the crowd: `tokens` are the first tickets of one line, in order; each page is
 * opened on a phone viewport, then `call()` is made once per page, a second apart. After call j, page j shows
 * “请到窗口办理” and its window, and every page k > j shows k − j − 1 people ahead. A MutationObserver in each page stamps every change
 * of the page's text, so the time is when the DOM changed, not when the benchmark looked.
 */
export async function checkInChromium(base: string, tokens: readonly string[], call: () => Promise<void>): Promise<ChromiumCheck> {
  const browser = await launchChromium();
  const out: ChromiumCheck = { seen: 0, expected: 0, latencies: [] };
  try {
    const pages: Page[] = [];
    for (const token of tokens) {
      const page = await browser.newPage({ ...PHONE, locale: 'zh-CN' });
      // No named inner functions (tsx would wrap them in a helper the page does not have), and no DOM names (the
      // hub's tsconfig, which has no DOM library, checks the benchmarks too).
      await page.addInitScript(() => {
        const g = globalThis as unknown as {
          __marks: Array<[number, string]>;
          document: { getElementById(id: string): { textContent: string | null } | null };
          MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
        };
        g.__marks = [];
        new g.MutationObserver(() => {
          const text = g.document.getElementById('app')?.textContent ?? '';
          const last = g.__marks[g.__marks.length - 1];
          if (!last || last[1] !== text) g.__marks.push([performance.timeOrigin + performance.now(), text]);
        }).observe(g.document, { subtree: true, childList: true, characterData: true });
      });
      await page.goto(`${base}/m/#${token}`);
      pages.push(page);
    }
    for (const page of pages) await page.getByTestId('number').waitFor({ timeout: 30_000 });

    const marks = (page: Page) => page.evaluate(() => (globalThis as unknown as { __marks: Array<[number, string]> }).__marks);
    for (let j = 0; j < pages.length; j++) {
      const t0 = epochMs();
      await call();
      const expect = pages.map((_, k) => (k < j ? null : k === j ? '请到窗口办理' : k - j - 1 === 0 ? '下一位就是您' : `前面还有 ${k - j - 1} 人`));
      out.expected += expect.filter((e) => e !== null).length;
      const found = new Map<number, number>();
      const end = Date.now() + 10_000;
      while (found.size < pages.length - j && Date.now() < end) {
        for (let k = j; k < pages.length; k++) {
          if (found.has(k)) continue;
          const hit = (await marks(pages[k]!)).find(([t, text]) => t >= t0 && text.includes(expect[k]!));
          if (hit) found.set(k, hit[0] - t0);
        }
        if (found.size < pages.length - j) await new Promise((r) => setTimeout(r, 100));
      }
      out.seen += found.size;
      out.latencies.push(...found.values());
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await browser.close();
  }
  return out;
}
