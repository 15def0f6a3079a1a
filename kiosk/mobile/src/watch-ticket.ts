import type { MobileTicketView } from '@hall/shared/mobile';

export type LinkState = 'online' | 'offline' | 'gone';

const TOKEN_HEADER = 'x-ticket-token';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Follows one ticket by long polling: each request is held by the hub until the ticket's view changes (or
 * answered 304 after a while), so a call shows within a moment while an idle page costs a request every
 * ~25 s. After a failure it retries with a growing pause; a ticket that no longer exists ends the watch.
 */
export function watchTicket(token: string, onView: (v: MobileTicketView) => void, onLink: (s: LinkState) => void): () => void {
  let stopped = false;
  let etag: string | null = null;
  let failures = 0;
  void (async () => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { [TOKEN_HEADER]: token };
        if (etag) headers['if-none-match'] = etag;
        const r = await fetch('/api/m/ticket', { headers, cache: 'no-store' });
        if (r.status === 200) {
          etag = r.headers.get('etag');
          onView((await r.json()) as MobileTicketView);
        } else if (r.status === 404) {
          onLink('gone');
          return;
        } else if (r.status === 429) {
          await delay(30_000);
          continue;
        } else if (r.status !== 304) {
          throw new Error(`HTTP ${r.status}`);
        }
        failures = 0;
        onLink('online');
      } catch {
        failures += 1;
        onLink('offline');
        await delay(Math.min(1000 * 2 ** failures, 15_000));
      }
    }
  })();
  return () => {
    stopped = true;
  };
}

/** "I am stepping out": the hub moves the ticket back a few places (once); answers the new view or why not. */
export async function stepOut(token: string): Promise<{ ok: true; view: MobileTicketView } | { ok: false; message: string; messageEn: string }> {
  const r = await fetch('/api/m/step-out', { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, body: '{}' });
  if (r.ok) return { ok: true, view: (await r.json()) as MobileTicketView };
  const e = (await r.json().catch(() => ({}))) as { message?: string; messageEn?: string };
  return { ok: false, message: e.message ?? '操作失败，请稍后再试。', messageEn: e.messageEn ?? 'That did not work; please try again.' };
}
