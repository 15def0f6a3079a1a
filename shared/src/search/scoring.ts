import type { FieldMatch } from './match.js';
import type { Field } from './text.js';

/**
 * How a match ranks, best first. The score is rank × 1000 plus a bonus (0–999) that prefers shorter names (the
 * bracketed qualifier counts less), matches at the start of a name and of its words, and business types the
 * catalog gives colloquial names (visitors ask for those). Sound-alike and near matches rank below every match of
 * what was typed. A whole alias or hall phrase typed in pinyin ranks
 * with the name's pinyin, just after it; part of one, a rank lower.
 */
export const RANK = {
  exact: 23,
  prefix: 22,
  substring: 21,
  aliasWhole: 20,
  aliasPart: 19,
  phrase: 18,
  initials: 17,
  initialsPart: 16,
  pinyin: 15,
  pinyinPart: 14,
  scattered: 13,
  words: 12,
  /** every meaningful word of a sentence found (through the hall's phrases or as written) */
  understood: 11,
  /** the query's sound, not its characters (身分证 → 身份证) */
  soundAlike: 10,
  /** all but one of the query's characters, in order */
  nearMiss: 9,
  /** some of a sentence's words found */
  understoodPart: 8,
  department: 7,
} as const;

/** In the same rank, the name itself comes before a colloquial name or hall phrase. */
export const VIA_ALIAS = 30;

/** The bonus stays within its rank. */
export const clampBonus = (b: number) => (b < 0 ? 0 : b > 999 ? 999 : b);
/** A match at the very start of a name is what visitors type most; further in, a little less each character. */
export const startBonus = (start: number) => (start === 0 ? 60 : -3 * Math.min(start, 20));
/** Through an alias or phrase, a late start still costs, but an early one earns nothing over the name itself. */
export const aliasStart = (start: number) => Math.min(0, startBonus(start));

/** 600, less 8 per character of the name before its bracketed qualifier and 2 per character of that; +20 with aliases. */
export function baseBonus(name: Field, hasAliases: boolean): number {
  const bracket = name.codes.findIndex((c) => c === 0xff08 || c === 0x28);
  const core = bracket < 0 ? name.codes.length : bracket;
  return 600 - Math.min(400, core * 8 + (name.codes.length - core) * 2) + (hasAliases ? 20 : 0);
}

/** Where the name's words start and end; without a usable split every position counts as an edge. */
export function wordEdges(name: Field, lengths: readonly number[]): Uint8Array {
  const n = name.codes.length;
  const edges = new Uint8Array(n + 1);
  if (lengths.reduce((a, b) => a + b, 0) !== n) return edges.fill(1);
  edges[0] = 1;
  let at = 0;
  for (const l of lengths) edges[(at += l)] = 1;
  return edges;
}

/**
 * Visitors type the initials of whole words (ylj is 养老金, not the start of 医疗机构): a pinyin match that
 * stops inside a word, or any match that starts inside one, ranks lower.
 */
export function wordFit(edges: Uint8Array, m: FieldMatch): number {
  const startsInside = edges[m.start] ? 0 : 30;
  const endsInside = m.literal || edges[m.end] ? 0 : m.initials ? 150 : 60;
  return -startsInside - endsInside;
}
