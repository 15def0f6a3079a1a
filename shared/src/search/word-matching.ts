import type { EntryScorer } from './entry-scorer.js';
import { BY_WORDS, mayFit, mayMatch, type PhraseHit } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { clampBonus, RANK } from './scoring.js';
import { ranges, type QueryText } from './text.js';

/**
 * Several words, each somewhere: in the name (highlighted when `highlight` is given), in a colloquial name,
 * or through a hall phrase. Returns whether all were found.
 */
export function allWords(s: EntryScorer, e: PreparedEntry, words: readonly QueryText[], phrases: readonly PhraseHit[][], highlight?: Array<[number, number]>): boolean {
  for (let k = 0; k < words.length; k++) if (!mayMatch(e, words[k]!) && phrases[k]!.length === 0) return false;
  let label: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (mayFit(e.name, w) && s.matcher.match(e.name, w, w.cps.length > 1)) {
      if (highlight) ranges(e.name, s.matcher.positions(), highlight);
      continue;
    }
    const found = aliasWith(s, e, w) ?? phraseIn(e, phrases[k]!);
    if (found === undefined) return false;
    label ??= found;
  }
  s.offer(RANK.words * 1000 + clampBonus(e.base), BY_WORDS, 0, label);
  return true;
}

function aliasWith(s: EntryScorer, e: PreparedEntry, w: QueryText): string | undefined {
  for (const a of e.aliases) if (mayFit(a, w) && s.matcher.match(a, w, false)) return a.text;
  return undefined;
}

function phraseIn(e: PreparedEntry, hits: readonly PhraseHit[]): string | undefined {
  for (const h of hits) for (const t of h.targets) if (e.name.lit.includes(t)) return h.phrase;
  return undefined;
}
