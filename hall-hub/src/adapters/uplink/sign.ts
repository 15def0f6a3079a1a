import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The header that carries `sha256=<hex HMAC-SHA256 of the body>` on every uplink request and downlink answer. */
export { SIGNATURE_HEADER } from '@hall/shared';

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

export class UplinkKeyMissing extends Error {
  constructor() {
    super('uplink: no HMAC key — set HALL_UPLINK_KEY (at least 16 characters) or uplink.keyFile');
    this.name = 'UplinkKeyMissing';
  }
}

/**
 * The key shared with the province: HALL_UPLINK_KEY, else the file `uplink.keyFile`. Never in the
 * configuration itself. For the demo's built-in simulator one is made on first start (owner-only file).
 */
export function loadUplinkKey(env: NodeJS.ProcessEnv, keyFile: string | undefined, dataDir: string, createForDemo: boolean): Buffer {
  const fromEnv = env.HALL_UPLINK_KEY;
  if (fromEnv !== undefined) {
    if (fromEnv.length < 16) throw new Error('HALL_UPLINK_KEY: at least 16 characters');
    return Buffer.from(fromEnv, 'utf8');
  }
  const file = keyFile ?? (createForDemo ? join(dataDir, 'uplink-demo.key') : undefined);
  if (file === undefined) throw new UplinkKeyMissing();
  if (!existsSync(file)) {
    if (!createForDemo) throw new Error(`uplink.keyFile ${file}: no such file`);
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`uplink.keyFile ${file}: the key must be at least 16 characters`);
  return Buffer.from(key, 'utf8');
}
