import type { SearchEntry } from './search-index.js';
import { foldSyllable } from './sound.js';
import { baseBonus, wordEdges } from './scoring.js';
import { prepareField, type Field } from './text.js';

/** A business type made ready for matching once, when the searcher is built. */
export interface PreparedEntry {
  readonly entry: SearchEntry;
  readonly order: number;
  readonly name: Field;
  /** the name with its syllables folded (zh → z, -ng → -n, l → n), for sound-alike matching */
  readonly sound: Field;
  readonly aliases: readonly Field[];
  readonly aliasLits: readonly string[];
  /** 1 where a word of the name starts or ends (code point positions 0…length) */
  readonly wordEdges: Uint8Array;
  readonly dept: string;
  readonly hanMask: number;
  readonly letterMask: number;
  readonly base: number;
  /** whether the name or an alias has letters or digits of its own (a Latin query may match them literally) */
  readonly hasLatin: boolean;
}

export function prepareEntry(entry: SearchEntry, order: number): PreparedEntry {
  const name = prepareField(entry.name, entry.namePinyin);
  const aliases = entry.aliases.map((a, k) => prepareField(a, entry.aliasPinyin[k] ?? []));
  return {
    entry,
    order,
    name,
    sound: prepareField(entry.name, entry.namePinyin.map(foldSyllable)),
    aliases,
    aliasLits: aliases.map((a) => a.lit),
    wordEdges: wordEdges(name, entry.nameWords),
    dept: prepareField(entry.deptName, []).lit,
    hanMask: aliases.reduce((m, a) => m | a.hanMask, name.hanMask),
    letterMask: aliases.reduce((m, a) => m | a.letterMask, name.letterMask),
    base: baseBonus(name, aliases.length > 0),
    hasLatin: name.hasLatin || aliases.some((a) => a.hasLatin),
  };
}
