import type { RongqueRecord } from '@hall/shared';

/** A 容缺 acceptance at rest: the public record, the applicant's full name (sealed) and the reminder's phone. */
export interface RongqueCase {
  record: RongqueRecord;
  applicantName: string;
  /** the phone number encrypted with the hall key; null without consent */
  phoneCipher: string | null;
}

export interface RongqueStore {
  /** call inside the transaction that also writes the outbox rows */
  insert(c: RongqueCase): void;
  get(id: string): RongqueCase | null;
  /** the cases whose materials have not all come yet, oldest deadline first */
  open(): RongqueCase[];
  markSupplied(id: string, at: number): boolean;
  /** the credit lists' last good copy (the signed body as received) */
  saveCreditLists(body: string, fetchedAt: number): void;
  creditLists(): { body: string; fetchedAt: number } | null;
}
