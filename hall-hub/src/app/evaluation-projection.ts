import type { QueueState } from '../domain/queue/state.js';
import { openFollowUp } from '../domain/evaluation/follow-up.js';
import { isBad } from '../domain/evaluation/levels.js';
import { ratingDeadline } from '../domain/evaluation/rating-rules.js';
import { addWorkingDays } from '../domain/evaluation/working-days.js';
import type { EvaluationRecord } from '../ports/evaluation-store.js';
import type { EvaluationServiceDeps } from './evaluation-service.js';

/**
 * Evaluations as a projection of the queue: a finished service is recorded as rateable and a rating as an
 * evaluation (with its follow-up if it is a 差评), inside the queue's own transactions.
 */
export function projectEvaluations(deps: EvaluationServiceDeps) {
  const { engine, store, config } = deps;
  const settings = config.evaluation;
  const tz = config.hall.timeZone;
  const windowDept = new Map(config.windows.map((w) => [w.no, w.dept ?? null]));
  const staffDept = new Map(config.staff.map((s) => [s.no, s.dept ?? null]));
  const deptOf = (windowNo: string, staffNo: string | null) => windowDept.get(windowNo) ?? (staffNo ? (staffDept.get(staffNo) ?? null) : null);

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

  return { record, deptOf };
}
