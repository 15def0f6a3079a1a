import type { ErrorBody } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiResult } from '../net/api.js';

/**
 * An image fetched with the session's token, as an object URL for an <img>. It is fetched at once, and again
 * whenever `key` changes — after each of `laterMs` (a picture the hub renders after the change that caused it
 * has no "ready" event of its own, so it is looked at more than once). The picture shown stays until the next
 * one has arrived, and every object URL is revoked once replaced or unmounted.
 */
export function useObjectUrl(
  load: (() => Promise<ApiResult<Blob>>) | null,
  key: string,
  laterMs: readonly number[] = [0],
): { url: string | null; error: ErrorBody | null } {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const shown = useRef<string | null>(null);
  const loader = useRef(load);
  loader.current = load;

  useEffect(
    () => () => {
      if (shown.current) URL.revokeObjectURL(shown.current);
      shown.current = null;
    },
    [],
  );

  useEffect(() => {
    const fetchIt = loader.current;
    if (!fetchIt) return;
    let stale = false;
    let latest = 0;
    const fetchNow = (n: number) => {
      void fetchIt().then((r) => {
        // Only the newest answer counts: an earlier, slower one must not replace it.
        if (stale || n < latest) return;
        latest = n;
        if (!r.ok) return setError(r.error);
        const next = URL.createObjectURL(r.data);
        if (shown.current) URL.revokeObjectURL(shown.current);
        shown.current = next;
        setUrl(next);
        setError(null);
      });
    };
    const timers = (shown.current ? laterMs : [0]).map((ms, i) => setTimeout(() => fetchNow(i), ms));
    return () => {
      stale = true;
      for (const t of timers) clearTimeout(t);
    };
  }, [key, load === null]);

  return { url, error };
}
