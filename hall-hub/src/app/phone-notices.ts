import type { SmsConsentRow, SmsConsentStore } from '../ports/sms-consent-store.js';
import type { HallConfig } from '../config/hall-config-schema.js';
import { redWarnings } from '../domain/queue/warnings.js';
import { peopleAhead } from '../domain/queue/selection.js';
import { lineQueue, type QueueState } from '../domain/queue/state.js';
import { maskPhone, redWarningNotice, turnNearNotice, warningKey, type NoticeFacts } from '../domain/uplink/notices.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/uplink.js';
import type { QueueEngine } from './queue-engine.js';

export interface PhoneNoticesDeps {
  config: HallConfig;
  engine: QueueEngine;
  store: SmsConsentStore;
  outbox: Outbox;
  /** AES-256-GCM with the hall key (the ID-number protector's cipher) */
  encrypt: (phone: string) => string;
  clock: Clock;
  /** called after a notice committed outside a queue command, to wake the relay */
  written: () => void;
}

export interface PhoneNotices {
  /**
   * A visitor's phone for the turn-near SMS, given with explicit consent. Call inside the transaction that
   * issued the ticket (`engine.submit(cmd, alongside)`); returns the masked number.
   */
  register(ticketId: string, phone: string): string;
  /** warnings that appear by time alone are looked for now (the timer does this every few seconds) */
  checkWarnings(): void;
  /** phones held right now (for tests and the status page) */
  heldPhones(): number;
  close(): void;
}

/**
 * 短信通知 through the provincial platform's SMS gateway. A projection of the queue: after every committed event
 * it looks at the waiting tickets whose visitors gave a phone, and the first time one has `turnNearPlaces` or
 * fewer people ahead it writes one notice to the outbox — in the event's own transaction, together with the
 * mark that it was written, so a restart or a replay never sends a second one. New red warnings go to the
 * managers' phones the same way, once per warning per day. Phones are deleted when the next business day starts.
 */
export function createPhoneNotices(deps: PhoneNoticesDeps): PhoneNotices {
  const { config, engine, store, outbox, clock } = deps;
  const n = config.uplink.notices;
  const lineNames = new Map(config.lines.map((l) => [l.id, l.name]));
  const pending = new Map<string, SmsConsentRow>(store.pending().map((r) => [r.ticketId, r]));
  const managers = n.managerPhones.map((p) => deps.encrypt(p));
  const facts = (toCipher: string[], at: number): NoticeFacts => ({ hallId: config.hall.id, hallName: config.hall.name, toCipher, at });

  function checkTurns(state: QueueState, at: number, only?: string): void {
    for (const row of pending.values()) {
      if (only !== undefined && row.ticketId !== only) continue;
      const t = state.tickets.get(row.ticketId);
      // Called, finished, cancelled or of another day: nothing to tell any more.
      if (!t || t.day !== row.day || t.status !== 'waiting') {
        pending.delete(row.ticketId);
        continue;
      }
      const ahead = peopleAhead(state, lineQueue(state, t.lineId), engine.rules.policy.priority, t);
      if (ahead > n.turnNearPlaces) continue;
      pending.delete(row.ticketId);
      if (!store.markNotified(row.ticketId, at)) continue;
      outbox.append(turnNearNotice(facts([row.phoneCipher], at), { day: t.day, number: t.number, lineId: t.lineId, lineName: lineNames.get(t.lineId) ?? t.lineId }, ahead));
    }
  }

  function checkRed(state: QueueState, now: number): boolean {
    if (managers.length === 0) return false;
    const day = state.day ?? hallTime(now, config.hall.timeZone).day;
    let wrote = false;
    for (const w of redWarnings(state, engine.rules, now)) {
      if (!store.firstTime(warningKey(day, w), day, now)) continue;
      outbox.append(redWarningNotice(facts(managers, now), day, w));
      wrote = true;
    }
    return wrote;
  }

  const unproject = engine.project(({ event: e }, state) => {
    if (e.type === 'DayStarted') {
      store.endDaysBefore(e.day);
      pending.clear();
      return;
    }
    if (e.type === 'AppointmentBooked' || e.type === 'RequestHandled') return;
    if (pending.size > 0) checkTurns(state, e.at);
    checkRed(state, e.at);
  });

  function checkWarnings(): void {
    if (managers.length === 0) return;
    const wrote = store.transaction(() => checkRed(engine.state, clock.now()));
    if (wrote) deps.written();
  }
  const timer = managers.length > 0 ? setInterval(checkWarnings, n.warningCheckSeconds * 1000) : null;
  timer?.unref();

  return {
    register(ticketId, phone) {
      const t = engine.state.tickets.get(ticketId);
      if (!t) return maskPhone(phone);
      const row: SmsConsentRow = { ticketId, day: t.day, lineId: t.lineId, phoneCipher: deps.encrypt(phone), phoneMasked: maskPhone(phone), notifiedAt: null };
      store.add({ ...row, at: clock.now() });
      const stored = store.get(ticketId);
      // A retried request (same requestId) finds the first phone: it is not replaced.
      if (stored && stored.notifiedAt === null) {
        pending.set(ticketId, stored);
        // Already near the front when the ticket is taken: told at once.
        checkTurns(engine.state, clock.now(), ticketId);
      }
      return stored?.phoneMasked ?? row.phoneMasked;
    },
    checkWarnings,
    heldPhones: () => store.count(),
    close() {
      unproject();
      if (timer) clearInterval(timer);
    },
  };
}
