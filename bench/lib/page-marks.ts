import type { Page } from 'playwright-core';

/** When a ticket first showed on the measured page, and when its main thread got the WebSocket message before it. */
export interface PageMark {
  at: number;
  arrived: number;
}

/**
 * The measured page's marks (`__mark('<ticket> <at> <arrived>')` from OBSERVE_WALL) by a raw CDP binding
 * (Runtime.addBinding): one message out of the page per mark, and it outlives a reload. Playwright's exposeBinding
 * answers every call by evaluating its result back in the page — a second task on the measured main thread for
 * each call (≈ 2 ms at 4× throttling), which the bare page it is compared with never paid. Set up before the page
 * navigates.
 */
export async function collectMarks(page: Page): Promise<Map<string, PageMark>> {
  const seen = new Map<string, PageMark>();
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.bindingCalled', (e) => {
    if (e.name !== '__mark') return;
    const [ticket, at, arrived] = e.payload.split(' ');
    if (ticket && !seen.has(ticket)) seen.set(ticket, { at: Number(at), arrived: Number(arrived) });
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__mark' });
  return seen;
}
