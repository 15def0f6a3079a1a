import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '@hall/testkit/browser';
import { startHall, type HallProcess } from '@hall/testkit/hall-process';

export interface OutageSuite {
  /** a browser context for this test, closed after it */
  newContext(options: BrowserContextOptions): Promise<BrowserContext>;
  /** a hall process for this test, closed after it (killed, hung or not) */
  startHall(): Promise<HallProcess>;
}

/**
 * One Chromium for the file, and each test's context and hall process closed after the test whatever happened to
 * it — the set-up every test that kills or hangs a hub under open pages needs.
 */
export function outageSuite(): OutageSuite {
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let hall: HallProcess | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterEach(async () => {
    await context?.close().catch(() => undefined);
    context = null;
    await hall?.close().catch(() => undefined);
    hall = null;
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newContext(options) {
      if (!browser) throw new Error('Chromium has not started');
      context = await browser.newContext(options);
      return context;
    },
    async startHall() {
      hall = await startHall();
      return hall;
    },
  };
}
