/** fetch with a client timeout, and abortable from outside (a heartbeat that finds the hub gone or back) */
export async function fetchWithin(url: string, init: RequestInit, ms: number, outer?: AbortSignal): Promise<Response> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  const onOuter = () => ctl.abort();
  outer?.addEventListener('abort', onOuter);
  try {
    return await fetch(url, { ...init, signal: ctl.signal });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}
