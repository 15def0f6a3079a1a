import type { SearchIndex } from '@hall/shared';

/** A word visitors may want to write, with one toneless syllable per character. */
export interface VocabWord {
  text: string;
  syllables: readonly string[];
  /** how often the catalog uses it */
  weight: number;
}

/** The catalog's own language, for the input methods: its words, its characters' readings, what follows what. */
export interface Vocabulary {
  words: readonly VocabWord[];
  /** syllable → the catalog's characters read so, most used first */
  charsBySyllable: ReadonlyMap<string, readonly string[]>;
  /** character → the characters that follow it in the catalog, most often first */
  next: ReadonlyMap<string, readonly string[]>;
}

const HAN = /^\p{Script=Han}$/u;
const MAX_WORD = 8;

/** A pair inside one word (护|照) says more about what comes next than a pair across two (保护|陆生). */
const IN_WORD = 4;

function counted<K>(m: Map<K, Map<string, number>>, key: K, value: string, by = 1): void {
  const inner = m.get(key) ?? new Map<string, number>();
  inner.set(value, (inner.get(value) ?? 0) + by);
  m.set(key, inner);
}

const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);

/**
 * Built on the kiosk from the search index it already has (names with their words and pinyin, aliases, the
 * hall's phrases): nothing more to download, and it follows whatever catalog the hall imports.
 */
export function buildVocabulary(index: SearchIndex): Vocabulary {
  const words = new Map<string, VocabWord & { weight: number }>();
  const bySyllable = new Map<string, Map<string, number>>();
  const next = new Map<string, Map<string, number>>();

  /** `ends`: the offsets where a word ends (a name's words); none for an alias or phrase, which is one word. */
  function text(chars: readonly string[], syllables: readonly string[], ends: ReadonlySet<number> = new Set()): void {
    chars.forEach((c, k) => {
      if (!HAN.test(c) || !syllables[k]) return;
      counted(bySyllable, syllables[k], c);
      const after = chars[k + 1];
      if (after && HAN.test(after)) counted(next, c, after, ends.has(k + 1) ? 1 : IN_WORD);
    });
  }
  function word(chars: readonly string[], syllables: readonly string[]): void {
    if (chars.length < 2 || chars.length > MAX_WORD || syllables.length !== chars.length || syllables.some((s) => !s)) return;
    const key = chars.join('');
    const known = words.get(key);
    if (known) known.weight++;
    else words.set(key, { text: key, syllables: [...syllables], weight: 1 });
  }

  for (const e of index.entries) {
    const chars = [...e.name];
    const ends = new Set<number>();
    e.nameWords.reduce((at, n) => (ends.add(at + n), at + n), 0);
    text(chars, e.namePinyin, ends);
    let at = 0;
    const parts = e.nameWords.map((n) => {
      const part = { chars: chars.slice(at, at + n), syllables: e.namePinyin.slice(at, at + n) };
      at += n;
      return part;
    });
    parts.forEach((p, k) => {
      word(p.chars, p.syllables);
      // Two words together are often what people ask for (营业 + 执照).
      const q = parts[k + 1];
      if (q) word([...p.chars, ...q.chars], [...p.syllables, ...q.syllables]);
    });
    e.aliases.forEach((a, k) => {
      text([...a], e.aliasPinyin[k] ?? []);
      word([...a], e.aliasPinyin[k] ?? []);
    });
  }
  for (const s of index.synonyms) {
    text([...s.phrase], s.pinyin);
    word([...s.phrase], s.pinyin);
  }
  return {
    words: [...words.values()].sort((a, b) => b.weight - a.weight || a.text.length - b.text.length),
    charsBySyllable: new Map([...bySyllable].map(([s, m]) => [s, byCount(m)])),
    next: new Map([...next].map(([c, m]) => [c, byCount(m)])),
  };
}

/** What to offer after `char` was written: the characters that follow it in the catalog (护 → 照, 士). */
export function nextChars(vocab: Vocabulary, char: string, limit = 10): string[] {
  return (vocab.next.get(char) ?? []).slice(0, limit);
}
