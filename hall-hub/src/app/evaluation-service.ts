import type {
  EvaluationFigures,
  EvaluationView,
  FigureGrouping,
  RateBody,
  RatingChannel,
  TicketEvaluationStatus,
  WindowRateBody,
} from '@hall/shared';
import type { HallConfig } from '../config/hall-config-schema.js';
import { DEFINITIONS, evaluationFigures } from '../domain/evaluation/figures.js';
import { checkRatingContent, ratingDeadline, ratingState, refusalForState } from '../domain/evaluation/rating-rules.js';
import type { Ticket } from '../domain/queue/state.js';
import type { Refusal } from '../domain/queue/refusals.js';
import { refuse } from '../domain/queue/refusals.js';
import type { Clock } from '../ports/clock.js';
import type { EvaluationRecord, EvaluationStore } from '../ports/evaluation-store.js';
import type { TicketRecords } from '../ports/event-store.js';
import { evaluationView } from './evaluation-views.js';
import { createFollowUps, type FollowUps } from './follow-ups.js';
import { projectEvaluations } from './evaluation-projection.js';
import type { QueueEngine } from './queue-engine.js';

export type RateResult = { ok: true; evaluation: EvaluationRecord; duplicate: boolean } | { ok: false; refusal: Refusal };

export interface EvaluationService extends FollowUps {
  /** By the ticket's QR (or a phone): the ticket id is the secret that proves the visitor holds the ticket. */
  rateTicket(ticketId: string, body: RateBody, channel: Extract<RatingChannel, 'qr' | 'mobile'>): Promise<RateResult>;
  /** From the window screen or a tablet at the window: the ticket named, or the one just served there. */
  rateAtWindow(windowNo: string, body: WindowRateBody): Promise<RateResult>;
  status(ticketId: string): TicketEvaluationStatus | null;
  view(e: EvaluationRecord): EvaluationView;
  list(q: { fromDay: string; toDay: string; windowNo?: string | undefined; staffNo?: string | undefined; badOnly?: boolean | undefined; limit: number }): EvaluationView[];
  figures(by: FigureGrouping, fromDay: string, toDay: string): EvaluationFigures;
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
  const knownReasons = new Set(settings.badReasons.map((r) => r.code));
  const reasonList = settings.badReasons.map(({ code, name, nameEn }) => ({ code, name, nameEn }));
  const warnMs = settings.followUp.warnHours * 3_600_000;

  const { record, deptOf } = projectEvaluations(deps);

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
        evaluation: e ? evaluationView(e) : null,
        reasons: reasonList,
      };
    },
    view: evaluationView,
    list: (q) => store.list(q).map(evaluationView),
    figures(by, fromDay, toDay) {
      const { rows, total } = evaluationFigures(store.outcomeCounts(by, fromDay, toDay, clock.now()));
      return { by, from: fromDay, to: toDay, definitions: DEFINITIONS, rows, total };
    },
    ...createFollowUps(store, clock, warnMs),
  };
}
