/**
 * Reloads a page that is stuck. Signs of that: the clock has not ticked for half a minute (the page was
 * frozen or throttled into a bad state), errors keep coming, or the hub has been unreachable over the socket
 * for minutes while its health URL answers (a new hub build the old page cannot talk to). A reload is cheap:
 * the identity and the last state are in localStorage, the app shell in the service worker.
 */
export function startWatchdog(opts: { connected: () => boolean; healthUrl: string; reload?: () => void }): () => void {
  const reload = opts.reload ?? (() => location.reload());
  let lastTick = Date.now();
  let errors = 0;
  let offlineSince: number | null = null;
  const onError = () => {
    errors += 1;
    if (errors >= 20) reload();
  };
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onError);
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 30_000) return reload();
    lastTick = now;
    errors = Math.max(0, errors - 1);
    if (opts.connected()) offlineSince = null;
    else if (offlineSince === null) offlineSince = now;
    else if (now - offlineSince > 5 * 60_000) {
      offlineSince = now;
      void fetch(opts.healthUrl, { cache: 'no-store' })
        .then((r) => {
          if (r.ok) reload();
        })
        .catch(() => undefined);
    }
  }, 5_000);
  return () => {
    clearInterval(timer);
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onError);
  };
}
