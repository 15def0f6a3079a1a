import { prepareQuery, type QueryText } from './text.js';

/**
 * Chinese words of a query, by the platform's `Intl.Segmenter` (made on first use; where there is none, a
 * query is not cut into words).
 */
export function createWordSegmenter() {
  let segmenter: Intl.Segmenter | null | undefined;
  const get = (): Intl.Segmenter | null => {
    if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    return segmenter;
  };

  /** A Chinese query of three or more characters as its words; [] if it is one word (or cannot be cut). */
  function words(q: QueryText): QueryText[] {
    if (q.hasLatin || q.cps.length < 3) return [];
    const seg = get();
    if (!seg) return [];
    const out = [...seg.segment(q.text)].filter((s) => s.isWordLike).map((s) => prepareQuery(s.segment));
    return out.length > 1 ? out : [];
  }

  /** A run of a sentence cut into pieces (for understand()); the run whole if it cannot be cut. */
  function run(text: string): string[] {
    const seg = get();
    if (!seg || text.length < 2) return [text];
    return [...seg.segment(text)].map((s) => s.segment);
  }

  return { words, run };
}
