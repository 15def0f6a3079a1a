import type { EntryScorer, FieldMatcher } from './entry-scorer.js';
import { BY_PHRASE, mayFit, type PhraseHit } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { aliasStart, clampBonus, RANK, VIA_ALIAS } from './scoring.js';
import type { Field, QueryText } from './text.js';

/** A hall phrase (换驾照) made ready: its own text and pinyin, and the words of names it stands for. */
export interface PreparedPhrase {
  readonly phrase: Field;
  readonly targets: readonly string[];
}

/** The hall phrases a query stands for: typed whole or in part (at least two characters), in Chinese or in pinyin from its start. */
export function phrasesOf(matcher: FieldMatcher, synonyms: readonly PreparedPhrase[], q: QueryText): PhraseHit[] {
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

/** A hall phrase's words in the name: highlighted, with the phrase shown. */
export function viaPhrases(s: EntryScorer, e: PreparedEntry, hits: readonly PhraseHit[]): void {
  for (const h of hits) {
    if (h.rank * 1000 + 999 <= s.pick.score) continue;
    h.targets.forEach((t, k) => {
      const at = e.name.lit.indexOf(t);
      if (at < 0) return;
      const start = e.name.offsets.indexOf(at);
      // a phrase's first target is what it most often means (换驾照: 驾驶证换证 before any 驾驶证)
      s.offer(h.rank * 1000 + clampBonus(e.base + aliasStart(start) - VIA_ALIAS - 200 * k), BY_PHRASE, 0, h.phrase, at, at + t.length, t);
    });
  }
}
