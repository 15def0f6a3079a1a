import type { Page } from 'playwright-core';
import { launchChromium } from '@hall/testkit/browser';
import { startHall, type HallProcess } from '@hall/testkit/hall-process';
import { figure, percentile, type Figure } from './lib/report.js';

/** restarts of the hub (kill -9 at a random moment, back after a random pause) */
const RESTARTS = 20;
/** how long the hub stays up before the kill, and down before the restart: random, uniform in [min, max) ms */
const UP_FOR_MS: [number, number] = [500, 3_000];
const DOWN_FOR_MS: [number, number] = [300, 2_000];
/** a page not back within this long counts as this long (and the figure then fails its target) */
const GIVE_UP_MS = 60_000;

const between = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the page shows `want` (a text it contains) and no offline sign; resolves with the ms from t0.
 * Polled by Chromium on every animation frame, so the figure is good to ~16 ms.
 */
async function backAt(page: Page, selector: string, want: string, t0: number): Promise<number> {
  await page
    .waitForFunction(
      ([sel, text]) => {
        // (bench/ is type-checked without the DOM library too: the page's document, typed by hand)
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        return (doc.querySelector(sel!)?.textContent ?? '').includes(text!) && !doc.querySelector('[data-link-state="offline"]');
      },
      [selector, want],
      { timeout: GIVE_UP_MS, polling: 'raf' },
    )
    .catch(() => undefined);
  return Math.min(GIVE_UP_MS, performance.now() - t0);
}

/**
 * The phone page's recovery after a hub restart, against the kiosk's in the same run: a phone page and a kiosk are
 * open on a real hub process that is killed (kill -9) at a random moment and started again (same port and data
 * folder) after a random pause, twenty times. From the moment the new hub listens, a call is made; a page has
 * recovered when it shows the call's effect (the phone: one person fewer ahead; the kiosk's attract screen: one
 * fewer waiting) and no offline sign.
 */
export async function phoneRecovery(): Promise<Figure[]> {
  let hall: HallProcess | null = null;
  const browser = await launchChromium();
  try {
    const h = (hall = await startHall());
    const boss = await h.managerToken();
    const api = async <T>(path: string, body: unknown, auth?: string) => {
      const r = await h.api<T>('POST', path, body, auth);
      if (r.status >= 300) throw new Error(`phone-recovery: ${path}: HTTP ${r.status}`);
      return r.body;
    };
    // RESTARTS + 1 visitors ahead of the phone's ticket: one is called after every restart.
    // (tickets are issued to kiosks and staff only: taken as the hall's kiosk)
    for (let i = 0; i <= RESTARTS; i++) await api('/api/tickets', { lineId: 'general', requestId: `ahead-ticket-${i}` }, h.kioskAuth());
    const phoneTicket = await api<{ id: string }>('/api/tickets', { lineId: 'general', requestId: 'the-phone' }, h.kioskAuth());
    await api('/api/windows/1/open', { staffNo: 'S1' }, boss);

    const context = await browser.newContext({ locale: 'zh-CN' });
    const kiosk = await context.newPage();
    await kiosk.goto(`${h.base}/kiosk/?device=kiosk-1&token=${encodeURIComponent(h.token('kiosk-1'))}`);
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${h.base}/m/#${phoneTicket.id}`);
    let ahead = RESTARTS + 1;
    let waiting = RESTARTS + 2;
    const t = performance.now();
    await backAt(phone, 'main', `前面还有 ${ahead} 人`, t);
    await backAt(kiosk, '.attract', `当前等候: ${waiting} 人`, t);

    const phoneMs: number[] = [];
    const kioskMs: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await sleep(between(UP_FOR_MS));
      await h.kill();
      await sleep(between(DOWN_FOR_MS));
      await h.restart();
      const t0 = performance.now();
      await api(`/api/windows/1/call-next`, { requestId: `recovery-call-${i}` }, boss);
      ahead -= 1;
      waiting -= 1;
      const [p, k] = await Promise.all([backAt(phone, 'main', `前面还有 ${ahead} 人`, t0), backAt(kiosk, '.attract', `当前等候: ${waiting} 人`, t0)]);
      phoneMs.push(p);
      kioskMs.push(k);
      console.log(`  phone-recovery: restart ${i + 1}/${RESTARTS}: phone ${p.toFixed(0)} ms, kiosk ${k.toFixed(0)} ms`);
    }

    const kioskWhat = `the kiosk's recovery in the same run (attract screen's waiting count), over ${RESTARTS} restarts`;
    return [
      figure({
        id: 'phone-recovery.p99',
        what: `phone page back (new state, no offline sign) after the hub listens again, p99 of ${RESTARTS} kill -9 restarts at random moments`,
        value: percentile(phoneMs, 99),
        unit: 'ms',
        baseline: { what: `${kioskWhat}, p99`, value: percentile(kioskMs, 99), unit: 'ms' },
        target: { text: 'value < 5000 ms', check: ({ value }) => value < 5_000 },
      }),
      figure({
        id: 'phone-recovery.p50',
        what: `phone page back after the hub listens again, median of ${RESTARTS} restarts`,
        value: percentile(phoneMs, 50),
        unit: 'ms',
        baseline: { what: `${kioskWhat}, median`, value: percentile(kioskMs, 50), unit: 'ms' },
      }),
    ];
  } finally {
    await browser.close();
    await hall?.close().catch(() => undefined);
  }
}
