import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { caseQuerySigningText } from '@hall/shared';
import { createHttpClient, type TlsFiles } from './http-client.js';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from './sign.js';

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export type SignedGetResult<T> = { status: 'ok'; doc: T } | { status: 'error'; error: string };

/**
 * A GET to the province signed like a case query (a GET has no body: method, path and query are signed), whose
 * answer must carry the province's signature and match `schema`, or it is not believed.
 */
export function createSignedGet(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }) {
  const client = createHttpClient(opts.url, opts.tls, opts.timeoutMs);
  const prefix = new URL(opts.url).pathname.replace(/\/$/, '');
  return {
    async get<S extends TSchema>(path: string, schema: S, what: string): Promise<SignedGetResult<Static<S>>> {
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
        if (!Value.Check(schema, doc)) {
          const e = Value.Errors(schema, doc).First();
          return { status: 'error', error: `not ${what}: ${e ? `${e.path} ${e.message}` : 'invalid'}` };
        }
        return { status: 'ok', doc };
      } catch (err) {
        return { status: 'error', error: (err as Error).message };
      }
    },
    close: () => client.close(),
  };
}
