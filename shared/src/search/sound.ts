/**
 * Sound-alike matching: a visitor who picks the wrong character of the right sound (身分证 for 身份证, 户照 for
 * 护照), or who speaks a dialect that merges zh/z, ch/c, sh/s, -ng/-n or l/n, still means the same syllables.
 * Queries and names are compared through their pinyin with those distinctions folded away.
 */

/** The syllable with the distinctions visitors most often blur folded away (zhang → zan, ling → nin). */
export function foldSyllable(s: string): string {
  return s.replace(/^([zcs])h/, '$1').replace(/ng$/, 'n').replace(/^l/, 'n');
}

/**
 * The same for letters typed as pinyin, where syllables are not marked: the folds are applied wherever the
 * letters occur (so a rare n|g across a syllable boundary folds too; names fold the same way per syllable, and
 * such a name simply is not found this way).
 */
export function foldLetters(letters: string): string {
  return letters.replace(/([zcs])h/g, '$1').replace(/ng/g, 'n').replace(/l/g, 'n');
}

/** Character → its (first) syllable, from the index's readings table (syllable → the characters read so). */
export function readingsOf(table: Readonly<Record<string, string>> | undefined, extra: Iterable<readonly [string, string]>): Map<string, string> {
  const byChar = new Map<string, string>();
  for (const [ch, syl] of extra) if (syl && !byChar.has(ch)) byChar.set(ch, syl);
  if (table) {
    for (const [syl, chars] of Object.entries(table)) for (const ch of chars) if (!byChar.has(ch)) byChar.set(ch, syl);
  }
  return byChar;
}
