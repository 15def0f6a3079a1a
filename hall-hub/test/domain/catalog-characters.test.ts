import { describe, expect, it } from 'vitest';
import { catalogCharacters, preferCatalogCharacters } from '../../src/domain/catalog/catalog-characters.js';

describe("the catalog's characters first among handwriting readings", () => {
  const known = catalogCharacters({
    entries: [{ name: '营业执照（新办）', aliases: ['开公司'] }].map((e) => ({
      id: '1', deptCode: 'D', deptName: '市场监管局', nameWords: [], namePinyin: [], aliasPinyin: [], lineId: null, fullyOnline: false, ...e,
    })),
    synonyms: [{ phrase: '办护照', pinyin: [], targets: ['护照'] }],
  });

  it("collects the Chinese characters of names, aliases and the hall's phrases, nothing else", () => {
    expect([...known].sort()).toEqual([...'营业执照新办开公司护'].sort());
  });

  it('moves the catalog characters ahead, keeping the order within each group, and drops nothing but the tail', () => {
    expect(preferCatalogCharacters(['且', '丛', '业', '围', '办'], known, 5)).toEqual(['业', '办', '且', '丛', '围']);
    expect(preferCatalogCharacters(['且', '丛', '业'], known, 2)).toEqual(['业', '且']);
    expect(preferCatalogCharacters(['且', '丛'], known, 5)).toEqual(['且', '丛']);
  });
});
