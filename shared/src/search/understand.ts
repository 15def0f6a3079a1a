/**
 * How the kiosk reads a sentence a visitor typed (我想换驾照, 身份证丢了怎么办, 开个小超市): the hall's everyday
 * phrases it contains stand for the words of official names; the rest is cut into words by the segmenter; words
 * that carry no meaning for the match (pronouns, modal and question words, particles) are dropped by rule, and
 * light verbs (办、换、开、补 …) only break ties between names that both fit.
 */

/**
 * Characters of the closed word classes — pronouns, modal verbs, question words, particles, measure words,
 * prepositions — and the empty verbs of asking (办、弄、搞、去). A segment made of nothing else says nothing
 * about which service is meant (我想要, 怎么办, 要去哪里, 一下).
 */
const FILLER_CHARS = new Set([...'我你您他她它们想要需得该能可以会怎么样如何哪里儿啥什吗呢吧啊呀嘛哦哈了的地着过请问麻烦帮一下个些给去来到在把被还也就都又再办弄搞这那咋谁让叫应']);

/** Words of asking that the character rule does not cover (材料 and 手续 are what every guide lists). */
const FILLER_WORDS = new Set(['材料', '手续', '流程', '资料', '需要', '多久', '多少钱', '哪些', '东西', '事情', '时间', '地方', '窗口', '现在', '今天', '明天', '自己', '本人', '家里', '朋友', '相关', '业务', '事项', '问题']);

/** Light verbs: they do not pick a service, but 换驾照 prefers 驾驶证换证 over 驾驶证补证. */
const LIGHT = new Set([...'开换补领交缴查考转迁取提买卖改申报办注销新变更']);

export const UNIT_PHRASE = 0;
export const UNIT_WORD = 1;
export const UNIT_LIGHT = 2;

/** One meaningful piece of a query. */
export interface QueryUnit {
  readonly kind: typeof UNIT_PHRASE | typeof UNIT_WORD | typeof UNIT_LIGHT;
  /** the text as typed (normalized) */
  readonly text: string;
  /** for a phrase: the words of official names it stands for, the preferred first */
  readonly targets: readonly string[];
  /** the length of the longest target */
  readonly longest: number;
  /** how much of the query it is (light verbs weigh nothing) */
  readonly weight: number;
}

export interface PhraseSource {
  readonly lit: string;
  readonly text: string;
  readonly targets: readonly string[];
}

const isFiller = (w: string) => FILLER_WORDS.has(w) || [...w].every((c) => FILLER_CHARS.has(c));

/**
 * The units of a query: the longest hall phrases inside it first (left to right, not overlapping), then the
 * segmenter's words of what is left, fillers dropped. `segment` splits a run of text into words.
 */
export function understand(text: string, phrases: readonly PhraseSource[], segment: (run: string) => string[]): QueryUnit[] {
  const taken = new Uint8Array(text.length);
  const found: Array<{ at: number; unit: QueryUnit }> = [];
  const byLength = phrases.filter((p) => p.lit.length >= 2 && text.includes(p.lit)).sort((a, b) => b.lit.length - a.lit.length);
  for (const p of byLength) {
    for (let at = text.indexOf(p.lit); at >= 0; at = text.indexOf(p.lit, at + 1)) {
      if (taken.subarray(at, at + p.lit.length).some((t) => t === 1)) continue;
      taken.fill(1, at, at + p.lit.length);
      found.push({ at, unit: { kind: UNIT_PHRASE, text: p.text, targets: p.targets, longest: Math.max(...p.targets.map((t) => t.length)), weight: 2 + Math.min(2, p.lit.length - 2) } });
      break;
    }
  }
  let run = '';
  let runAt = 0;
  const flush = () => {
    let at = runAt;
    for (const w of run ? segment(run) : []) {
      const unit = wordUnit(w);
      if (unit) found.push({ at, unit });
      at += w.length;
    }
    run = '';
  };
  for (let k = 0; k < text.length; k++) {
    if (taken[k]) {
      flush();
      continue;
    }
    if (!run) runAt = k;
    run += text[k];
  }
  flush();
  return found.sort((a, b) => a.at - b.at).map((f) => f.unit);
}

function wordUnit(w: string): QueryUnit | null {
  if (isFiller(w)) {
    // 要办, 去换: the light verb inside a filler segment still breaks ties
    const light = [...w].filter((c) => LIGHT.has(c)).join('');
    return light ? { kind: UNIT_LIGHT, text: light, targets: [], longest: 0, weight: 0 } : null;
  }
  const cps = [...w];
  if (cps.length === 1) return LIGHT.has(w) ? { kind: UNIT_LIGHT, text: w, targets: [], longest: 0, weight: 0 } : { kind: UNIT_WORD, text: w, targets: [], longest: 0, weight: 1 };
  // a word with a filler tail or head (丢了吗, 我的): what is left carries the meaning
  const core = trimFillers(cps);
  if (!core) return null;
  return { kind: UNIT_WORD, text: core, targets: [], longest: 0, weight: [...core].length };
}

function trimFillers(cps: string[]): string {
  let a = 0;
  let b = cps.length;
  while (a < b && FILLER_CHARS.has(cps[a]!) && !LIGHT.has(cps[a]!)) a++;
  while (b > a && FILLER_CHARS.has(cps[b - 1]!) && !LIGHT.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}
