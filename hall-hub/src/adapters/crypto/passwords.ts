import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../ports/password-hasher.js';

const N = 16384;
const R = 8;
const P = 1;
const LEN = 32;

/** scrypt$N$r$p$salt$hash (base64url): the cost travels with the hash, so it can be raised later. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, LEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const scryptAsync = (password: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

/**
 * Runs on libuv's thread pool, not the event loop: ~44 ms of scrypt per sign-in would otherwise hold up the
 * calls, screens and kiosks that share the loop.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The hub's password hasher: scrypt, as above. */
export const scryptPasswordHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword };
