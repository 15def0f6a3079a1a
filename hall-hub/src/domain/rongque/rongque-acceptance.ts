import type { CreditStanding, GuideMaterial } from '@hall/shared';
import { caseClock } from '../cases/case-clock.js';
import type { Calendar } from '../hall-vocabulary.js';
import type { Refusal } from '../queue/refusals.js';
import { rongqueRefusal } from './rongque-refusals.js';

/**
 * 容缺受理: staff accept an application with materials missing, and the applicant supplies them later.
 *
 * - the business type must allow it (the guide's 容缺 flag), and every material named as missing must be one the
 *   guide marks 必要但可容缺 (catalog `is_need` 2) — a plainly required material is never waived at the window;
 * - a blacklisted applicant (失信黑名单) is refused with the province's reason; a red-listed one is accepted like
 *   anyone else, with the standing kept on the record;
 * - the supply deadline counts working days of the hall calendar as the approval clock does (from the day after
 *   acceptance, holidays skipped, 调休 counted) and ends with its last day, hall time.
 *
 * Pure: the calendar, the zone and the instant come in as arguments.
 */
export interface RongqueGuide {
  readonly rongqueAllowed: boolean;
  readonly materials: readonly Pick<GuideMaterial, 'name' | 'required'>[];
}

export interface RongqueRequest {
  readonly guide: RongqueGuide;
  readonly missing: readonly string[];
  readonly standing: CreditStanding;
  readonly supplyWorkingDays: number;
  readonly acceptedAt: number;
}

export type RongqueDecision =
  | { readonly ok: true; readonly missing: string[]; readonly supplyDeadline: number; readonly credit: 'red' | 'none' }
  | { readonly ok: false; readonly refusal: Refusal };

const normalize = (name: string) => name.trim().replace(/\s+/g, ' ');

export function decideRongque(calendar: Calendar, timeZone: string, req: RongqueRequest): RongqueDecision {
  if (!req.guide.rongqueAllowed) return { ok: false, refusal: rongqueRefusal('rongque_not_allowed') };
  const byName = new Map(req.guide.materials.map((m) => [normalize(m.name), m]));
  const missing = [...new Set(req.missing.map(normalize))];
  const unknown = missing.filter((n) => !byName.has(n));
  if (unknown.length > 0) return { ok: false, refusal: rongqueRefusal('rongque_material_not_listed', { materials: unknown }) };
  const notWaivable = missing.filter((n) => byName.get(n)!.required !== 'rongque');
  if (notWaivable.length > 0) return { ok: false, refusal: rongqueRefusal('rongque_material_not_allowed', { materials: notWaivable }) };
  if (req.standing.list === 'black') return { ok: false, refusal: rongqueRefusal('rongque_blacklisted', { reason: req.standing.reason }) };
  const clock = caseClock(calendar, timeZone, { acceptedAt: req.acceptedAt, limitWorkingDays: req.supplyWorkingDays, suspensions: [], finishedAt: null }, req.acceptedAt);
  if (clock.deadline === null) return { ok: false, refusal: rongqueRefusal('rongque_no_deadline') };
  // The guide's own spelling goes on the record and the notice, whatever spacing staff typed.
  return { ok: true, missing: missing.map((n) => byName.get(n)!.name), supplyDeadline: clock.deadline, credit: req.standing.list };
}

/** The materials the guide lets a 容缺 acceptance leave out, for the caller's pick list. */
export const waivableMaterials = (guide: RongqueGuide): string[] =>
  guide.rongqueAllowed ? guide.materials.filter((m) => m.required === 'rongque').map((m) => m.name) : [];

export type SupplyState = 'open' | 'overdue' | 'supplied' | 'supplied-late';

/** Where a 容缺 case's supply stands at `now`: the console's open cases and overdue supplies. */
export function supplyState(supplyDeadline: number, suppliedAt: number | null, now: number): SupplyState {
  if (suppliedAt !== null) return suppliedAt > supplyDeadline ? 'supplied-late' : 'supplied';
  return now > supplyDeadline ? 'overdue' : 'open';
}
