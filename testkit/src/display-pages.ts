import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

/**
 * Chromium for display pages: like launchChromium, plus audio that may start without a click (a wall has
 * nobody to click it), as the kiosk browser on a real display is started.
 */
export function launchDisplayBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required', ...extraArgs],
  });
}

/** Opens a display's page as its configured device, at its screen size, and waits for its first scene. */
export async function openDisplay(
  browser: Browser,
  base: string,
  deviceId: string,
  token: string,
  size: { width: number; height: number },
  query = '',
): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${base}/display/?device=${deviceId}&token=${encodeURIComponent(token)}${query}`);
  await page.waitForSelector('#surface, .power-off', { timeout: 20_000 });
  return page;
}

export interface VoiceLog {
  pending: string[];
  current: string | null;
  /** pace: brisk when the area was behind its calls (the faster clips) */
  log: Array<{ seqs: number[]; text: string; pace: 'normal' | 'brisk'; start: number; end: number }>;
  /** calls of the display’s voice area not yet spoken past the lateness limit */
  late: number[];
  audio: string;
}

export const voiceOf = (page: Page): Promise<VoiceLog> =>
  page.evaluate(() => JSON.parse(JSON.stringify((globalThis as unknown as { __voice: unknown }).__voice)) as VoiceLog);
