import { createHmac, hkdfSync } from 'node:crypto';
import { CREDIT_SUBJECT_KEY_INFO, CREDIT_SUBJECT_KEY_SALT, normalizeCreditSubject, type CreditEntry, type CreditList, type CreditLists } from '@hall/shared';

/**
 * The province's credit lists (守信红榜 / 失信黑名单) as the hall's downlink serves them: the province knows the
 * numbers, the feed carries only their keyed hashes (shared/src/rongque.ts defines the key and the hash).
 */
export interface CreditListing {
  /** a resident ID number or a unified social credit code */
  number: string;
  list: CreditList;
  reason: string;
  listedAt?: string;
  until?: string | null;
}

export function creditSubjectOf(sharedKey: Buffer, number: string): string {
  const key = Buffer.from(hkdfSync('sha256', sharedKey, CREDIT_SUBJECT_KEY_SALT, CREDIT_SUBJECT_KEY_INFO, 32));
  return createHmac('sha256', key).update(normalizeCreditSubject(number)).digest('base64url');
}

export interface CreditBook {
  /** replaces the lists */
  put(listings: readonly CreditListing[], now: number): void;
  lists(now: number): CreditLists;
}

export function createCreditBook(sharedKey: Buffer): CreditBook {
  let entries: CreditEntry[] = [];
  return {
    put(listings, now) {
      entries = listings.map((l) => ({
        subject: creditSubjectOf(sharedKey, l.number),
        list: l.list,
        reason: l.reason,
        listedAt: l.listedAt ?? new Date(now).toISOString(),
        until: l.until ?? null,
      }));
    },
    lists: (now) => ({ generatedAt: new Date(now).toISOString(), entries }),
  };
}
