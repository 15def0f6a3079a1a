import type { FollowUpView } from '@hall/shared';
import { advanceFollowUp, urgency, type FollowUpAction, type FollowUpRequest } from '../domain/evaluation/follow-up.js';
import type { Refusal } from '../domain/queue/refusals.js';
import type { Clock } from '../ports/clock.js';
import type { EvaluationStore, FollowUpRecord } from '../ports/evaluation-store.js';
import { followUpView } from './evaluation-views.js';

export interface FollowUps {
  followUps(q: { status?: string | undefined; attention?: boolean | undefined; limit: number }): FollowUpView[];
  followUp(ref: string): FollowUpView | null;
  advance(ref: string, action: FollowUpRequest): { ok: true; followUp: FollowUpView } | { ok: false; refusal: Refusal };
  /** how many follow-ups are overdue or due soon (超时预警) */
  attention(): { open: number; overdue: number; dueSoon: number };
}

/** 差评 follow-ups: listed, advanced step by step (核实, 整改, 回复), and counted when due soon or overdue. */
export function createFollowUps(store: EvaluationStore, clock: Clock, warnMs: number): FollowUps {
  function viewOf(r: FollowUpRecord): FollowUpView | null {
    const e = store.evaluation(r.ticketId);
    return e ? followUpView(r, e, clock.now(), warnMs) : null;
  }

  return {
    followUps(q) {
      const views = store.followUps({ status: q.status, limit: q.attention ? 10_000 : q.limit }).map(viewOf).filter((v): v is FollowUpView => v !== null);
      return q.attention ? views.filter((v) => v.overdue || v.dueSoon).slice(0, q.limit) : views;
    },
    followUp(ref) {
      const r = store.followUp(ref);
      return r ? viewOf(r) : null;
    },
    advance(ref, action) {
      const r = store.followUp(ref);
      if (!r) return { ok: false, refusal: { code: 'unknown_follow_up', kind: 'not-found', zh: '没有找到这条差评处理记录。', en: 'No such follow-up.' } };
      const next = advanceFollowUp(r.followUp, { ...action, at: clock.now() } as FollowUpAction);
      if (!next.ok) return next;
      store.putFollowUp({ ...r, followUp: next.followUp });
      return { ok: true, followUp: viewOf({ ...r, followUp: next.followUp })! };
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
