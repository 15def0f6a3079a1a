import { createFieldMatcher } from './match.js';
import type { Pick } from './picks.js';

export type FieldMatcher = ReturnType<typeof createFieldMatcher>;

/**
 * What every pass scores with: one field matcher (it keeps its scratch memory) and the entry being scored's
 * best match so far (one object, reused for every entry; a pass resets `pick.score` to −1 before each).
 */
export interface EntryScorer {
  readonly matcher: FieldMatcher;
  readonly pick: Pick;
  /** keeps this match if it beats the entry's best so far */
  offer(score: number, by: number, field: number, label?: string, from?: number, to?: number, means?: string): void;
}

export function createEntryScorer(): EntryScorer {
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
  return { matcher: createFieldMatcher(), pick, offer };
}
