import type { QueueEvent } from './events.js';
import type { Refusal } from './refusals.js';
import type { QueueRules } from './rules.js';

export interface DecideContext {
  /** epoch milliseconds: the hub's clock, passed in */
  readonly now: number;
  readonly rules: QueueRules;
  /** a fresh unguessable id, used if the command creates a ticket */
  readonly newId: string;
}

export type Decision =
  | { ok: true; events: QueueEvent[]; ticketId: string | null; duplicate: boolean }
  | { ok: false; refusal: Refusal };

export const accept = (events: QueueEvent[], ticketId: string | null = null): Decision => ({
  ok: true,
  events,
  ticketId,
  duplicate: false,
});
export const no = (refusal: Refusal): Decision => ({ ok: false, refusal });
