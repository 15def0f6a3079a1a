import { HUB_SILENT_MS, type LinkState as HubLink } from '@hall/shared/link-state';
import type { MobileTicketView } from '@hall/shared/mobile';
import { fetchWithin } from './fetch-within.js';

export type LinkState = HubLink | 'gone';

const TOKEN_HEADER = 'x-ticket-token';
const LAST_KEY = 'hall.m.last';
/** the hub holds a poll up to ~25 s (HALL_MOBILE_HOLD_MS); a poll unanswered well past that is a hung hub */
const POLL_TIMEOUT_MS = 35_000;
/** heartbeat: a beat every 2 s, each given 2.5 s, so a dead or hung hub is noticed within 4.5 s */
const BEAT_EVERY_MS = HUB_SILENT_MS - 2_500;
const BEAT_TIMEOUT_MS = 2_500;
/** the pause after a failed poll grows from 0.5 s but never past 2 s: the page is back soon after the hub */
const RETRY_MAX_MS = 2_000;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last view of this ticket the page was shown, so a reload while the hub is away still shows it. */
export function lastView(token: string): MobileTicketView | null {
  try {
    const saved = JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null') as { token: string; view: MobileTicketView } | null;
    return saved?.token === token ? saved.view : null;
  } catch {
    return null;
  }
}

function keepView(token: string, view: MobileTicketView): void {
  try {
    localStorage.setItem(LAST_KEY, JSON.stringify({ token, view }));
  } catch {
    // Private mode or full: the page still works, it just cannot show the ticket after a reload offline.
  }
}

/**
 * Follows one ticket by long polling: each request is held by the hub until the ticket's view changes (or
 * answered 304 after a while), so a call shows within a moment while an idle page costs a request every ~25 s.
 * Beside it a heartbeat on /api/health tells whether the hub is there (the outage model of shared/link-state.ts):
 * when a beat fails the page says it is offline at once; when one answers again the page is online and asks for
 * the ticket afresh (without its ETag, so the hub answers at once rather than holding the request).
 */
export function watchTicket(token: string, onView: (v: MobileTicketView) => void, onLink: (s: LinkState) => void): () => void {
  let stopped = false;
  let etag: string | null = null;
  let failures = 0;
  let online = true;
  let poll = new AbortController();
  const setLink = (up: boolean) => {
    if (up === online) return;
    online = up;
    onLink(up ? 'online' : 'offline');
    // Either way the poll in flight is stale: a hung one is dropped, and after an outage the view is fetched anew.
    etag = null;
    poll.abort();
  };

  void (async () => {
    while (!stopped) {
      try {
        poll = new AbortController();
        const headers: Record<string, string> = { [TOKEN_HEADER]: token };
        if (etag) headers['if-none-match'] = etag;
        const r = await fetchWithin('/api/m/ticket', { headers, cache: 'no-store' }, POLL_TIMEOUT_MS, poll.signal);
        if (r.status === 200) {
          etag = r.headers.get('etag');
          const v = (await r.json()) as MobileTicketView;
          keepView(token, v);
          onView(v);
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
        setLink(true);
      } catch {
        if (stopped) return;
        failures += 1;
        // A poll aborted by the heartbeat is not a failure of its own: go again at once.
        if (poll.signal.aborted && online) continue;
        if (!poll.signal.aborted) setLink(false);
        await delay(Math.min(500 * 2 ** (failures - 1), RETRY_MAX_MS));
      }
    }
  })();

  void (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        const r = await fetchWithin('/api/health', { cache: 'no-store' }, BEAT_TIMEOUT_MS);
        setLink(r.ok);
      } catch {
        setLink(false);
      }
      await delay(Math.max(0, BEAT_EVERY_MS - (Date.now() - started)));
    }
  })();

  return () => {
    stopped = true;
    poll.abort();
  };
}

/**
 * "I am stepping out": the hub moves the ticket back a few places (once); answers the new view or why not. The
 * request key makes a resend (after a dropped link) apply once. A request that got no answer rejects.
 */
export async function stepOut(token: string, requestId: string): Promise<{ ok: true; view: MobileTicketView } | { ok: false; message: string; messageEn: string }> {
  const r = await fetchWithin(
    '/api/m/step-out',
    { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, body: JSON.stringify({ requestId }) },
    HUB_SILENT_MS,
  );
  if (r.ok) return { ok: true, view: (await r.json()) as MobileTicketView };
  const e = (await r.json().catch(() => ({}))) as { message?: string; messageEn?: string };
  return { ok: false, message: e.message ?? '操作失败，请稍后再试。', messageEn: e.messageEn ?? 'That did not work; please try again.' };
}
