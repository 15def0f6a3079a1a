import type { SearchEntry, SearchHit, SearchIndex } from './search-index.js';
import {
  BY_ALIAS, BY_DEPARTMENT, BY_MEANING, BY_NAME, BY_NEAR, BY_PHRASE, BY_SCATTERED, BY_SOUND, BY_WORDS,
  keep, mayFit, mayMatch, reasonOf, type Kept, type PhraseHit, type Pick,
} from './picks.js';
import { coverage, type Coverage } from './coverage.js';
import { createFieldMatcher, HAN } from './match.js';
import { foldLetters, foldSyllable, readingsOf } from './sound.js';
import { understand } from './understand.js';
import { aliasStart, baseBonus, clampBonus, RANK, startBonus, VIA_ALIAS, wordEdges, wordFit } from './scoring.js';
import { mergeRanges, prepareField, prepareQuery, queryWords, ranges, type Field, type QueryText } from './text.js';

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

interface Prepared {
  readonly entry: SearchEntry;
  readonly order: number;
  readonly name: Field;
  /** the name with its syllables folded (zh → z, -ng → -n, l → n), for sound-alike matching */
  readonly sound: Field;
  readonly aliases: readonly Field[];
  readonly aliasLits: readonly string[];
  /** 1 where a word of the name starts or ends (code point positions 0…length) */
  readonly wordEdges: Uint8Array;
  readonly dept: string;
  readonly hanMask: number;
  readonly letterMask: number;
  readonly base: number;
  /** whether the name or an alias has letters or digits of its own (a Latin query may match them literally) */
  readonly hasLatin: boolean;
}

