import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hall's secret (32 bytes): from HALL_SECRET_KEY (base64) if set, else a key file in the data folder,
 * created on first start with owner-only permissions. Losing it makes stored ID numbers unreadable.
 */
export function loadHallSecret(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  if (env.HALL_SECRET_KEY) {
    const key = Buffer.from(env.HALL_SECRET_KEY, 'base64');
    if (key.length !== 32) throw new Error('HALL_SECRET_KEY: must be 32 bytes, base64-encoded');
    return key;
  }
  const file = join(dataDir, 'hall-secret.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file}: does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}
