import { UNIT_LIGHT, UNIT_PHRASE, type QueryUnit } from './understand.js';

/** How much of a sentence's meaning a business type's name holds. */
export interface Coverage {
  /** every meaningful unit was found */
  full: boolean;
  /** the share of the sentence's weight found, 0–1 (a phrase's preferred, longer target counts more) */
  share: number;
  /** light verbs found in the name */
  light: number;
  /** the first hall phrase that matched, and the words of the name it stood for */
  said: string | undefined;
  means: string | undefined;
}

/**
 * The units of a query in a name (and its colloquial names). Null unless a hall phrase or a word of two
 * characters or more is found: one character in common (证, 房) is not a match.
 */
export function coverage(name: string, aliases: readonly string[], units: readonly QueryUnit[]): Coverage | null {
  let total = 0;
  let got = 0;
  let strong = false;
  let full = true;
  let light = 0;
  let said: string | undefined;
  let means: string | undefined;
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (u.kind === UNIT_LIGHT) {
      for (const c of u.text) if (name.includes(c)) light++;
      continue;
    }
    total += u.weight;
    if (u.kind === UNIT_PHRASE) {
      const t = u.targets.find((x) => name.includes(x));
      if (t === undefined) {
        full = false;
        continue;
      }
      got += u.weight * (0.7 + (0.3 * t.length) / u.longest);
      strong = true;
      if (said === undefined) [said, means] = [u.text, t];
    } else if (name.includes(u.text) || aliases.some((a) => a.includes(u.text))) {
      got += u.weight;
      if (u.text.length >= 2 || pairedInName(name, units, k)) strong = true;
    } else {
      full = false;
    }
  }
  if (!strong || total === 0) return null;
  return { full, share: got / total, light, said, means };
}

/**
 * A lone character next to another lone one, side by side in the name: a word the segmenter did not know and
 * cut apart (星级 → 星/级, in 酒店评星级), which matches as much as a word it knew.
 */
function pairedInName(name: string, units: readonly QueryUnit[], k: number): boolean {
  const lone = (u: QueryUnit | undefined) => u !== undefined && u.kind !== UNIT_LIGHT && u.kind !== UNIT_PHRASE && u.text.length === 1;
  const u = units[k]!;
  if (!lone(u)) return false;
  return (lone(units[k + 1]) && name.includes(u.text + units[k + 1]!.text)) || (lone(units[k - 1]) && name.includes(units[k - 1]!.text + u.text));
}
