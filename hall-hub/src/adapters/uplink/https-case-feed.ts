import { CaseFeedPageSchema, caseFeedPath } from '@hall/shared';
import type { CaseFeedSource } from '../../ports/case-feed-source.js';
import type { TlsFiles } from './http-client.js';
import { createSignedGet } from './signed-get.js';

/**
 * The province's case feed: `GET {url}/cases/v1/feed?hallId=…&since=…&limit=…`, signed like a case query; the
 * answer must carry the province's signature and be a feed page, or it is not believed (nothing is stored).
 */
export function createHttpsCaseFeed(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): CaseFeedSource {
  const signed = createSignedGet(opts);
  return {
    async fetch(since, limit) {
      const r = await signed.get(caseFeedPath(opts.hallId, since, limit), CaseFeedPageSchema, 'a case feed page');
      return r.status === 'ok' ? { status: 'ok', page: r.doc } : r;
    },
    close: () => signed.close(),
  };
}
