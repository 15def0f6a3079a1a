import { useEffect, useState } from 'preact/hooks';
import { w } from '../input/input-words.js';

const PAGE = 8;

/**
 * A row of big candidates (each at least 64 px square) with a "more" button that pages through the rest:
 * the pinyin keyboard's words and characters, and the writing pad's characters.
 */
export function CandidateBar({ candidates, onPick, label = w('candidates') }: { candidates: readonly string[]; onPick: (k: number) => void; label?: string }) {
  const [page, setPage] = useState(0);
  // Back to the first page when the candidates change (not merely when the caller makes a new array of them).
  useEffect(() => setPage(0), [candidates.join('\n')]);
  if (candidates.length === 0) return null;
  const pages = Math.ceil(candidates.length / PAGE);
  const from = (page % pages) * PAGE;
  return (
    <div class="candidates" role="group" aria-label={label}>
      <span class="candidates-label">{label}</span>
      {candidates.slice(from, from + PAGE).map((c, k) => (
        <button type="button" class="candidate" key={`${from + k}:${c}`} onClick={() => onPick(from + k)}>
          {c}
        </button>
      ))}
      {pages > 1 && (
        <button type="button" class="candidate more" onClick={() => setPage((p) => (p + 1) % pages)}>
          {w('more')} ›
        </button>
      )}
    </div>
  );
}
