import type { CreditEntry, CreditLists, Guide, RongqueBody, RongqueRecord } from '@hall/shared';
import type { Logger } from 'pino';
import type { Calendar } from '../domain/hall-vocabulary.js';
import type { Refusal } from '../domain/queue/refusals.js';
import { creditStandingOf, indexCreditLists } from '../domain/rongque/credit-standing.js';
import { decideRongque, supplyState, type SupplyState } from '../domain/rongque/rongque-acceptance.js';
import { rongqueDueReminder, rongqueReminder, rongqueUplink } from '../domain/rongque/rongque-notices.js';
import { rongqueRefusal } from '../domain/rongque/rongque-refusals.js';
import { maskApplicant } from '../domain/cases/applicant-mask.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { Clock } from '../ports/clock.js';
import type { CreditListsSource } from '../ports/credit-lists-source.js';
import type { RongqueStore } from '../ports/rongque-store.js';
import type { Outbox } from '../ports/uplink.js';

export interface RongqueDeskDeps {
  store: RongqueStore;
  guideOf: (serviceId: string) => Guide | null;
  /** the ticket in hand at a window and the staff member posted there, or null */
  inHand: (windowNo: string) => { ticketNo: string; staffNo: string } | null;
  credit: CreditListsSource;
  /** the keyed hash that names a subject on the credit lists (adapters/crypto/credit-subject.ts) */
  subjectOf: (number: string) => string;
  calendar: Calendar;
  timeZone: string;
  hall: { id: string; name: string };
  outbox: Outbox;
  /** whether the queue stream goes upstream (the record travels on it) */
  upstream: boolean;
  /** whether the notices stream (SMS) is on */
  sms: boolean;
  encrypt: (phone: string) => string;
  written: () => void;
  newId: () => string;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  pollMs: number;
}

export type RongqueAccepted = { ok: true; record: RongqueRecord; applicantName: string; deadlineDay: string; sms: boolean };

export interface OpenRongqueCase extends RongqueRecord {
  state: Extract<SupplyState, 'open' | 'overdue'>;
  deadlineDay: string;
}

export interface RongqueDesk {
  /** staff at `windowNo` accept the ticket in hand with materials missing */
  accept(windowNo: string, body: RongqueBody): RongqueAccepted | { ok: false; refusal: Refusal };
  /** the cases whose materials have not all come, with open or overdue */
  open(): OpenRongqueCase[];
  supplied(id: string): boolean;
  refreshCredit(): Promise<void>;
  /** on a case's deadline day, one SMS to an applicant (with consent) whose materials have not come */
  remindDue(): number;
  creditStatus(): { entries: number; fetchedAt: string | null; lastError: string | null };
  close(): void;
}

/**
 * 容缺受理 at the window: the decision (domain), the credit lists kept fresh from the province, and the
 * acceptance written in one transaction with its upstream record and, with consent, the SMS.
 */
