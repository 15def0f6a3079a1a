import type { EntryScorer } from './entry-scorer.js';
import { BY_MEANING, BY_NAME, BY_NEAR, BY_PHRASE, BY_SCATTERED, BY_SOUND, BY_WORDS, reasonOf, type Kept, type PhraseHit } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import type { SearchHit } from './search-index.js';
import { mergeRanges, ranges, type QueryText } from './text.js';
import { allWords } from './word-matching.js';

/** The result as the kiosk shows it: the highlight is worked out again, now that the entry is kept. */
export function hitOf(s: EntryScorer, k: Kept<PreparedEntry>, whole: QueryText, words: readonly QueryText[], wordPhrases: readonly PhraseHit[][]): SearchHit {
  const { e } = k;
  const { matcher } = s;
  let highlight: Array<[number, number]> = [];
  if (k.by === BY_NAME) {
    const at = whole.hasLatin ? -1 : e.name.lit.indexOf(whole.text);
    if (at >= 0) highlight = [[at, at + whole.text.length]];
    else if (matcher.match(e.name, whole, false)) highlight = ranges(e.name, matcher.positions());
  } else if (k.by === BY_PHRASE || ((k.by === BY_MEANING || k.by === BY_SOUND || k.by === BY_NEAR) && k.to > k.from)) {
    highlight = [[k.from, k.to]];
  } else if (k.by === BY_SCATTERED && k.field === 0) {
    if (matcher.match(e.name, whole, true)) highlight = ranges(e.name, matcher.positions());
  } else if (k.by === BY_WORDS) {
    const collected: Array<[number, number]> = [];
    allWords(s, e, words, wordPhrases, collected);
    highlight = mergeRanges(collected);
  }
  const hit: SearchHit = { id: e.entry.id, name: e.entry.name, score: k.score, highlight };
  if (k.label !== undefined) hit.matchedAlias = k.label;
  const reason = reasonOf(k);
  if (reason) hit.reason = reason;
  return hit;
}
