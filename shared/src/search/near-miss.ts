import type { EntryScorer } from './entry-scorer.js';
import { BY_NEAR, mayMatch } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { clampBonus, RANK, startBonus } from './scoring.js';
import { prepareQuery, type QueryText } from './text.js';

/** The query with each of its characters left out in turn: what a one-off typo (法律缓助) could have meant. */
export function oneLeftOut(q: QueryText): QueryText[] {
  return q.cps.map((_, k) => prepareQuery(q.cps.filter((__, j) => j !== k).join('')));
}

/** All but one of the query's characters, in order, at most one other character between (法律缓助 → 法律援助). */
export function nearMiss(s: EntryScorer, e: PreparedEntry, shorter: readonly QueryText[], typed: QueryText): void {
  // cheap first: the name must hold all but one of the query's characters
  let missing = 0;
  for (const q of shorter) if (!mayMatch(e.name, q)) missing++;
  if (missing === shorter.length) return;
  for (const q of shorter) {
    if (!mayMatch(e.name, q)) continue;
    const m = s.matcher.match(e.name, q, true);
    if (!m || m.gaps > 1) continue;
    const part = e.name.text.slice(e.name.offsets[m.start], e.name.offsets[m.end]);
    s.offer(RANK.nearMiss * 1000 + clampBonus(e.base + startBonus(m.start) - 100 * m.gaps), BY_NEAR, 0, typed.text, e.name.offsets[m.start], e.name.offsets[m.end], part);
    return;
  }
}
