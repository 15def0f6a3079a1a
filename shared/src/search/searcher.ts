import { coverage, type Coverage } from './coverage.js';
import { createEntryScorer } from './entry-scorer.js';
import { inAliases, inName, scattered } from './name-matching.js';
import { nearMiss, oneLeftOut } from './near-miss.js';
import { phrasesOf, viaPhrases } from './phrase-matching.js';
import { BY_DEPARTMENT, keep, mayMatch, type Kept, type PhraseHit } from './picks.js';
import { prepareEntry, type PreparedEntry } from './prepared-entry.js';
import { clampBonus, RANK } from './scoring.js';
import { hitOf } from './search-hits.js';
import type { SearchHit, SearchIndex } from './search-index.js';
import { understood } from './sentence-matching.js';
import { readingsOf } from './sound.js';
import { soundAlike, soundOf } from './sound-alike.js';
import { prepareField, prepareQuery, queryWords, type QueryText } from './text.js';
import { understand } from './understand.js';
import { allWords } from './word-matching.js';
import { createWordSegmenter } from './word-segmenter.js';

export interface Searcher {
  /** the index version this searcher was built from */
  readonly version: string;
  readonly size: number;
  /**
   * Business types for what a visitor typed, best first (at most `limit`, default 10, up to 100): Chinese
   * (exact, prefix, part of the name, or its characters in order), pinyin initials or full pinyin (with or
   * without spaces, last syllable partial), both mixed, colloquial names and the hall's phrases.
   * [] for an empty or meaningless query.
   */
  search(query: string, limit?: number): SearchHit[];
}

const MAX_LIMIT = 100;
/** Longer than this, a query is a paste, not a visitor's sentence: it is matched as typed only. */
const MAX_SENTENCE = 24;

/**
 * Builds the searcher of an index. Passes run best first, each in its own file: the query as typed in names,
 * colloquial names and hall phrases (name-matching.ts, phrase-matching.ts), its words each somewhere
 * (word-matching.ts), a sentence understood (understand.ts, coverage.ts, sentence-matching.ts), its sound
 * (sound-alike.ts), one character off (near-miss.ts); the best are kept (picks.ts) and shown (search-hits.ts).
 */
