import type { FollowUpStatus } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';

/**
 * 差评 follow-up: a manager verifies the rating (核实, with the visitor if they left a way back), rectifies what
 * was wrong (整改) and replies (回复). A rating found unfounded on verification goes straight to the reply.
 *
 *   open ──verify(confirmed)──▶ verified ──rectify──▶ rectified ──reply──▶ closed
 *   open ──verify(unfounded)──▶ verified ───────────────reply──────────▶ closed
 */
export type Finding = 'confirmed' | 'unfounded';

export interface FollowUpStep {
  step: 'opened' | 'verify' | 'rectify' | 'reply';
  at: number;
  by: string;
  note: string;
}

export interface FollowUp {
  status: FollowUpStatus;
  finding: Finding | null;
  openedAt: number;
  verifyDue: number;
  rectifyDue: number;
  replyDue: number;
  history: FollowUpStep[];
}

export type FollowUpAction =
  | { type: 'verify'; finding: Finding; note: string; by: string; at: number }
  | { type: 'rectify'; note: string; by: string; at: number }
  | { type: 'reply'; note: string; by: string; at: number };

/** An action as a person asks for it; the time is added by the service. */
export type FollowUpRequest = FollowUpAction extends infer A ? (A extends FollowUpAction ? Omit<A, 'at'> : never) : never;

export function openFollowUp(openedAt: number, due: { verifyDue: number; rectifyDue: number; replyDue: number }): FollowUp {
  return { status: 'open', finding: null, openedAt, ...due, history: [{ step: 'opened', at: openedAt, by: 'system', note: '' }] };
}

const wrongStep = (status: FollowUpStatus, action: FollowUpAction['type']): Refusal => ({
  code: 'follow_up_wrong_step',
  kind: 'conflict',
  zh: `差评处理当前为“${STATUS_ZH[status]}”，不能进行“${ACTION_ZH[action]}”。`,
  en: `The follow-up is ${status}; it cannot be ${action === 'verify' ? 'verified' : action === 'rectify' ? 'rectified' : 'replied to'} now.`,
  details: { status, action },
});

const STATUS_ZH: Record<FollowUpStatus, string> = { open: '待核实', verified: '已核实', rectified: '已整改', closed: '已回复办结' };
const ACTION_ZH: Record<FollowUpAction['type'], string> = { verify: '核实', rectify: '整改', reply: '回复' };

/** The next state of a follow-up, or why the step is not allowed now. */
export function advanceFollowUp(f: FollowUp, a: FollowUpAction): { ok: true; followUp: FollowUp } | { ok: false; refusal: Refusal } {
  const step: FollowUpStep = { step: a.type, at: a.at, by: a.by, note: a.note };
  const next = (patch: Partial<FollowUp>) => ({ ok: true as const, followUp: { ...f, ...patch, history: [...f.history, step] } });
  switch (a.type) {
    case 'verify':
      return f.status === 'open' ? next({ status: 'verified', finding: a.finding }) : { ok: false, refusal: wrongStep(f.status, a.type) };
    case 'rectify':
      return f.status === 'verified' && f.finding === 'confirmed' ? next({ status: 'rectified' }) : { ok: false, refusal: wrongStep(f.status, a.type) };
    case 'reply':
      return f.status === 'rectified' || (f.status === 'verified' && f.finding === 'unfounded')
        ? next({ status: 'closed' })
        : { ok: false, refusal: wrongStep(f.status, a.type) };
  }
}

/** The deadline of the step the follow-up waits for, or null once closed. */
export function currentDue(f: FollowUp): number | null {
  switch (f.status) {
    case 'open':
      return f.verifyDue;
    case 'verified':
      return f.finding === 'unfounded' ? f.replyDue : f.rectifyDue;
    case 'rectified':
      return f.replyDue;
    case 'closed':
      return null;
  }
}

/** 超时预警: overdue once its current deadline has passed; due soon within `warnMs` before it. */
export function urgency(f: FollowUp, now: number, warnMs: number): { overdue: boolean; dueSoon: boolean } {
  const due = currentDue(f);
  if (due === null) return { overdue: false, dueSoon: false };
  return { overdue: now > due, dueSoon: now <= due && now > due - warnMs };
}
