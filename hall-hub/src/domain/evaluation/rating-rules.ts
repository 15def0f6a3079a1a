import type { Satisfaction, TicketStatus } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';
import { isBad } from './levels.js';

/**
 * 一次一评 and 未评价: a served ticket may be rated once, by any channel, until its time to rate runs out; after
 * that it is 未评价 for good — counted apart, never turned into a good rating.
 */
export type RatingState = 'not-served' | 'open' | 'rated' | 'unrated';

export interface RatableTicket {
  status: TicketStatus;
  finishedAt: number | null;
}

export function ratingDeadline(finishedAt: number, unratedAfterMinutes: number): number {
  return finishedAt + unratedAfterMinutes * 60_000;
}

export function ratingState(t: RatableTicket, rated: boolean, now: number, unratedAfterMinutes: number): RatingState {
  if (rated) return 'rated';
  if (t.status !== 'done' || t.finishedAt === null) return 'not-served';
  return now > ratingDeadline(t.finishedAt, unratedAfterMinutes) ? 'unrated' : 'open';
}

const refusal = (code: string, kind: Refusal['kind'], zh: string, en: string, details?: Record<string, unknown>): Refusal =>
  details ? { code, kind, zh, en, details } : { code, kind, zh, en };

/** Why a ticket in this state cannot be rated, or null when it can. */
export function refusalForState(state: RatingState): Refusal | null {
  switch (state) {
    case 'open':
      return null;
    case 'rated':
      return refusal('already_rated', 'conflict', '这次服务已经评价过了，谢谢您。', 'This service has already been rated. Thank you.');
    case 'not-served':
      return refusal('not_served', 'conflict', '这张号票的业务还没有办结，办结后才能评价。', 'This ticket has not been served yet; it can be rated once the service is finished.');
    case 'unrated':
      return refusal('rating_closed', 'conflict', '评价时间已过，这次服务记为“未评价”。', 'The time to rate this service has passed; it is recorded as not rated.');
  }
}

/** Reasons belong to a 差评 and must be ones the hall offers; free text is allowed with any level. */
export function checkRatingContent(level: Satisfaction, reasons: readonly string[] | undefined, known: ReadonlySet<string>): Refusal | null {
  if (!reasons || reasons.length === 0) return null;
  if (!isBad(level)) {
    return refusal('reasons_only_for_bad', 'invalid', '只有“不满意”或“非常不满意”时才需要选择原因。', 'Reasons are given only with a dissatisfied rating.');
  }
  const unknown = reasons.filter((r) => !known.has(r));
  if (unknown.length > 0) {
    return refusal('unknown_reason', 'invalid', `没有这个差评原因：${unknown.join('、')}`, `Unknown reason: ${unknown.join(', ')}`, { unknown });
  }
  return null;
}
