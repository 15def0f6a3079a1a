import { Value } from '@sinclair/typebox/value';
import { CaseFeedPageSchema, caseFeedPath, caseQuerySigningText } from '@hall/shared';
import type { CaseFeedSource } from '../../ports/case-feed-source.js';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from './sign.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/**
 * The province's case feed: `GET {url}/cases/v1/feed?hallId=…&since=…&limit=…`, signed like a case query; the
 * answer must carry the province's signature and be a feed page, or it is not believed (nothing is stored).
 */
export function createHttpsCaseFeed(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): CaseFeedSource {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  const prefix = new URL(opts.url).pathname.replace(/\/$/, '');
  return {
    async fetch(since, limit) {
      const path = caseFeedPath(opts.hallId, since, limit);
      try {
        const r = await client.request('GET', path, { 'x-hall-id': opts.hallId, [SIGNATURE_HEADER]: signatureHeader(opts.key, caseQuerySigningText(`${prefix}${path}`)) });
        if (r.status !== 200) return { status: 'error', error: `HTTP ${r.status}` };
        if (!verifySignature(opts.key, r.body, first(r.headers[SIGNATURE_HEADER]))) return { status: 'error', error: 'bad or missing signature on the answer' };
        let doc: unknown;
        try {
          doc = JSON.parse(r.body);
        } catch {
          return { status: 'error', error: 'answer is not JSON' };
        }
        if (!Value.Check(CaseFeedPageSchema, doc)) {
          const e = Value.Errors(CaseFeedPageSchema, doc).First();
          return { status: 'error', error: `not a case feed page: ${e ? `${e.path} ${e.message}` : 'invalid'}` };
        }
        return { status: 'ok', page: doc };
      } catch (err) {
        return { status: 'error', error: (err as Error).message };
      }
    },
    close: () => client.close(),
  };
}
