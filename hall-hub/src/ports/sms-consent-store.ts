/** A phone given at the kiosk with consent for the turn-near SMS (encrypted), and whether its notice went. */
export interface SmsConsentRow {
  ticketId: string;
  day: string;
  lineId: string;
  phoneCipher: string;
  phoneMasked: string;
  notifiedAt: number | null;
}

/**
 * Where consents and the marks of notices already written are kept. Every write happens inside a queue
 * transaction, so a notice in the outbox and the mark that it was written commit together.
 */
export interface SmsConsentStore {
  add(r: { ticketId: string; day: string; lineId: string; phoneCipher: string; phoneMasked: string; at: number }): void;
  pending(): SmsConsentRow[];
  get(ticketId: string): SmsConsentRow | null;
  /** true the first time only */
  markNotified(ticketId: string, at: number): boolean;
  /** true the first time a notice key is seen */
  firstTime(key: string, day: string, at: number): boolean;
  /** the business day `day` has started: everything of earlier days goes; returns the phones dropped */
  endDaysBefore(day: string): number;
  count(): number;
  transaction<T>(fn: () => T): T;
}