export function startRongqueDesk(deps: RongqueDeskDeps): RongqueDesk {
  let lists: Map<string, CreditEntry[]> | null = null;
  let entries = 0;
  let fetchedAt: number | null = null;
  let lastError: string | null = null;

  function useLists(doc: CreditLists, at: number): void {
    lists = indexCreditLists(doc.entries);
    entries = doc.entries.length;
    fetchedAt = at;
  }
  // The last good copy first: a restarted hub checks applicants while the province is away.
  const kept = deps.store.creditLists();
  if (kept) {
    try {
      useLists(JSON.parse(kept.body) as CreditLists, kept.fetchedAt);
    } catch (err) {
      deps.logger.warn({ error: (err as Error).message }, 'rongque: the kept credit lists cannot be read; waiting for the province');
    }
  }

  async function refreshCredit(): Promise<void> {
    const r = await deps.credit.fetch();
    if (r.status === 'error') {
      lastError = r.error;
      deps.logger.warn({ error: r.error }, 'rongque: credit lists not refreshed; keeping the last good copy');
      return;
    }
    const now = deps.clock.now();
    deps.store.saveCreditLists(JSON.stringify(r.lists), now);
    useLists(r.lists, now);
    lastError = null;
  }
  const deadlineDay = (deadline: string) => hallTime(Date.parse(deadline), deps.timeZone).day;

  function remindDue(): number {
    if (!deps.sms) return 0;
    const now = deps.clock.now();
    const { day: today, minutes } = hallTime(now, deps.timeZone);
    // Not in the night: the first check after 08:00 hall time sends it.
    if (minutes < 8 * 60) return 0;
    const due = deps.store.open().filter((c) => c.phoneCipher !== null && deadlineDay(c.record.supplyDeadline) === today);
    if (due.length === 0) return 0;
    deps.outbox.transaction(() => {
      for (const c of due) deps.outbox.append(rongqueDueReminder({ hallId: deps.hall.id, hallName: deps.hall.name, toCipher: c.phoneCipher!, at: now }, c.record, today));
    });
    deps.written();
    return due.length;
  }

  const timer = setInterval(() => {
    void refreshCredit();
    remindDue();
  }, deps.pollMs);
  timer.unref();
  void refreshCredit();

  return {
    accept(windowNo, body) {
      const hand = deps.inHand(windowNo);
      if (!hand || hand.ticketNo !== body.ticketNo) return { ok: false, refusal: rongqueRefusal('rongque_not_in_hand') };
      const guide = deps.guideOf(body.serviceId);
      if (!guide) return { ok: false, refusal: { code: 'unknown_service', kind: 'not-found', zh: '没有这项业务。', en: 'There is no such business type.' } };
      if (!lists) return { ok: false, refusal: rongqueRefusal('rongque_credit_unknown') };
      const now = deps.clock.now();
      const number = body.applicant.kind === 'person' ? body.applicant.idNumber : body.applicant.creditCode;
      const subject = deps.subjectOf(number);
      const standing = creditStandingOf(lists.get(subject) ?? [], subject, now);
      const d = decideRongque(deps.calendar, deps.timeZone, { guide, missing: body.missing, standing, supplyWorkingDays: body.supplyWorkingDays, acceptedAt: now });
      if (!d.ok) return d;
      const record: RongqueRecord = {
        id: deps.newId(),
        ticketNo: hand.ticketNo,
        windowNo,
        staffId: hand.staffNo,
        serviceId: guide.id,
        serviceName: guide.name,
        departmentName: guide.deptName,
        applicantKind: body.applicant.kind,
        applicant: maskApplicant(body.applicant.kind, body.applicant.name),
        missing: d.missing,
        acceptedAt: new Date(now).toISOString(),
        supplyWorkingDays: body.supplyWorkingDays,
        supplyDeadline: new Date(d.supplyDeadline).toISOString(),
        credit: d.credit,
        suppliedAt: null,
      };
      const day = deadlineDay(record.supplyDeadline);
      const sms = deps.sms && body.smsConsent === true && body.phone !== undefined;
      const phoneCipher = sms ? deps.encrypt(body.phone!) : null;
      deps.outbox.transaction(() => {
        deps.store.insert({ record, applicantName: body.applicant.name, phoneCipher });
        if (deps.upstream) deps.outbox.append(rongqueUplink(deps.hall.id, record));
        if (phoneCipher) deps.outbox.append(rongqueReminder({ hallId: deps.hall.id, hallName: deps.hall.name, toCipher: phoneCipher, at: now }, record, day));
      });
      deps.written();
      return { ok: true, record, applicantName: body.applicant.name, deadlineDay: day, sms };
    },
    open() {
      const now = deps.clock.now();
      return deps.store.open().map(({ record }) => ({ ...record, state: supplyState(Date.parse(record.supplyDeadline), null, now) === 'overdue' ? 'overdue' : 'open', deadlineDay: deadlineDay(record.supplyDeadline) }));
    },
    supplied: (id) => deps.store.markSupplied(id, deps.clock.now()),
    refreshCredit,
    remindDue,
    creditStatus: () => ({ entries, fetchedAt: fetchedAt === null ? null : new Date(fetchedAt).toISOString(), lastError }),
    close() {
      clearInterval(timer);
      deps.credit.close();
    },
  };
}
