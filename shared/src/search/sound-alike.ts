import type { EntryScorer } from './entry-scorer.js';
import { HAN } from './match.js';
import { BY_SOUND, mayFit } from './picks.js';
import type { PreparedEntry } from './prepared-entry.js';
import { clampBonus, RANK, startBonus, wordFit } from './scoring.js';
import { foldLetters, foldSyllable } from './sound.js';
import { prepareQuery, type QueryText } from './text.js';

/** The query as it sounds: its characters' syllables (folded), its letters folded; null if nothing to hear. */
export function soundOf(readings: ReadonlyMap<string, string>, q: QueryText): QueryText | null {
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
export function soundAlike(s: EntryScorer, e: PreparedEntry, heard: QueryText, typed: QueryText): void {
  if (!mayFit(e.sound, heard)) return;
  const m = s.matcher.match(e.sound, heard, false);
  if (!m || (typed.hasHan && (m.initials || m.midPartials > 0))) return;
  const part = e.name.text.slice(e.name.offsets[m.start], e.name.offsets[m.end]);
  const bonus = e.base + startBonus(m.start) + wordFit(e.wordEdges, m) - 40 * m.midPartials;
  s.offer(RANK.soundAlike * 1000 + clampBonus(bonus), BY_SOUND, 0, typed.text, e.name.offsets[m.start], e.name.offsets[m.end], part);
}
