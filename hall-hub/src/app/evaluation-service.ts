import type {
  EvaluationFigures,
  EvaluationView,
  FigureGrouping,
  FollowUpView,
  RateBody,
  RatingChannel,
  TicketEvaluationStatus,
  WindowRateBody,
} from '@hall/shared';
import type { HallConfig } from '../config/hall-config-schema.js';
import { DEFINITIONS, evaluationFigures } from '../domain/evaluation/figures.js';
import { advanceFollowUp, currentDue, openFollowUp, urgency, type FollowUpAction, type FollowUpRequest } from '../domain/evaluation/follow-up.js';
import { isBad } from '../domain/evaluation/levels.js';
import { checkRatingContent, ratingDeadline, ratingState, refusalForState } from '../domain/evaluation/rating-rules.js';
import { addWorkingDays } from '../domain/evaluation/working-days.js';
import type { QueueState, Ticket } from '../domain/queue/state.js';
import type { Refusal } from '../domain/queue/refusals.js';
import { refuse } from '../domain/queue/refusals.js';
import type { Clock } from '../ports/clock.js';
import type { EvaluationRecord, EvaluationStore, FollowUpRecord } from '../ports/evaluation-store.js';
import type { TicketRecords } from '../ports/event-store.js';
import type { QueueEngine } from './queue-engine.js';

export type RateResult = { ok: true; evaluation: EvaluationRecord; duplicate: boolean } | { ok: false; refusal: Refusal };

export interface EvaluationService {
  /** By the ticket's QR (or a phone): the ticket id is the secret that proves the visitor holds the ticket. */
  rateTicket(ticketId: string, body: RateBody, channel: Extract<RatingChannel, 'qr' | 'mobile'>): Promise<RateResult>;
  /** From the window screen or a tablet at the window: the ticket named, or the one just served there. */
  rateAtWindow(windowNo: string, body: WindowRateBody): Promise<RateResult>;
  status(ticketId: string): TicketEvaluationStatus | null;
  view(e: EvaluationRecord): EvaluationView;
  list(q: { fromDay: string; toDay: string; windowNo?: string | undefined; staffNo?: string | undefined; badOnly?: boolean | undefined; limit: number }): EvaluationView[];
  figures(by: FigureGrouping, fromDay: string, toDay: string): EvaluationFigures;
  followUps(q: { status?: string | undefined; attention?: boolean | undefined; limit: number }): FollowUpView[];
  followUp(ref: string): FollowUpView | null;
  advance(ref: string, action: FollowUpRequest): { ok: true; followUp: FollowUpView } | { ok: false; refusal: Refusal };
  /** how many follow-ups are overdue or due soon (超时预警) */
  attention(): { open: number; overdue: number; dueSoon: number };
}

