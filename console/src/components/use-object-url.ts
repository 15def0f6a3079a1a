import type { ErrorBody } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiResult } from '../net/api.js';

/**
 * An image fetched with the session's token, as an object URL for an <img>. It is fetched at once, and again
 * whenever `key` changes. The picture shown stays until the next one has arrived, and every object URL is revoked
 * once replaced or unmounted.
 */
export function useObjectUrl(load: (() => Promise<ApiResult<Blob>>) | null, key: string): { url: string | null; error: ErrorBody | null } {
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
    // Only the answer for the current key counts: an earlier, slower one must not replace it.
    let stale = false;
    void fetchIt().then((r) => {
      if (stale) return;
      if (!r.ok) return setError(r.error);
      const next = URL.createObjectURL(r.data);
      if (shown.current) URL.revokeObjectURL(shown.current);
      shown.current = next;
      setUrl(next);
      setError(null);
    });
    return () => {
      stale = true;
    };
  }, [key, load === null]);

  return { url, error };
}
