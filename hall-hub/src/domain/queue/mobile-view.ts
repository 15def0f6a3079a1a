import { noShowMessage, type MobileTicketView } from '@hall/shared';
import type { QueueRules } from './rules.js';
import type { QueueState, Ticket } from './state.js';
import { ticketView } from './views.js';

/**
 * The visitor's own ticket as their phone shows it: position, wait, and the window once called. A ticket of
 * another day is not shown at all — its token expired at the end of its day.
 */
export function mobileTicketView(state: QueueState, rules: QueueRules, t: Ticket, hallName: string): MobileTicketView | null {
  if (t.day !== state.day) return null;
  const v = ticketView(state, rules, t);
  const w = t.windowNo ? rules.windows.get(t.windowNo) : undefined;
  return {
    number: v.number,
    day: v.day,
    lineName: v.lineName,
    lineNameEn: rules.lines.get(t.lineId)?.nameEn ?? null,
    status: v.status,
    peopleAhead: v.peopleAhead,
    estimatedWaitMinutes: v.estimatedWaitMinutes,
    windowNo: v.windowNo,
    windowName: w?.name ?? null,
    calledAt: v.calledAt,
    recallCount: v.recallCount,
    stepOutsLeft: t.status === 'waiting' ? Math.max(0, rules.policy.noShow.stepOutLimit - (t.postponeCount ?? 0)) : 0,
    steppedOut: t.postponeCount ?? 0,
    servingWindows: v.servingWindows,
    hallName,
    noShow: noShowMessage(rules.policy.noShow),
  };
}