export interface EvaluationServiceDeps {
  engine: QueueEngine;
  store: EvaluationStore;
  /** ticket history: a rating of an earlier day's ticket is written to its record too */
  records: TicketRecords;
  config: HallConfig;
  clock: Clock;
  /** called inside the transaction that records an evaluation (the uplink's outbox) */
  onRecorded?: (e: EvaluationRecord) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createEvaluationService(deps: EvaluationServiceDeps): EvaluationService {
  const { engine, store, config, clock } = deps;
  const settings = config.evaluation;
  const tz = config.hall.timeZone;
  const knownReasons = new Set(settings.badReasons.map((r) => r.code));
  const reasonList = settings.badReasons.map(({ code, name, nameEn }) => ({ code, name, nameEn }));
  const windowDept = new Map(config.windows.map((w) => [w.no, w.dept ?? null]));
  const staffDept = new Map(config.staff.map((s) => [s.no, s.dept ?? null]));
  const deptOf = (windowNo: string, staffNo: string | null) => windowDept.get(windowNo) ?? (staffNo ? (staffDept.get(staffNo) ?? null) : null);
  const warnMs = settings.followUp.warnHours * 3_600_000;

  function refOf(e: { day: string; ticketNumber: string }): string {
    return `${e.day}-${e.ticketNumber}`;
  }

  /** Writes an evaluation with what follows from it: its follow-up if it is a 差评, and the uplink's record. */
  function record(e: EvaluationRecord): boolean {
    if (!store.putEvaluation(e)) return false;
    if (isBad(e.level)) {
      const f = settings.followUp;
      store.putFollowUp({
        ticketId: e.ticketId,
        ref: refOf(e),
        followUp: openFollowUp(e.ratedAt, {
          verifyDue: addWorkingDays(config.calendar, tz, e.ratedAt, f.verifyWorkingDays),
          rectifyDue: addWorkingDays(config.calendar, tz, e.ratedAt, f.rectifyWorkingDays),
          replyDue: addWorkingDays(config.calendar, tz, e.ratedAt, f.replyWorkingDays),
        }),
      });
    }
    deps.onRecorded?.(e);
    return true;
  }

  // Inside the queue's own transactions: a finished service and a rating are recorded with their events.
  engine.project(({ event: e }, state: QueueState) => {
    if (e.type === 'ServiceFinished') {
      const t = state.tickets.get(e.ticketId);
      if (!t) return;
      const staffNo = state.windows.get(e.windowNo)?.staffNo ?? null;
      store.putServed({
        ticketId: t.id,
        day: t.day,
        ticketNumber: t.number,
        lineId: t.lineId,
        windowNo: e.windowNo,
        staffNo,
        dept: deptOf(e.windowNo, staffNo),
        finishedAt: e.at,
        rateBy: ratingDeadline(e.at, settings.unratedAfterMinutes),
      });
    } else if (e.type === 'ServiceRated') {
      const t = state.tickets.get(e.ticketId);
      if (!t) return;
      const served = store.served(t.id);
      const staffNo = served?.staffNo ?? state.windows.get(e.windowNo)?.staffNo ?? null;
      record({
        ticketId: t.id,
        day: t.day,
        ticketNumber: t.number,
        lineId: t.lineId,
        windowNo: e.windowNo,
        staffNo,
        dept: served?.dept ?? deptOf(e.windowNo, staffNo),
        level: e.level,
        channel: e.channel,
        active: true,
        reasons: e.reasons ?? [],
        comment: e.comment ?? null,
        servedAt: t.finishedAt ?? e.at,
        ratedAt: e.at,
      });
    }
  });

  const requestKey = (ticketId: string, requestId: string) => `rate:${ticketId}:${requestId}`;

  function isRated(t: Ticket): boolean {
    return t.rating !== null || store.evaluation(t.id) !== null;
  }

  async function rateKnown(t: Ticket, body: RateBody, channel: RatingChannel, windowNo: string): Promise<RateResult> {
    const bad = checkRatingContent(body.level, body.reasons, knownReasons);
    if (bad) return { ok: false, refusal: bad };
    const now = clock.now();
    const state = ratingState(t, isRated(t), now, settings.unratedAfterMinutes);
    const no = refusalForState(state);
    if (no) {
      // A retried request whose rating went through answers as it did the first time.
      const e = store.evaluation(t.id);
      if (state === 'rated' && e && body.requestId !== undefined && engine.state.requests.has(requestKey(t.id, body.requestId))) {
        return { ok: true, evaluation: e, duplicate: true };
      }
      return { ok: false, refusal: no };
    }
    if (t.windowNo !== windowNo) return { ok: false, refusal: refuse('ticket_not_for_window') };
    if (engine.state.tickets.has(t.id)) {
      // Today's ticket: the queue decides, so 一次一评 holds against the evaluator's path too.
      const r = await engine.submit({
        type: 'RateService',
        windowNo,
        ticketId: t.id,
        level: body.level,
        reasons: body.reasons,
        comment: body.comment,
        channel,
        requestId: body.requestId === undefined ? undefined : requestKey(t.id, body.requestId),
      });
      if (!r.ok) return r;
      const e = store.evaluation(t.id);
      return e ? { ok: true, evaluation: e, duplicate: r.duplicate } : { ok: false, refusal: refuse('already_rated') };
    }
    // An earlier day's ticket (the QR rated the next morning): the evaluations table's UNIQUE key decides.
    const served = store.served(t.id);
    const e: EvaluationRecord = {
      ticketId: t.id,
      day: t.day,
      ticketNumber: t.number,
      lineId: t.lineId,
      windowNo,
      staffNo: served?.staffNo ?? null,
      dept: served?.dept ?? deptOf(windowNo, served?.staffNo ?? null),
      level: body.level,
      channel,
      active: true,
      reasons: body.reasons ?? [],
      comment: body.comment ?? null,
      servedAt: t.finishedAt ?? now,
      ratedAt: now,
    };
    const recorded = store.transaction(() => {
      if (!record(e)) return false;
      deps.records.save({ ...t, rating: body.level });
      return true;
    });
    return recorded ? { ok: true, evaluation: e, duplicate: false } : { ok: false, refusal: refuse('already_rated') };
  }

  function view(e: EvaluationRecord): EvaluationView {
    return {
      ticketNumber: e.ticketNumber,
      day: e.day,
      windowNo: e.windowNo,
      staffNo: e.staffNo,
      dept: e.dept,
      level: e.level,
      bad: isBad(e.level),
      channel: e.channel,
      active: e.active,
      reasons: e.reasons,
      comment: e.comment,
      servedAt: iso(e.servedAt),
      ratedAt: iso(e.ratedAt),
    };
  }

  function followUpView(r: FollowUpRecord): FollowUpView | null {
    const e = store.evaluation(r.ticketId);
    if (!e) return null;
    const f = r.followUp;
    const due = currentDue(f);
    return {
      id: r.ref,
      ticketNumber: e.ticketNumber,
      day: e.day,
      windowNo: e.windowNo,
      staffNo: e.staffNo,
      level: e.level,
      reasons: e.reasons,
      comment: e.comment,
      status: f.status,
      finding: f.finding,
      openedAt: iso(f.openedAt),
      verifyDue: iso(f.verifyDue),
      rectifyDue: iso(f.rectifyDue),
      replyDue: iso(f.replyDue),
      due: due === null ? null : iso(due),
      ...urgency(f, clock.now(), warnMs),
      history: f.history.map((h) => ({ step: h.step, at: iso(h.at), by: h.by, note: h.note })),
    };
  }

  return {
    async rateTicket(ticketId, body, channel) {
      const t = engine.ticket(ticketId);
      if (!t) return { ok: false, refusal: refuse('unknown_ticket') };
      return rateKnown(t, body, channel, t.windowNo ?? '');
    },
    async rateAtWindow(windowNo, body) {
      const channel = body.via ?? 'window-screen';
      if (body.ticketId !== undefined) {
        const t = engine.ticket(body.ticketId);
        if (!t) return { ok: false, refusal: refuse('unknown_ticket') };
        return rateKnown(t, body, channel, windowNo);
      }
      const bad = checkRatingContent(body.level, body.reasons, knownReasons);
      if (bad) return { ok: false, refusal: bad };
      const r = await engine.submit({
        type: 'RateService',
        windowNo,
        level: body.level,
        reasons: body.reasons,
        comment: body.comment,
        channel,
        requestId: body.requestId === undefined ? undefined : `rate-window:${windowNo}:${body.requestId}`,
      });
      if (!r.ok) return r;
      const e = r.ticketId ? store.evaluation(r.ticketId) : null;
      return e ? { ok: true, evaluation: e, duplicate: r.duplicate } : { ok: false, refusal: refuse('nothing_to_rate') };
    },
    status(ticketId) {
      const t = engine.ticket(ticketId);
      if (!t) return null;
      const e = store.evaluation(t.id);
      const state = ratingState(t, e !== null || t.rating !== null, clock.now(), settings.unratedAfterMinutes);
      return {
        ticketNumber: t.number,
        state,
        deadline: t.finishedAt === null ? null : iso(ratingDeadline(t.finishedAt, settings.unratedAfterMinutes)),
        evaluation: e ? view(e) : null,
        reasons: reasonList,
      };
    },
    view,
    list: (q) => store.list(q).map(view),
    figures(by, fromDay, toDay) {
      const { rows, total } = evaluationFigures(store.outcomeCounts(by, fromDay, toDay, clock.now()));
      return { by, from: fromDay, to: toDay, definitions: DEFINITIONS, rows, total };
    },
    followUps(q) {
      const views = store.followUps({ status: q.status, limit: q.attention ? 10_000 : q.limit }).map(followUpView).filter((v): v is FollowUpView => v !== null);
      return q.attention ? views.filter((v) => v.overdue || v.dueSoon).slice(0, q.limit) : views;
    },
    followUp(ref) {
      const r = store.followUp(ref);
      return r ? followUpView(r) : null;
    },
    advance(ref, action) {
      const r = store.followUp(ref);
      if (!r) return { ok: false, refusal: { code: 'unknown_follow_up', kind: 'not-found', zh: '没有找到这条差评处理记录。', en: 'No such follow-up.' } };
      const next = advanceFollowUp(r.followUp, { ...action, at: clock.now() } as FollowUpAction);
      if (!next.ok) return next;
      store.putFollowUp({ ...r, followUp: next.followUp });
      return { ok: true, followUp: followUpView({ ...r, followUp: next.followUp })! };
    },
    attention() {
      const now = clock.now();
      let open = 0;
      let overdue = 0;
      let dueSoon = 0;
      for (const r of store.followUps({ limit: 100_000 })) {
        if (r.followUp.status === 'closed') continue;
        open += 1;
        const u = urgency(r.followUp, now, warnMs);
        if (u.overdue) overdue += 1;
        if (u.dueSoon) dueSoon += 1;
      }
      return { open, overdue, dueSoon };
    },
  };
}
