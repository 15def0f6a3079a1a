import type { RongqueCase, RongqueStore } from '../../ports/rongque-store.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { Db } from './database.js';

interface Row {
  record: string;
  phoneCipher: string | null;
  suppliedAt: number | null;
}

/** 容缺 cases rest sealed (the record names the applicant); the window, times and deadline stay plain for the indexes. */
export function createSqliteRongqueCases(db: Db, sealer: TextSealer): RongqueStore {
  const insert = db.prepare('INSERT INTO rongque_cases (id, window_no, accepted_at, supply_deadline, supplied_at, record, phone_cipher) VALUES (?, ?, ?, ?, NULL, ?, ?)');
  const byId = db.prepare('SELECT record, phone_cipher AS phoneCipher, supplied_at AS suppliedAt FROM rongque_cases WHERE id = ?');
  const open = db.prepare('SELECT record, phone_cipher AS phoneCipher, supplied_at AS suppliedAt FROM rongque_cases WHERE supplied_at IS NULL ORDER BY supply_deadline, id');
  const saveCredit = db.prepare('INSERT INTO credit_lists (id, body, fetched_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at');
  const loadCredit = db.prepare('SELECT body, fetched_at AS fetchedAt FROM credit_lists WHERE id = 1');
  const supplied = db.prepare('UPDATE rongque_cases SET supplied_at = ? WHERE id = ? AND supplied_at IS NULL');
  const read = (r: Row): RongqueCase => {
    const sealed = JSON.parse(sealer.open(r.record)) as Omit<RongqueCase, 'phoneCipher'>;
    const suppliedAt = r.suppliedAt === null ? null : new Date(r.suppliedAt).toISOString();
    return { record: { ...sealed.record, suppliedAt }, applicantName: sealed.applicantName, phoneCipher: r.phoneCipher };
  };
  return {
    insert(c) {
      const body = sealer.seal(JSON.stringify({ record: c.record, applicantName: c.applicantName }));
      insert.run(c.record.id, c.record.windowNo, Date.parse(c.record.acceptedAt), Date.parse(c.record.supplyDeadline), body, c.phoneCipher);
    },
    get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? read(r) : null;
    },
    open: () => (open.all() as Row[]).map(read),
    markSupplied: (id, at) => supplied.run(at, id).changes > 0,
    saveCreditLists: (body, fetchedAt) => void saveCredit.run(body, fetchedAt),
    creditLists: () => (loadCredit.get() as { body: string; fetchedAt: number } | undefined) ?? null,
  };
}
