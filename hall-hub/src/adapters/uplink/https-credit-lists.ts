import { Value } from '@sinclair/typebox/value';
import { CreditListsSchema, caseQuerySigningText, creditListsPath } from '@hall/shared';
import type { CreditListsSource } from '../../ports/credit-lists-source.js';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from './sign.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/**
 * The province's credit lists: `GET {url}/credit/v1/lists?hallId=…`, signed like a case query; the answer must
 * carry the province's signature and be the lists, or it is not believed (the hub keeps the lists it had).
 */
export function createHttpsCreditLists(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): CreditListsSource {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  const prefix = new URL(opts.url).pathname.replace(/\/$/, '');
  return {
    async fetch() {
      const path = creditListsPath(opts.hallId);
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
        if (!Value.Check(CreditListsSchema, doc)) {
          const e = Value.Errors(CreditListsSchema, doc).First();
          return { status: 'error', error: `not credit lists: ${e ? `${e.path} ${e.message}` : 'invalid'}` };
        }
        return { status: 'ok', lists: doc };
      } catch (err) {
        return { status: 'error', error: (err as Error).message };
      }
    },
    close: () => client.close(),
  };
}
