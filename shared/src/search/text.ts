/**
 * Text preparation for the kiosk search: every name, alias and query is turned into code points with a kind,
 * a normalized form (lower case, half width, ü → v) and, for Chinese characters, the syllable the hub computed.
 */

import { HAN, LATIN, PUNCT, type CharKind } from './match.js';

/** A name, alias or phrase ready to be matched. All arrays are indexed by code point. */
export interface Field {
  readonly text: string;
  /** the normalized code points joined; each has the UTF-16 length of the original, so offsets agree with `text` */
  readonly lit: string;
  /** the normalized code points as numbers */
  readonly codes: Int32Array;
  /** the first letter of each syllable (or the letter or digit itself), as a code; -1 for punctuation */
  readonly firsts: Int32Array;
  readonly kinds: Uint8Array;
  /** the syllable of a Chinese character, the character itself for a letter or digit, '' otherwise */
  readonly syl: readonly string[];
  /** the syllables (and letters and digits) run together: a Latin query's letters appear in it, in order */
  readonly letters: string;
  /** UTF-16 offset of each code point, plus the length at the end */
  readonly offsets: readonly number[];
  readonly hanMask: number;
  readonly letterMask: number;
  /** whether it has letters or digits of its own (IP地址), which a Latin query can match literally */
  readonly hasLatin: boolean;
}

/** A query, or one word of it, with its separators removed. */
export interface QueryText {
  readonly text: string;
  readonly cps: readonly string[];
  readonly codes: Int32Array;
  readonly kinds: Uint8Array;
  readonly hanMask: number;
  readonly letterMask: number;
  readonly hasHan: boolean;
  readonly hasLatin: boolean;
}

function isHanCode(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af)
  );
}

const COMBINING = /[\u0300-\u036f]/g;
const U_UMLAUT = /^[üǖǘǚǜÜǕǗǙǛ]$/;

/** One code point, normalized; the result always has the same UTF-16 length as the input. */
function normalizeCodePoint(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return ch.toLowerCase();
  if (isHanCode(cp)) return ch;
  if (U_UMLAUT.test(ch)) return 'v';
  const n = ch.normalize('NFKD').replace(COMBINING, '').toLowerCase();
  return n.length === ch.length ? n : ch;
}

function kindOf(normalized: string): CharKind {
  const cp = normalized.codePointAt(0) ?? 0;
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) return LATIN;
  return isHanCode(cp) ? HAN : PUNCT;
}

function hanBit(ch: string): number {
  return 1 << (Math.imul(ch.codePointAt(0) ?? 0, 0x9e3779b1) >>> 27);
}

function letterBit(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 0x61 ? 1 << (c - 0x61) : 1 << (26 + (c % 6));
}

/** Prepares a name, alias or phrase with its syllables (`pinyin[k]` for the k-th code point). */
export function prepareField(text: string, pinyin: readonly string[]): Field {
  const raw = [...text];
  const chars: string[] = [];
  const syl: string[] = [];
  const offsets: number[] = [];
  const kinds = new Uint8Array(raw.length);
  const codes = new Int32Array(raw.length);
  const firsts = new Int32Array(raw.length);
  let offset = 0;
  let hanMask = 0;
  let letterMask = 0;
  raw.forEach((ch, k) => {
    const n = normalizeCodePoint(ch);
    const kind = kindOf(n);
    const s = kind === HAN ? (pinyin[k] ?? '').toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '') : kind === LATIN ? n : '';
    chars.push(n);
    codes[k] = n.codePointAt(0) ?? 0;
    firsts[k] = s ? s.charCodeAt(0) : -1;
    kinds[k] = kind;
    syl.push(s);
    offsets.push(offset);
    offset += ch.length;
    if (kind === HAN) hanMask |= hanBit(n);
    for (const letter of s) letterMask |= letterBit(letter);
  });
  offsets.push(offset);
  return { text, lit: chars.join(''), codes, firsts, kinds, syl, offsets, hanMask, letterMask, hasLatin: kinds.includes(LATIN), letters: syl.join('') };
}

/** Longest query the searcher looks at, in code points: a pasted paragraph is cut, not scanned. */
const MAX_QUERY = 48;

/** Splits a raw query into words (on spaces and punctuation), normalized; [] when nothing is left. */
export function queryWords(raw: string): string[] {
  const words: string[] = [];
  let word = '';
  let count = 0;
  for (const ch of raw.slice(0, MAX_QUERY * 4)) {
    const n = normalizeCodePoint(ch);
    if (kindOf(n) === PUNCT) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (++count > MAX_QUERY) break;
    word += n;
  }
  if (word) words.push(word);
  return words;
}

/** A query word (already normalized by `queryWords`) ready to be matched. */
export function prepareQuery(text: string): QueryText {
  const cps = [...text];
  const kinds = new Uint8Array(cps.length);
  const codes = new Int32Array(cps.length);
  let hanMask = 0;
  let letterMask = 0;
  cps.forEach((c, k) => {
    const kind = kindOf(c);
    kinds[k] = kind;
    codes[k] = c.codePointAt(0) ?? 0;
    if (kind === HAN) hanMask |= hanBit(c);
    else letterMask |= letterBit(c);
  });
  return { text, cps, codes, kinds, hanMask, letterMask, hasHan: hanMask !== 0, hasLatin: letterMask !== 0 };
}

/** Code point positions → [start, end) UTF-16 ranges of the field's text, neighbours merged. */
export function ranges(f: Field, positions: readonly number[], into: Array<[number, number]> = []): Array<[number, number]> {
  for (const p of positions) {
    const start = f.offsets[p]!;
    const end = f.offsets[p + 1]!;
    const last = into[into.length - 1];
    if (last && last[1] === start) last[1] = end;
    else into.push([start, end]);
  }
  return into;
}

export function mergeRanges(list: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of [...list].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