export function createSearcher(index: SearchIndex): Searcher {
  const entries: PreparedEntry[] = index.entries.map(prepareEntry);
  const synonyms = index.synonyms.map((s) => ({
    phrase: prepareField(s.phrase, s.pinyin),
    targets: s.targets.map((t) => prepareField(t, []).lit).filter(Boolean),
  }));
  const scorer = createEntryScorer();
  const { pick, offer } = scorer;
  const segmenter = createWordSegmenter();
  const phraseSources = synonyms.map((s) => ({ lit: s.phrase.lit, text: s.phrase.text, targets: s.targets }));
  /** every character's syllable: the names' own readings first (read in context), then the index's table */
  const readings = readingsOf(
    index.readings,
    index.entries.flatMap((e) => [...e.name].map((c, k) => [c, e.namePinyin[k] ?? ''] as const)),
  );
  const phrasesFor = (q: QueryText) => phrasesOf(scorer.matcher, synonyms, q);

  function search(query: string, limit = 10): SearchHit[] {
    const max = Math.min(MAX_LIMIT, Math.floor(limit));
    if (typeof query !== 'string' || !(max > 0)) return [];
    const typed = queryWords(query);
    if (typed.length === 0) return [];
    const whole = prepareQuery(typed.join(''));
    const phrases = phrasesFor(whole);
    const top: Array<Kept<PreparedEntry>> = [];
    const found = new Uint8Array(entries.length);

    /**
     * Scores every entry not found yet. `rank` is the best a pass can give (with the entry's bonus, at most
     * base + 60): once the list is full, an entry that cannot beat its last is not even matched.
     */
    const pass = (rank: (e: PreparedEntry) => number, score: (e: PreparedEntry) => void, among: readonly PreparedEntry[] = entries) => {
      for (const e of among) {
        if (found[e.order]) continue;
        if (top.length >= max && top[max - 1]!.score >= rank(e) * 1000 + clampBonus(e.base + 60)) continue;
        pick.score = -1;
        score(e);
        if (pick.score < 0) continue;
        found[e.order] = 1;
        keep(top, max, e, pick);
      }
    };

    // The query as typed, in names, colloquial names and hall phrases. Each later pass ranks strictly lower
    // than every earlier one, so it only runs while the list has room: the result is the same, sooner.
    // A Latin query can only reach a name or alias through its pinyin (initials at best), or a hall phrase.
    const latinBest = Math.max(RANK.initials, ...phrases.map((p) => p.rank));
    pass((e) => (whole.hasHan || e.hasLatin ? RANK.exact : latinBest), (e) => {
      inName(scorer, e, whole);
      if (e.aliases.length && pick.score < RANK.aliasWhole * 1000 && mayMatch(e, whole)) inAliases(scorer, e, whole);
      if (phrases.length) viaPhrases(scorer, e, phrases);
    });
    if (top.length < max && whole.cps.length > 1) pass(() => RANK.scattered, (e) => mayMatch(e, whole) && scattered(scorer, e, whole));
    let words: QueryText[] = [];
    let wordPhrases: PhraseHit[][] = [];
    if (top.length < max) {
      // the longest word first: it rules most business types out soonest
      words = (typed.length > 1 ? typed.map(prepareQuery) : segmenter.words(whole)).sort((a, b) => b.cps.length - a.cps.length);
      wordPhrases = words.map(phrasesFor);
      if (words.length > 1) pass(() => RANK.words, (e) => allWords(scorer, e, words, wordPhrases));
    }
    const roomFor = (rank: number) => top.length < max || top[max - 1]!.score < (rank + 1) * 1000;
    // passes run best first (an entry keeps the first match found): a whole sentence understood, its sound,
    // one character off, and only then a sentence understood in part
    const units = whole.hasHan && whole.cps.length > 1 && whole.cps.length <= MAX_SENTENCE ? understand(whole.text, phraseSources, segmenter.run) : [];
    // the names a sentence fits in part are kept from the first pass for the last (coverage is worked out once)
    const partly: PreparedEntry[] = [];
    const partlyCoverage = new Map<PreparedEntry, Coverage>();
    if (units.length) {
      pass(() => RANK.understood + 1, (e) => {
        const c = coverage(e.name.lit, e.aliasLits, units);
        if (c?.full) understood(scorer, e, c);
        else if (c) {
          partly.push(e);
          partlyCoverage.set(e, c);
        }
      });
    }
    if (roomFor(RANK.soundAlike) && whole.cps.length > 1 && whole.cps.length <= MAX_SENTENCE) {
      const heard = soundOf(readings, whole);
      if (heard) pass(() => RANK.soundAlike + 1, (e) => soundAlike(scorer, e, heard, whole));
    }
    // one character off only when neither the words nor their sound found anything better
    const weak = top.length === 0 || top[0]!.score < RANK.soundAlike * 1000;
    if (weak && whole.hasHan && !whole.hasLatin && whole.cps.length >= 3 && whole.cps.length <= 8) {
      const shorter = oneLeftOut(whole);
      pass(() => RANK.nearMiss + 1, (e) => nearMiss(scorer, e, shorter, whole));
    }
    if (roomFor(RANK.understoodPart) && partly.length) pass(() => RANK.understoodPart + 1, (e) => understood(scorer, e, partlyCoverage.get(e)!), partly);
    if (top.length < max && !whole.hasLatin && whole.cps.length > 1) {
      pass(() => RANK.department, (e) => e.dept.includes(whole.text) && offer(RANK.department * 1000 + clampBonus(e.base), BY_DEPARTMENT, 0));
    }
    return top.map((k) => hitOf(scorer, k, whole, words, wordPhrases));
  }

  return { version: index.version, size: entries.length, search };
}
