import type { SendResult, UplinkBatch, UplinkTransport } from '../../ports/uplink.js';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER } from './sign.js';

function retryAfterMs(v: string | string[] | undefined): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined) return undefined;
  const seconds = Number(s);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 3_600_000) : undefined;
}

/**
 * HTTPS JSON: one POST per batch to `{url}/uplink/v1/{stream}`, signed (X-Hall-Signature: sha256=HMAC of the
 * body) and carrying an Idempotency-Key. Any 2xx is an acknowledgement; everything else is retried later —
 * events are never dropped, a 4xx is a misconfiguration someone must see in the status.
 */
export function createHttpsTransport(opts: { url: string; hallId: string; tls?: TlsFiles | undefined; timeoutMs: number }): UplinkTransport {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  return {
    kind: 'https',
    endpoint: client.endpoint,
    async send(batch: UplinkBatch): Promise<SendResult> {
      try {
        const r = await client.request(
          'POST',
          `/uplink/v1/${batch.stream}`,
          {
            'content-type': 'application/json',
            'x-hall-id': opts.hallId,
            [SIGNATURE_HEADER]: `sha256=${batch.signature}`,
            'idempotency-key': batch.key,
          },
          batch.body,
        );
        if (r.status >= 200 && r.status < 300) return { ok: true };
        const retryable = r.status >= 500 || r.status === 408 || r.status === 429;
        return { ok: false, retryable, error: `HTTP ${r.status}: ${r.body.slice(0, 200)}`, retryAfterMs: retryAfterMs(r.headers['retry-after']) };
      } catch (err) {
        return { ok: false, retryable: true, error: (err as Error).message };
      }
    },
    async close() {
      client.close();
    },
  };
}
