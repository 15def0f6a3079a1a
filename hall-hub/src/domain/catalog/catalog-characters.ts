import type { SearchIndex } from '@hall/shared';

const HAN = /\p{Script=Han}/u;

/** Every Chinese character the catalog's names, aliases and hall phrases use: what visitors write to find them. */
export function catalogCharacters(index: Pick<SearchIndex, 'entries' | 'synonyms'>): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    for (const c of text) if (HAN.test(c)) out.add(c);
  };
  for (const e of index.entries) {
    add(e.name);
    e.aliases.forEach(add);
  }
  for (const s of index.synonyms) add(s.phrase);
  return out;
}

/**
 * A recogniser's candidates with the catalog's characters first, each group in the recogniser's order. A
 * visitor at the kiosk writes to find a service, so a look-alike the catalog never uses is the less likely
 * reading (业 written a little off reads 且 first); nothing is dropped, only moved behind.
 */
export function preferCatalogCharacters(candidates: readonly string[], known: ReadonlySet<string>, limit: number): string[] {
  return [...candidates.filter((c) => known.has(c)), ...candidates.filter((c) => !known.has(c))].slice(0, limit);
}
