import { Type, type Static } from '@sinclair/typebox';

/**
 * One business type as the kiosk searches it. Pinyin is computed on the hub (pinyin-pro is too big for the
 * kiosk's bundle): `namePinyin[k]` is the toneless syllable of the name's k-th character (code point), `''` for
 * anything that is not a Chinese character, so a match found in the pinyin maps straight back onto the name.
 */
export const SearchEntrySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  deptCode: Type.String(),
  deptName: Type.String(),
  nameWords: Type.Array(Type.Integer({ minimum: 1 }), {
    description: "lengths (in code points) of the name's words in order, as the hub's Intl.Segmenter splits it; they add up to the name",
  }),
  aliases: Type.Array(Type.String(), { description: 'colloquial names from the catalog (alias column)' }),
  namePinyin: Type.Array(Type.String(), { description: "one syllable per code point of the name ('' for non-Chinese), ü written v" }),
  aliasPinyin: Type.Array(Type.Array(Type.String()), { description: 'the same, for each alias, in the order of `aliases`' }),
  lineId: Type.Union([Type.String(), Type.Null()]),
  fullyOnline: Type.Boolean(),
});
export type SearchEntry = Static<typeof SearchEntrySchema>;

/** A colloquial phrase of the hall (开公司) and the words of the official names it stands for (企业设立). */
export const SearchSynonymSchema = Type.Object({
  phrase: Type.String({ minLength: 1 }),
  pinyin: Type.Array(Type.String(), { description: 'one syllable per code point of the phrase, like namePinyin' }),
  targets: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
});
export type SearchSynonym = Static<typeof SearchSynonymSchema>;

/** What `GET /api/catalog/search-index` sends: everything a kiosk needs to search without asking the hub. */
export const SearchIndexSchema = Type.Object({
  version: Type.String({ description: 'derived from the content; also the ETag' }),
  entries: Type.Array(SearchEntrySchema),
  synonyms: Type.Array(SearchSynonymSchema),
  readings: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description:
        'toneless syllable → the common characters read so (the hub computes pinyin; the kiosk uses this to hear a wrongly typed character of the right sound)',
    }),
  ),
});
export type SearchIndex = Static<typeof SearchIndexSchema>;

/** A hall's own colloquial phrases, as the configuration would list them (pinyin is added by the hub). */
export const SynonymGroupSchema = Type.Object({
  phrases: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  targets: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
});
export type SynonymGroup = Static<typeof SynonymGroupSchema>;

/**
 * Why a business type was found when its name does not hold what was typed, for the visitor to read: 您输入的
 * “驾照”即“驾驶证” (said → means), or, by sound, 按读音“身分证”找到“身份证”.
 */
export const SearchReasonSchema = Type.Object({
  how: Type.Union([Type.Literal('alias'), Type.Literal('phrase'), Type.Literal('sound'), Type.Literal('near')]),
  said: Type.String(),
  means: Type.String(),
});
export type SearchReason = Static<typeof SearchReasonSchema>;

export const SearchHitSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  score: Type.Number(),
  highlight: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: 'matched parts of the name as [start, end) UTF-16 offsets, as String.prototype.slice takes them',
  }),
  matchedAlias: Type.Optional(Type.String({ description: 'the colloquial name or hall phrase that matched' })),
  reason: Type.Optional(SearchReasonSchema),
});
export type SearchHit = Static<typeof SearchHitSchema>;
