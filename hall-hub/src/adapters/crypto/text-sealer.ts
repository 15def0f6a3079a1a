import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data other than ID numbers (appointment names, and the snapshots and feed copies that hold them)
 * rests encrypted too: AES-256-GCM under a key derived from the hall secret for this purpose alone. A sealed
 * text is `s1.` + base64url(iv | tag | ciphertext); a stolen disk without the key shows none of it.
 */
export interface TextSealer {
  seal(text: string): string;
  /** the text back; throws if it was altered or sealed under another key */
  open(sealed: string): string;
  isSealed(value: string): boolean;
}

const PREFIX = 's1.';

export function createTextSealer(secret: Buffer): TextSealer {
  const key = Buffer.from(hkdfSync('sha256', secret, 'hall-hub', 'personal-data-at-rest', 32));
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed text');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    isSealed: (value) => value.startsWith(PREFIX),
  };
}
