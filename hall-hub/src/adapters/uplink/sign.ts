import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The header that carries `sha256=<hex HMAC-SHA256 of the body>` on every uplink request and downlink answer. */
export { SIGNATURE_HEADER } from '@hall/shared';
/** The protocol's signing rule, the same the province (and its simulator) uses. */
export { hmacHex, signatureHeader, verifySignature } from '@hall/shared/node/province-signature';

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
