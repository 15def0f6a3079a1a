import type { SearchEntry, SearchReason } from './search-index.js';
import type { Field, QueryText } from './text.js';

/** The searcher's bookkeeping: what matched an entry, how it ranks, and the list of the best kept. */

/** What matched, so the highlight can be worked out for the few results kept (and only for those). */
export const BY_NAME = 0;
export const BY_ALIAS = 1;
export const BY_PHRASE = 2;
export const BY_SCATTERED = 3;
export const BY_WORDS = 4;
export const BY_DEPARTMENT = 5;
export const BY_MEANING = 6;
export const BY_SOUND = 7;
export const BY_NEAR = 8;

/** A hall phrase the query stands for, and how well. */
export interface PhraseHit {
  readonly phrase: string;
  readonly targets: readonly string[];
  readonly rank: number;
}

/** An entry's best match. `field`: the alias (or, scattered, 0 = name, k = alias k−1); `from`/`to`: a phrase's words. */
export interface Pick {
  score: number;
  by: number;
  field: number;
  from: number;
  to: number;
  label: string | undefined;
  /** for a match through meaning or sound: what of the name the typed words stand for */
  means: string | undefined;
}

export interface Kept<E extends { readonly entry: SearchEntry } = { readonly entry: SearchEntry }> extends Pick {
  readonly e: E;
}

/** Whether a field (or entry) holds every character the query needs: a cheap filter before matching. */
export function mayMatch(f: { readonly hanMask: number; readonly letterMask: number }, q: QueryText): boolean {
  return (q.hanMask & ~f.hanMask) === 0 && (q.letterMask & ~f.letterMask) === 0;
}

/** The same for a field, sharper for longer Latin queries: their letters must come in the field's pinyin, in order. */
export function mayFit(f: Field, q: QueryText): boolean {
  if (!mayMatch(f, q)) return false;
  if (q.hasHan || q.codes.length < 4) return true;
  const letters = f.letters;
  let j = 0;
  for (let i = 0; i < letters.length && j < q.codes.length; i++) if (letters.charCodeAt(i) === q.codes[j]) j++;
  return j === q.codes.length;
}

/** What the visitor is told when the name does not hold what was typed. */
export function reasonOf(k: Kept): SearchReason | undefined {
  if (k.label === undefined) return undefined;
  if (k.by === BY_SOUND) return { how: 'sound', said: k.label, means: k.means ?? k.e.entry.name };
  if (k.by === BY_NEAR) return { how: 'near', said: k.label, means: k.means ?? k.e.entry.name };
  if (k.by === BY_ALIAS || (k.by === BY_SCATTERED && k.field > 0)) return { how: 'alias', said: k.label, means: k.e.entry.name };
  return { how: 'phrase', said: k.label, means: k.means ?? k.e.entry.name };
}

/** Keeps the best `max` matches in order: score, then catalog order (so ties always come out the same). */
export function keep<E extends { readonly entry: SearchEntry }>(top: Array<Kept<E>>, max: number, e: E, p: Pick): void {
  // Entries come in catalog order, so an equal score never goes before one already kept.
  if (top.length >= max && top[top.length - 1]!.score >= p.score) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.score < p.score) at--;
  top.splice(at, 0, { ...p, e });
  if (top.length > max) top.pop();
}
