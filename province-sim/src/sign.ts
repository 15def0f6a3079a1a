import { createHmac, timingSafeEqual } from 'node:crypto';

// The province's half of the protocol's signing rule (shared/src/province.ts): `sha256=<hex HMAC-SHA256>`.

function hmacHex(key: Buffer, body: string | Buffer): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

export function signatureHeader(key: Buffer, body: string | Buffer): string {
  return `sha256=${hmacHex(key, body)}`;
}

/** Constant-time check of a `sha256=<hex>` header against the body. */
export function verifySignature(key: Buffer, body: string | Buffer, header: string | undefined | null): boolean {
  const m = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const want = Buffer.from(hmacHex(key, body), 'hex');
  const got = Buffer.from(m[1]!, 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The first value of a header that may be repeated. */
export const firstHeader = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
