import { createHmac, hkdfSync } from 'node:crypto';
import { CREDIT_SUBJECT_KEY_INFO, CREDIT_SUBJECT_KEY_SALT, normalizeCreditSubject } from '@hall/shared';

/**
 * The hash that names an applicant on the province's credit lists. Not the hub's own ID-number HMAC: that key
 * comes from the hall secret, which the province never sees; this one comes from the key the hall and the
 * province share for signing, derived for this purpose only (shared/src/rongque.ts), so both sides compute it.
 */
export function createCreditSubjectHasher(sharedKey: Buffer): (number: string) => string {
  const key = Buffer.from(hkdfSync('sha256', sharedKey, CREDIT_SUBJECT_KEY_SALT, CREDIT_SUBJECT_KEY_INFO, 32));
  return (number) => createHmac('sha256', key).update(normalizeCreditSubject(number)).digest('base64url');
}
