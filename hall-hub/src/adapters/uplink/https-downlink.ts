import type { DownlinkFeed } from '@hall/shared';
import type { DownlinkResult, DownlinkSource } from '../../ports/uplink.js';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER, verifySignature } from './sign.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/**
 * Conditional GETs of `{url}/downlink/v1/{feed}` (If-None-Match). The province signs its answers with the
 * shared key: an unsigned or tampered body is refused and the hall keeps its last good copy.
 */
export function createHttpsDownlink(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): DownlinkSource & { close(): void } {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  return {
    async fetch(feed: DownlinkFeed, etag: string | null, query: Record<string, string>): Promise<DownlinkResult> {
      const qs = new URLSearchParams({ hallId: opts.hallId, ...query }).toString();
      try {
        const r = await client.request('GET', `/downlink/v1/${feed}?${qs}`, { 'x-hall-id': opts.hallId, ...(etag ? { 'if-none-match': etag } : {}) });
        if (r.status === 304) return { status: 'not-modified' };
        if (r.status !== 200) return { status: 'error', error: `HTTP ${r.status}` };
        if (!verifySignature(opts.key, r.body, first(r.headers[SIGNATURE_HEADER]))) return { status: 'error', error: 'bad or missing signature on the answer' };
        return { status: 'ok', etag: first(r.headers.etag), version: first(r.headers['x-version']), body: r.body };
      } catch (err) {
        return { status: 'error', error: (err as Error).message };
      }
    },
    close: () => client.close(),
  };
}
