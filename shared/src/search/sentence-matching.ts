import type { Coverage } from './coverage.js';
import type { EntryScorer } from './entry-scorer.js';
import { BY_MEANING } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { clampBonus, RANK } from './scoring.js';

/** A sentence's meaning (its coverage of the name, worked out by coverage()): its hall phrases and words in the name; light verbs break ties. */
export function understood(s: EntryScorer, e: PreparedEntry, c: Coverage): void {
  const rank = c.full ? RANK.understood : RANK.understoodPart;
  const bonus = Math.round(600 * c.share) + 60 * Math.min(3, c.light) + Math.round(0.3 * e.base);
  const at = c.means === undefined ? -1 : e.name.lit.indexOf(c.means);
  s.offer(rank * 1000 + clampBonus(bonus), BY_MEANING, 0, c.said, Math.max(0, at), at < 0 ? 0 : at + c.means!.length, c.means);
}
