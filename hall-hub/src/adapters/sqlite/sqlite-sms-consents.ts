import type { SmsConsentRow, SmsConsentStore } from '../../ports/sms-consent-store.js';
import type { Db } from './database.js';

/**
 * Phones given at the kiosk with consent (encrypted), and the notices already written. Every write happens
 * inside a queue transaction (the engine's projection or the issue command's `alongside`), so a notice row in
 * the outbox and the mark that it was written commit together.
 */
export function createSqliteSmsConsents(db: Db): SmsConsentStore {
  const insert = db.prepare('INSERT OR IGNORE INTO sms_consents (ticket_id, day, line_id, phone_cipher, phone_masked, consented_at) VALUES (?, ?, ?, ?, ?, ?)');
  const pending = db.prepare('SELECT ticket_id AS ticketId, day, line_id AS lineId, phone_cipher AS phoneCipher, phone_masked AS phoneMasked, notified_at AS notifiedAt FROM sms_consents WHERE notified_at IS NULL');
  const one = db.prepare('SELECT ticket_id AS ticketId, day, line_id AS lineId, phone_cipher AS phoneCipher, phone_masked AS phoneMasked, notified_at AS notifiedAt FROM sms_consents WHERE ticket_id = ?');
  const notified = db.prepare('UPDATE sms_consents SET notified_at = ? WHERE ticket_id = ? AND notified_at IS NULL');
  const dropBefore = db.prepare('DELETE FROM sms_consents WHERE day < ?');
  const dropNoticesBefore = db.prepare('DELETE FROM notices_sent WHERE day < ?');
  // Turn-near notices of a finished day that the province never got are stale: they leave with the phones.
  const dropStaleOutbox = db.prepare("DELETE FROM outbox WHERE stream = 'notices' AND type = 'turn-near' AND json_extract(payload, '$.day') < ?");
  const sent = db.prepare('INSERT OR IGNORE INTO notices_sent (key, day, at) VALUES (?, ?, ?)');
  const count = db.prepare('SELECT count(*) AS n FROM sms_consents');
  return {
    add(r: { ticketId: string; day: string; lineId: string; phoneCipher: string; phoneMasked: string; at: number }): void {
      insert.run(r.ticketId, r.day, r.lineId, r.phoneCipher, r.phoneMasked, r.at);
    },
    pending: () => pending.all() as SmsConsentRow[],
    get: (ticketId: string) => (one.get(ticketId) as SmsConsentRow | undefined) ?? null,
    /** true the first time only */
    markNotified: (ticketId: string, at: number): boolean => notified.run(at, ticketId).changes === 1,
    /** true the first time a notice key is seen */
    firstTime: (key: string, day: string, at: number): boolean => sent.run(key, day, at).changes === 1,
    /** the business day `day` has started: everything of earlier days goes */
    endDaysBefore(day: string): number {
      dropStaleOutbox.run(day);
      dropNoticesBefore.run(day);
      return dropBefore.run(day).changes;
    },
    count: () => (count.get() as { n: number }).n,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