export function createSearcher(index: SearchIndex): Searcher {
  const entries: Prepared[] = index.entries.map((entry, order) => {
    const name = prepareField(entry.name, entry.namePinyin);
    const aliases = entry.aliases.map((a, k) => prepareField(a, entry.aliasPinyin[k] ?? []));
    return {
      entry,
      order,
      name,
      sound: prepareField(entry.name, entry.namePinyin.map(foldSyllable)),
      aliases,
      aliasLits: aliases.map((a) => a.lit),
      wordEdges: wordEdges(name, entry.nameWords),
      dept: prepareField(entry.deptName, []).lit,
      hanMask: aliases.reduce((m, a) => m | a.hanMask, name.hanMask),
      letterMask: aliases.reduce((m, a) => m | a.letterMask, name.letterMask),
      base: baseBonus(name, aliases.length > 0),
      hasLatin: name.hasLatin || aliases.some((a) => a.hasLatin),
    };
  });
  const synonyms = index.synonyms.map((s) => ({
    phrase: prepareField(s.phrase, s.pinyin),
    targets: s.targets.map((t) => prepareField(t, []).lit).filter(Boolean),
  }));
  const matcher = createFieldMatcher();
  let segmenter: Intl.Segmenter | null | undefined;
  const phraseSources = synonyms.map((s) => ({ lit: s.phrase.lit, text: s.phrase.text, targets: s.targets }));
  /** every character's syllable: the names' own readings first (read in context), then the index's table */
  const readings = readingsOf(
    index.readings,
    index.entries.flatMap((e) => [...e.name].map((c, k) => [c, e.namePinyin[k] ?? ''] as const)),
  );

  /** The entry being scored and its best match so far (one object, reused for every entry). */
  const pick: Pick = { score: -1, by: 0, field: 0, from: 0, to: 0, label: undefined, means: undefined };
  function offer(score: number, by: number, field: number, label?: string, from = 0, to = 0, means?: string): void {
    if (score <= pick.score) return;
    pick.score = score;
    pick.by = by;
    pick.field = field;
    pick.label = label;
    pick.from = from;
    pick.to = to;
    pick.means = means;
  }

  /** The query in the name, contiguously: literal first, then initials, then full pinyin. */
  function inName(e: Prepared, q: QueryText): void {
    if (!mayFit(e.name, q)) return;
    if (!q.hasLatin) {
      const at = e.name.lit.indexOf(q.text);
      if (at >= 0) {
        const start = e.name.offsets.indexOf(at);
        const rank = at === 0 ? (q.text.length === e.name.lit.length ? RANK.exact : RANK.prefix) : RANK.substring;
        const startsInside = e.wordEdges[start] ? 0 : 30;
        offer(rank * 1000 + clampBonus(e.base + startBonus(start) - startsInside), BY_NAME, 0);
        return;
      }
    }
    const m = matcher.match(e.name, q, false);
    if (!m) return;
    const whole = m.start === 0 && m.end === e.name.codes.length;
    const rank = m.literal ? (whole ? RANK.exact : m.start === 0 ? RANK.prefix : RANK.substring) : m.initials ? RANK.initials : RANK.pinyin;
    offer(rank * 1000 + clampBonus(e.base + startBonus(m.start) + wordFit(e.wordEdges, m) - 40 * m.midPartials), BY_NAME, 0);
  }

  /** The query in a colloquial name: the kiosk shows which one matched rather than a highlight. */
  function inAliases(e: Prepared, q: QueryText): void {
    for (let k = 0; k < e.aliases.length; k++) {
      const a = e.aliases[k]!;
      if (!mayFit(a, q)) continue;
      const m = matcher.match(a, q, false);
      if (!m) continue;
      const whole = m.start === 0 && m.end === a.codes.length;
      const rank = m.literal
        ? whole ? RANK.aliasWhole : RANK.aliasPart
        : m.initials ? (whole ? RANK.initials : RANK.initialsPart) : whole ? RANK.pinyin : RANK.pinyinPart;
      offer(rank * 1000 + clampBonus(e.base + aliasStart(m.start) - 40 * m.midPartials - VIA_ALIAS), BY_ALIAS, k, a.text);
    }
  }

  /** A hall phrase's words in the name: highlighted, with the phrase shown. */
  function viaPhrases(e: Prepared, hits: readonly PhraseHit[]): void {
    for (const s of hits) {
      if (s.rank * 1000 + 999 <= pick.score) continue;
      s.targets.forEach((t, k) => {
        const at = e.name.lit.indexOf(t);
        if (at < 0) return;
        const start = e.name.offsets.indexOf(at);
        // a phrase's first target is what it most often means (换驾照: 驾驶证换证 before any 驾驶证)
        offer(s.rank * 1000 + clampBonus(e.base + aliasStart(start) - VIA_ALIAS - 200 * k), BY_PHRASE, 0, s.phrase, at, at + t.length, t);
      });
    }
  }

  /** The query's characters (or whole syllables) in order, with other characters between. */
  function scattered(e: Prepared, q: QueryText): void {
    for (let k = 0; k <= e.aliases.length; k++) {
      const f = k === 0 ? e.name : e.aliases[k - 1]!;
      if (!mayFit(f, q)) continue;
      const m = matcher.match(f, q, true);
      if (!m) continue;
      const bonus = e.base - Math.min(300, 25 * m.gaps) + (m.start === 0 ? 50 : 0) - (k === 0 ? 0 : 100);
      offer(RANK.scattered * 1000 + clampBonus(bonus), BY_SCATTERED, k, k === 0 ? undefined : f.text);
    }
  }

  /**
   * Several words, each somewhere: in the name (highlighted when `highlight` is given), in a colloquial name,
   * or through a hall phrase. Returns whether all were found.
   */
  function allWords(e: Prepared, words: readonly QueryText[], phrases: readonly PhraseHit[][], highlight?: Array<[number, number]>): boolean {
    for (let k = 0; k < words.length; k++) if (!mayMatch(e, words[k]!) && phrases[k]!.length === 0) return false;
    let label: string | undefined;
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (mayFit(e.name, w) && matcher.match(e.name, w, w.cps.length > 1)) {
        if (highlight) ranges(e.name, matcher.positions(), highlight);
        continue;
      }
      const found = aliasWith(e, w) ?? phraseIn(e, phrases[k]!);
      if (found === undefined) return false;
      label ??= found;
    }
    offer(RANK.words * 1000 + clampBonus(e.base), BY_WORDS, 0, label);
    return true;
  }

  function aliasWith(e: Prepared, w: QueryText): string | undefined {
    for (const a of e.aliases) if (mayFit(a, w) && matcher.match(a, w, false)) return a.text;
    return undefined;
  }

  function phraseIn(e: Prepared, hits: readonly PhraseHit[]): string | undefined {
    for (const s of hits) for (const t of s.targets) if (e.name.lit.includes(t)) return s.phrase;
    return undefined;
  }

  /** The hall phrases a query stands for: typed whole or in part (at least two characters), in Chinese or in pinyin from its start. */
  function phrasesOf(q: QueryText): PhraseHit[] {
    const hits: PhraseHit[] = [];
    for (const { phrase: p, targets } of synonyms) {
      if (!q.hasLatin) {
        if (q.text === p.lit || (q.cps.length >= 2 && p.lit.startsWith(q.text))) hits.push({ phrase: p.text, targets, rank: RANK.phrase });
      } else if (q.cps.length >= 2 && mayFit(p, q)) {
        const m = matcher.match(p, q, false);
        if (!m || m.start !== 0 || m.end < Math.min(2, p.codes.length)) continue;
        const whole = m.end === p.codes.length;
        const rank = m.literal ? RANK.phrase : m.initials ? (whole ? RANK.initials : RANK.initialsPart) : whole ? RANK.pinyin : RANK.pinyinPart;
        hits.push({ phrase: p.text, targets, rank });
      }
    }
    return hits;
  }

  function segmentWords(q: QueryText): QueryText[] {
    if (q.hasLatin || q.cps.length < 3) return [];
    if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    if (!segmenter) return [];
    const words = [...segmenter.segment(q.text)].filter((s) => s.isWordLike).map((s) => prepareQuery(s.segment));
    return words.length > 1 ? words : [];
  }

  function segmentRun(run: string): string[] {
    if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    if (!segmenter || run.length < 2) return [run];
    return [...segmenter.segment(run)].map((s) => s.segment);
  }

  /** A sentence's meaning: its hall phrases and words in the name; light verbs break ties. */
  function understood(e: Prepared, c: Coverage): void {
    const rank = c.full ? RANK.understood : RANK.understoodPart;
    const bonus = Math.round(600 * c.share) + 60 * Math.min(3, c.light) + Math.round(0.3 * e.base);
    const at = c.means === undefined ? -1 : e.name.lit.indexOf(c.means);
    offer(rank * 1000 + clampBonus(bonus), BY_MEANING, 0, c.said, Math.max(0, at), at < 0 ? 0 : at + c.means!.length, c.means);
  }

  /** The query as it sounds: its characters' syllables (folded), its letters folded; null if nothing to hear. */
  function soundOf(q: QueryText): QueryText | null {
    let out = '';
    let heardHan = false;
    let letters = '';
    const flush = () => {
      out += foldLetters(letters);
      letters = '';
    };
    for (let k = 0; k < q.cps.length; k++) {
      const c = q.cps[k]!;
      if (q.kinds[k] !== HAN) {
        letters += c;
        continue;
      }
      flush();
      const syl = readings.get(c);
      if (syl) heardHan = true;
      out += syl ? foldSyllable(syl) : c;
    }
    flush();
    if (!heardHan && !q.hasLatin) return null;
    return out === q.text ? null : prepareQuery(out);
  }

  /** The query's sound in the name's: whole syllables for typed characters, as typed for letters. */
  function soundAlike(e: Prepared, heard: QueryText, typed: QueryText): void {
    if (!mayFit(e.sound, heard)) return;
    const m = matcher.match(e.sound, heard, false);
    if (!m || (typed.hasHan && (m.initials || m.midPartials > 0))) return;
    const part = e.name.text.slice(e.name.offsets[m.start], e.name.offsets[m.end]);
    const bonus = e.base + startBonus(m.start) + wordFit(e.wordEdges, m) - 40 * m.midPartials;
    offer(RANK.soundAlike * 1000 + clampBonus(bonus), BY_SOUND, 0, typed.text, e.name.offsets[m.start], e.name.offsets[m.end], part);
  }

  /** All but one of the query's characters, in order, at most one other character between (法律缓助 → 法律援助). */
  function nearMiss(e: Prepared, shorter: readonly QueryText[], typed: QueryText): void {
    // cheap first: the name must hold all but one of the query's characters
    let missing = 0;
    for (const q of shorter) if (!mayMatch(e.name, q)) missing++;
    if (missing === shorter.length) return;
    for (const q of shorter) {
      if (!mayMatch(e.name, q)) continue;
      const m = matcher.match(e.name, q, true);
      if (!m || m.gaps > 1) continue;
      const part = e.name.text.slice(e.name.offsets[m.start], e.name.offsets[m.end]);
      offer(RANK.nearMiss * 1000 + clampBonus(e.base + startBonus(m.start) - 100 * m.gaps), BY_NEAR, 0, typed.text, e.name.offsets[m.start], e.name.offsets[m.end], part);
      return;
    }
  }

  function search(query: string, limit = 10): SearchHit[] {
    const max = Math.min(MAX_LIMIT, Math.floor(limit));
    if (typeof query !== 'string' || !(max > 0)) return [];
    const typed = queryWords(query);
    if (typed.length === 0) return [];
    const whole = prepareQuery(typed.join(''));
    const phrases = phrasesOf(whole);
    const top: Array<Kept<Prepared>> = [];
    const found = new Uint8Array(entries.length);

    /**
     * Scores every entry not found yet. `rank` is the best a pass can give (with the entry's bonus, at most
     * base + 60): once the list is full, an entry that cannot beat its last is not even matched.
     */
    const pass = (rank: (e: Prepared) => number, score: (e: Prepared) => void, among: readonly Prepared[] = entries) => {
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
      inName(e, whole);
      if (e.aliases.length && pick.score < RANK.aliasWhole * 1000 && mayMatch(e, whole)) inAliases(e, whole);
      if (phrases.length) viaPhrases(e, phrases);
    });
    if (top.length < max && whole.cps.length > 1) pass(() => RANK.scattered, (e) => mayMatch(e, whole) && scattered(e, whole));
    let words: QueryText[] = [];
    let wordPhrases: PhraseHit[][] = [];
    if (top.length < max) {
      // the longest word first: it rules most business types out soonest
      words = (typed.length > 1 ? typed.map(prepareQuery) : segmentWords(whole)).sort((a, b) => b.cps.length - a.cps.length);
      wordPhrases = words.map((w) => phrasesOf(w));
      if (words.length > 1) pass(() => RANK.words, (e) => allWords(e, words, wordPhrases));
    }
    const roomFor = (rank: number) => top.length < max || top[max - 1]!.score < (rank + 1) * 1000;
    // passes run best first (an entry keeps the first match found): a whole sentence understood, its sound,
    // one character off, and only then a sentence understood in part
    const units = whole.hasHan && whole.cps.length > 1 && whole.cps.length <= MAX_SENTENCE ? understand(whole.text, phraseSources, segmentRun) : [];
    // the names a sentence fits in part are kept from the first pass for the last (coverage is worked out once)
    const partly: Prepared[] = [];
    const partlyCoverage = new Map<Prepared, Coverage>();
    if (units.length) {
      pass(() => RANK.understood + 1, (e) => {
        const c = coverage(e.name.lit, e.aliasLits, units);
        if (c?.full) understood(e, c);
        else if (c) {
          partly.push(e);
          partlyCoverage.set(e, c);
        }
      });
    }
    if (roomFor(RANK.soundAlike) && whole.cps.length > 1 && whole.cps.length <= MAX_SENTENCE) {
      const heard = soundOf(whole);
      if (heard) pass(() => RANK.soundAlike + 1, (e) => soundAlike(e, heard, whole));
    }
    // one character off only when neither the words nor their sound found anything better
    const weak = top.length === 0 || top[0]!.score < RANK.soundAlike * 1000;
    if (weak && whole.hasHan && !whole.hasLatin && whole.cps.length >= 3 && whole.cps.length <= 8) {
      const shorter = whole.cps.map((_, k) => prepareQuery(whole.cps.filter((__, j) => j !== k).join('')));
      pass(() => RANK.nearMiss + 1, (e) => nearMiss(e, shorter, whole));
    }
    if (roomFor(RANK.understoodPart) && partly.length) pass(() => RANK.understoodPart + 1, (e) => understood(e, partlyCoverage.get(e)!), partly);
    if (top.length < max && !whole.hasLatin && whole.cps.length > 1) {
      pass(() => RANK.department, (e) => e.dept.includes(whole.text) && offer(RANK.department * 1000 + clampBonus(e.base), BY_DEPARTMENT, 0));
    }
    return top.map((k) => hitOf(k, whole, words, wordPhrases));
  }

  /** The result as the kiosk shows it: the highlight is worked out again, now that the entry is kept. */
  function hitOf(k: Kept<Prepared>, whole: QueryText, words: readonly QueryText[], wordPhrases: readonly PhraseHit[][]): SearchHit {
    const { e } = k;
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
      allWords(e, words, wordPhrases, collected);
      highlight = mergeRanges(collected);
    }
    const hit: SearchHit = { id: e.entry.id, name: e.entry.name, score: k.score, highlight };
    if (k.label !== undefined) hit.matchedAlias = k.label;
    const reason = reasonOf(k);
    if (reason) hit.reason = reason;
    return hit;
  }

  return { version: index.version, size: entries.length, search };
}
