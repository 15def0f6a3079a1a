import { createHmac, timingSafeEqual } from 'node:crypto';

// The signing rule of the province protocol (src/province.ts, SIGNATURE_HEADER): `sha256=<hex HMAC-SHA256 of
// the body>`, with the key the hall and the province share. Both sides (the hub's uplink, the simulator) sign
// and check with these. Node only: browsers never sign.

export function hmacHex(key: Buffer, body: string | Buffer): string {
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
