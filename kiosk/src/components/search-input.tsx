import type { SearchIndex } from '@hall/shared';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PadProps } from '../input/handwriting-pad.js';
import { w } from '../input/input-words.js';
import { CandidateBar } from './candidate-bar.js';
import { Keyboard, applyKey } from './keyboard.js';

type Ime = typeof import('../input/pinyin-ime.js');

/** The letters at the end of the query: what the pinyin candidates are for. */
const trailingLetters = (query: string) => /[a-z]+$/.exec(query)?.[0] ?? '';

/**
 * The search page's input: the letter keyboard with a candidate bar for pinyin (huzhao → 护照; letters stay in
 * the field, so initials and pinyin still search as they are typed), and a writing pad for those who do not
 * know pinyin. Both load only when the page (candidates) or the pad is opened, not with the kiosk's first paint.
 */
export function SearchInput({ query, setQuery, index }: { query: string; setQuery: (update: (q: string) => string) => void; index: SearchIndex | null }) {
  const [ime, setIme] = useState<Ime | null>(null);
  const [Pad, setPad] = useState<ComponentType<PadProps> | null>(null);
  const [padOpen, setPadOpen] = useState(false);
  useEffect(() => {
    void import('../input/pinyin-ime.js').then((m) => setIme(m));
  }, []);
  const vocab = useMemo(() => (ime && index ? ime.buildVocabulary(index) : null), [ime, index]);
  const letters = trailingLetters(query);
  const candidates = useMemo(() => (ime && vocab && letters ? ime.pinyinCandidates(letters, vocab) : []), [ime, vocab, letters]);

  function openPad(): void {
    setPadOpen(true);
    if (!Pad) void import('../input/handwriting-pad.js').then((m) => setPad(() => m.HandwritingPad));
  }
  function pick(k: number): void {
    const c = candidates[k];
    if (!c) return;
    setQuery((q) => {
      const typed = trailingLetters(q);
      return q.slice(0, q.length - typed.length) + c.text + typed.slice(c.consumed);
    });
  }
  const lastChar = [...query].pop() ?? '';
  return (
    <>
      <CandidateBar candidates={candidates.map((c) => c.text)} onPick={pick} />
      {padOpen ? (
        Pad ? (
          <Pad
            suggest={(c) => (ime && vocab ? ime.nextChars(vocab, c) : [])}
            lastChar={lastChar}
            onPick={(c) => setQuery((q) => applyKey(q, c))}
            onClose={() => setPadOpen(false)}
          />
        ) : (
          <p role="status">{w('handwritingOpen')}…</p>
        )
      ) : (
        <Keyboard onKey={(k) => setQuery((v) => applyKey(v, k.length === 1 ? k.toLowerCase() : k))} onHandwriting={openPad} />
      )}
    </>
  );
}
