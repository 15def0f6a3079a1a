import { PINYIN_CHARS } from './pinyin-chars.js';
import type { Vocabulary, VocabWord } from './vocabulary.js';

/** A candidate for the letters typed: `text` replaces the first `consumed` of them. */
export interface Candidate {
  text: string;
  consumed: number;
}

/** How well a word explains the letters: lower is better. */
const EXACT = 0; // every syllable spelled out: huzhao → 护照
const ABBREVIATED = 1; // every syllable begun: hzh, hz → 护照
const LEADING = 2; // the word spelled out, more letters after it: huzhaob → 护照 + b
const CHARACTER = 3; // the first syllable's characters
const COMPLETION = 4; // the letters begin the word: huzh → 护照

interface Fit {
  tier: number;
  consumed: number;
}

/** The best way the word's syllables, each spelled out or begun, account for the letters from the start. */
function fit(syllables: readonly string[], letters: string): Fit | null {
  let best: Fit | null = null;
  const consider = (f: Fit) => {
    if (!best || f.tier < best.tier || (f.tier === best.tier && f.consumed > best.consumed)) best = f;
  };
  function walk(i: number, j: number, full: boolean): void {
    if (j === letters.length) {
      if (i === syllables.length) consider({ tier: full ? EXACT : ABBREVIATED, consumed: j });
      else if (letters.length >= 2) consider({ tier: COMPLETION, consumed: j });
      return;
    }
    if (i === syllables.length) {
      if (full && j >= 2) consider({ tier: LEADING, consumed: j });
      return;
    }
    const s = syllables[i]!;
    for (let len = Math.min(s.length, letters.length - j); len >= 1; len--) {
      if (letters.startsWith(s.slice(0, len), j)) walk(i + 1, j + len, full && len === s.length);
    }
  }
  walk(0, 0, true);
  return best;
}

function knownSyllable(s: string, vocab: Vocabulary): boolean {
  return s in PINYIN_CHARS || vocab.charsBySyllable.has(s);
}

/** Characters for the syllables the letters begin with: the catalog's own first, then the common ones. */
function characters(letters: string, vocab: Vocabulary): Candidate[] {
  const out: Candidate[] = [];
  let leading: string[] = [];
  for (let len = Math.min(6, letters.length); len >= 1; len--) {
    const s = letters.slice(0, len);
    if (knownSyllable(s, vocab)) leading.push(s);
  }
  // Letters that are not yet a syllable (zh, xia…): the syllables they begin.
  if (leading.length === 0) {
    const all = new Set([...Object.keys(PINYIN_CHARS), ...vocab.charsBySyllable.keys()]);
    leading = [...all].filter((s) => s.startsWith(letters)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  }
  for (const s of leading) for (const c of vocab.charsBySyllable.get(s) ?? []) out.push({ text: c, consumed: Math.min(s.length, letters.length) });
  for (const s of leading) for (const c of PINYIN_CHARS[s] ?? '') out.push({ text: c, consumed: Math.min(s.length, letters.length) });
  return out;
}

/**
 * Candidates for pinyin letters (a–z, no tones), best first: the catalog's words the letters spell or begin,
 * then characters. A visitor may type a whole word (huzhao), initials (yyzz) or a word's start (huzh), and
 * pick a character for the first syllable at a time (hu → 护, then zhao → 照).
 */
export function pinyinCandidates(letters: string, vocab: Vocabulary, limit = 60): Candidate[] {
  if (!/^[a-z]+$/.test(letters)) return [];
  const scored: Array<{ c: Candidate; tier: number; word: VocabWord | null; order: number }> = [];
  for (const w of vocab.words) {
    if (w.syllables[0]![0] !== letters[0]) continue;
    const f = fit(w.syllables, letters);
    if (f) scored.push({ c: { text: w.text, consumed: f.consumed }, tier: f.tier, word: w, order: scored.length });
  }
  characters(letters, vocab).forEach((c, k) => scored.push({ c, tier: CHARACTER, word: null, order: k }));
  scored.sort((a, b) => a.tier - b.tier || b.c.consumed - a.c.consumed || (b.word?.weight ?? 0) - (a.word?.weight ?? 0) || a.order - b.order);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const { c } of scored) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    out.push(c);
    if (out.length === limit) break;
  }
  return out;
}
