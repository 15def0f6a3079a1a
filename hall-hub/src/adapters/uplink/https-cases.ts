import { Value } from '@sinclair/typebox/value';
import { ProvinceCaseSchema, caseQuerySigningText } from '@hall/shared';
import type { CaseSource } from '../../ports/case-source.js';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from './sign.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/**
 * 办件查询 at the province: `GET {url}/cases/v1/{caseNo}?hallId=…&idLast4=…`, signed with the shared key like
 * the uplink's batches; the answer must carry the province's signature too, or it is not believed.
 */
export function createHttpsCaseSource(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): CaseSource {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  const prefix = new URL(opts.url).pathname.replace(/\/$/, '');
  return {
    async lookup(caseNo, idLast4) {
      const qs = new URLSearchParams({ hallId: opts.hallId, ...(idLast4 ? { idLast4 } : {}) }).toString();
      const path = `/cases/v1/${encodeURIComponent(caseNo)}?${qs}`;
      try {
        const r = await client.request('GET', path, { 'x-hall-id': opts.hallId, [SIGNATURE_HEADER]: signatureHeader(opts.key, caseQuerySigningText(`${prefix}${path}`)) });
        if (r.status === 404) return { status: 'not-found' };
        if (r.status !== 200) return { status: 'unavailable', error: `HTTP ${r.status}` };
        if (!verifySignature(opts.key, r.body, first(r.headers[SIGNATURE_HEADER]))) return { status: 'unavailable', error: 'bad or missing signature on the answer' };
        let doc: unknown;
        try {
          doc = JSON.parse(r.body);
        } catch {
          return { status: 'unavailable', error: 'answer is not JSON' };
        }
        if (!Value.Check(ProvinceCaseSchema, doc)) return { status: 'unavailable', error: 'answer is not a case' };
        return { status: 'found', case: doc };
      } catch (err) {
        return { status: 'unavailable', error: (err as Error).message };
      }
    },
    close: () => client.close(),
  };
}
