import type { Field, QueryText } from './text.js';

/** What a code point is, for matching. (Defined here, next to the hot loop, so it reads plain constants.) */
export const PUNCT = 0;
export const HAN = 1;
export const LATIN = 2;
export type CharKind = typeof PUNCT | typeof HAN | typeof LATIN;

/**
 * How a query lay over a field, in code point positions of the field. The matcher reuses one of these:
 * it is valid until its next call (take `positions()` before that if the match is kept).
 */
export interface FieldMatch {
  start: number;
  /** one past the last matched code point */
  end: number;
  /** no query letter was taken as a syllable: the characters themselves matched */
  literal: boolean;
  /** the letters were initials only (yyzz), not whole syllables (yingye) */
  initials: boolean;
  /** syllables cut short before the last one (yinye for yingye): allowed, ranked lower */
  midPartials: number;
  /** characters of the field skipped between matched ones (scattered matches only) */
  gaps: number;
}

const STEP_LITERAL = 0;
const STEP_INITIAL = 1;
const STEP_SYLLABLE = 2;
const STEP_PARTIAL = 3;
const STEP_SKIP = 4;
const H = 0x68;
const C = 0x63;
const S = 0x73;
const Z = 0x7a;

/** zh, ch and sh are initials of two letters; everything else starts with one. */
function initialLength(s: string): number {
  const a = s.charCodeAt(0);
  return s.length > 1 && s.charCodeAt(1) === H && (a === Z || a === C || a === S) ? 2 : 1;
}

/**
 * Matches a query against a field, contiguously or with gaps, the way visitors type: a Chinese character by
 * itself, a letter or digit by itself, or a run of Latin letters as the pinyin of consecutive characters, each
 * character taking a prefix of its syllable (so yyzz, yingyezhizhao, yingyzz and yingyezh all find 营业执照).
 * Punctuation inside a run is passed over. Gaps, when allowed, come only after a whole character or syllable:
 * 食品许可 finds 食品经营许可 and shipinxuke does too, but yyzz never skips.
 *
 * Depth-first, longest syllable first, remembering failed states (query position × field position × whether
 * the last unit was whole), so a field costs at most that many steps. One matcher per searcher: it keeps its
 * scratch memory between calls.
 */
export function createFieldMatcher() {
  let seen = new Uint32Array(4096);
  let stamp = 0;
  let trail = new Int32Array(512);
  let top = 0;

  let f: Field;
  let qc: Int32Array;
  let qk: Uint8Array;
  let qn = 0;
  let width = 0;
  let gaps = false;

  function go(p: number, i: number, complete: boolean): boolean {
    if (p === qn) return true;
    if (i >= width - 1) return false;
    const key = ((p * width + i) << 1) | (complete ? 1 : 0);
    if (seen[key] === stamp) return false;
    const kind = f.kinds[i];
    if (kind !== PUNCT && f.codes[i] === qc[p]) {
      if (go(p + 1, i + 1, true)) return took(i, 1, STEP_LITERAL);
    } else if (kind === HAN && qk[p] === LATIN && f.firsts[i] === qc[p]) {
      const s = f.syl[i]!;
      let longest = 1;
      while (longest < s.length && p + longest < qn && qc[p + longest] === s.charCodeAt(longest)) longest++;
      for (let k = longest; k >= 1; k--) {
        const whole = k === s.length;
        if (go(p + k, i + 1, whole)) return took(i, k, k <= initialLength(s) ? STEP_INITIAL : whole ? STEP_SYLLABLE : STEP_PARTIAL);
      }
    }
    if (p > 0 && (kind === PUNCT || (gaps && complete)) && go(p, i + 1, complete)) return took(i, 0, STEP_SKIP);
    seen[key] = stamp;
    return false;
  }

  function took(i: number, k: number, step: number): true {
    if (top + 3 > trail.length) {
      const bigger = new Int32Array(trail.length * 2);
      bigger.set(trail);
      trail = bigger;
    }
    trail[top++] = i;
    trail[top++] = k;
    trail[top++] = step;
    return true;
  }

  /** Sums up the trail (written while unwinding, so read backwards) into `into`. */
  function describe(into: FieldMatch): void {
    let first = -1;
    let last = -1;
    into.literal = true;
    into.initials = true;
    into.midPartials = 0;
    into.gaps = 0;
    let lastStep = -1;
    for (let t = top - 3; t >= 0; t -= 3) {
      const i = trail[t]!;
      const step = trail[t + 2]!;
      if (step === STEP_SKIP) {
        if (f.kinds[i] !== PUNCT) into.gaps++;
        continue;
      }
      if (first < 0) first = i;
      last = i;
      if (step === STEP_LITERAL) continue;
      into.literal = false;
      if (step !== STEP_INITIAL) into.initials = false;
      if (lastStep === STEP_PARTIAL) into.midPartials++;
      lastStep = step;
    }
    into.start = first;
    into.end = last + 1;
  }

  const blank = (): FieldMatch => ({ start: 0, end: 0, literal: true, initials: false, midPartials: 0, gaps: 0 });
  let best = blank();
  let current = blank();
  let bestTrail = new Int32Array(512);
  let bestTop = 0;

  function keepBest(): void {
    const previous = best;
    best = current;
    current = previous;
    if (bestTrail.length < top) bestTrail = new Int32Array(trail.length);
    for (let t = 0; t < top; t++) bestTrail[t] = trail[t]!;
    bestTop = top;
  }

  /** The code points the last match took, ascending (the trail is stored backwards). */
  function positions(): number[] {
    const out: number[] = [];
    for (let t = bestTop - 3; t >= 0; t -= 3) if (bestTrail[t + 2] !== STEP_SKIP) out.push(bestTrail[t]!);
    return out;
  }

  /**
   * The best place for the query in the field: literal before pinyin, then (with gaps) fewest gaps, then the
   * earliest start. Null when it does not fit.
   */
  function match(field: Field, query: QueryText, withGaps: boolean): FieldMatch | null {
    qn = query.codes.length;
    if (qn === 0) return null;
    f = field;
    qc = query.codes;
    qk = query.kinds;
    gaps = withGaps;
    width = field.codes.length + 1;
    const need = ((qn + 1) * width) << 1;
    if (need > seen.length) seen = new Uint32Array(Math.max(need, seen.length * 2));
    if (stamp === 0xffffffff) {
      seen.fill(0);
      stamp = 0;
    }
    stamp++;
    const q0 = qc[0];
    const n = field.codes.length;
    let found = false;
    for (let i = 0; i < n; i++) {
      if (field.codes[i] !== q0 && field.firsts[i] !== q0) continue;
      top = 0;
      if (!go(0, i, true)) continue;
      describe(current);
      if (!found || better(current, best)) keepBest();
      found = true;
      if (unbeatable(best, field, query)) break;
    }
    return found ? best : null;
  }

  return { match, positions };
}

/** Nothing later in the field can do better than this (so the earliest start stands). */
function unbeatable(m: FieldMatch, f: Field, q: QueryText): boolean {
  if (m.gaps > 0) return false;
  return m.literal || (!f.hasLatin && !q.hasHan && m.initials && m.midPartials === 0);
}

function better(a: FieldMatch, b: FieldMatch): boolean {
  if (a.literal !== b.literal) return a.literal;
  if (a.gaps !== b.gaps) return a.gaps < b.gaps;
  if (a.initials !== b.initials) return a.initials;
  return a.midPartials < b.midPartials;
}

