import { CreditListsSchema, creditListsPath } from '@hall/shared';
import type { CreditListsSource } from '../../ports/credit-lists-source.js';
import type { TlsFiles } from './http-client.js';
import { createSignedGet } from './signed-get.js';

/**
 * The province's credit lists: `GET {url}/credit/v1/lists?hallId=…`, signed like a case query; the answer must
 * carry the province's signature and be the lists, or it is not believed (the hub keeps the lists it had).
 */
export function createHttpsCreditLists(opts: { url: string; hallId: string; key: Buffer; tls?: TlsFiles | undefined; timeoutMs: number }): CreditListsSource {
  const signed = createSignedGet(opts);
  return {
    async fetch() {
      const r = await signed.get(creditListsPath(opts.hallId), CreditListsSchema, 'credit lists');
      return r.status === 'ok' ? { status: 'ok', lists: r.doc } : r;
    },
    close: () => signed.close(),
  };
}
