import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { IdentityInput } from '../../domain/queue/commands.js';
import { createTextSealer, type TextSealer } from './text-sealer.js';

/** `110105199001011234` → `110105********1234`: the form shown on screens and written to logs. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(-4)}`;
}

export interface IdProtector {
  /** A keyed hash (to compare visitors), the masked form, and AES-256-GCM ciphertext (for destinations that need it). */
  protect(idNumber: string): IdentityInput;
  reveal(cipher: string): string;
  /** for the other personal data at rest (appointment names), under a key of its own */
  personal: TextSealer;
}

/**
 * ID numbers never rest in the clear: the queue compares visitors by an HMAC of the number, screens and logs
 * see the masked form, and the number itself is kept encrypted with a key derived from the hall secret.
 */
export function createIdProtector(secret: Buffer): IdProtector {
  const macKey = Buffer.from(hkdfSync('sha256', secret, 'hall-hub', 'id-number-mac', 32));
  const encKey = Buffer.from(hkdfSync('sha256', secret, 'hall-hub', 'id-number-enc', 32));
  const normalize = (id: string) => id.trim().toUpperCase();
  return {
    personal: createTextSealer(secret),
    protect(idNumber) {
      const id = normalize(idNumber);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
      return {
        idKey: createHmac('sha256', macKey).update(id).digest('base64url'),
        idMasked: maskIdNumber(id),
        idCipher: `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`,
      };
    },
    reveal(token) {
      const raw = Buffer.from(token.replace(/^v1\./, ''), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
