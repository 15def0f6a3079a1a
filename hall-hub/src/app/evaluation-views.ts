import type { EvaluationView, FollowUpView } from '@hall/shared';
import { currentDue, urgency } from '../domain/evaluation/follow-up.js';
import { isBad } from '../domain/evaluation/levels.js';
import type { EvaluationRecord, FollowUpRecord } from '../ports/evaluation-store.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** An evaluation as the console shows it. */
export function evaluationView(e: EvaluationRecord): EvaluationView {
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

/** A 差评's follow-up as the console shows it, with how urgent it is at `now`. */
export function followUpView(r: FollowUpRecord, e: EvaluationRecord, now: number, warnMs: number): FollowUpView {
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
    ...urgency(f, now, warnMs),
    history: f.history.map((h) => ({ step: h.step, at: iso(h.at), by: h.by, note: h.note })),
  };
}
