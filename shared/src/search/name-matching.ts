import type { EntryScorer } from './entry-scorer.js';
import { BY_ALIAS, BY_NAME, BY_SCATTERED, mayFit } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { aliasStart, clampBonus, RANK, startBonus, VIA_ALIAS, wordFit } from './scoring.js';
import type { QueryText } from './text.js';

/** The query as typed, in a name or colloquial name: as characters, as pinyin initials or as full pinyin. */

/** The query in the name, contiguously: literal first, then initials, then full pinyin. */
export function inName(s: EntryScorer, e: PreparedEntry, q: QueryText): void {
  if (!mayFit(e.name, q)) return;
  if (!q.hasLatin) {
    const at = e.name.lit.indexOf(q.text);
    if (at >= 0) {
      const start = e.name.offsets.indexOf(at);
      const rank = at === 0 ? (q.text.length === e.name.lit.length ? RANK.exact : RANK.prefix) : RANK.substring;
      const startsInside = e.wordEdges[start] ? 0 : 30;
      s.offer(rank * 1000 + clampBonus(e.base + startBonus(start) - startsInside), BY_NAME, 0);
      return;
    }
  }
  const m = s.matcher.match(e.name, q, false);
  if (!m) return;
  const whole = m.start === 0 && m.end === e.name.codes.length;
  const rank = m.literal ? (whole ? RANK.exact : m.start === 0 ? RANK.prefix : RANK.substring) : m.initials ? RANK.initials : RANK.pinyin;
  s.offer(rank * 1000 + clampBonus(e.base + startBonus(m.start) + wordFit(e.wordEdges, m) - 40 * m.midPartials), BY_NAME, 0);
}

/** The query in a colloquial name: the kiosk shows which one matched rather than a highlight. */
export function inAliases(s: EntryScorer, e: PreparedEntry, q: QueryText): void {
  for (let k = 0; k < e.aliases.length; k++) {
    const a = e.aliases[k]!;
    if (!mayFit(a, q)) continue;
    const m = s.matcher.match(a, q, false);
    if (!m) continue;
    const whole = m.start === 0 && m.end === a.codes.length;
    const rank = m.literal
      ? whole ? RANK.aliasWhole : RANK.aliasPart
      : m.initials ? (whole ? RANK.initials : RANK.initialsPart) : whole ? RANK.pinyin : RANK.pinyinPart;
    s.offer(rank * 1000 + clampBonus(e.base + aliasStart(m.start) - 40 * m.midPartials - VIA_ALIAS), BY_ALIAS, k, a.text);
  }
}

/** The query's characters (or whole syllables) in order, with other characters between. */
export function scattered(s: EntryScorer, e: PreparedEntry, q: QueryText): void {
  for (let k = 0; k <= e.aliases.length; k++) {
    const f = k === 0 ? e.name : e.aliases[k - 1]!;
    if (!mayFit(f, q)) continue;
    const m = s.matcher.match(f, q, true);
    if (!m) continue;
    const bonus = e.base - Math.min(300, 25 * m.gaps) + (m.start === 0 ? 50 : 0) - (k === 0 ? 0 : 100);
    s.offer(RANK.scattered * 1000 + clampBonus(bonus), BY_SCATTERED, k, k === 0 ? undefined : f.text);
  }
}
