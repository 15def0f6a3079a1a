import type { SearchEntry, SearchIndex } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { pinyinCandidates } from '../src/input/pinyin-candidates.js';
import { buildVocabulary, nextChars } from '../src/input/vocabulary.js';

/** An entry as the hub sends it: the name's words and one syllable per character. */
function entry(id: string, words: Array<[string, string]>, aliases: Array<[string, string]> = []): SearchEntry {
  const name = words.map(([w]) => w).join('');
  return {
    id,
    name,
    deptCode: 'D',
    deptName: '公安局',
    nameWords: words.map(([w]) => [...w].length),
    aliases: aliases.map(([a]) => a),
    namePinyin: words.flatMap(([, p]) => p.split(' ')),
    aliasPinyin: aliases.map(([, p]) => p.split(' ')),
    lineId: null,
    fullyOnline: false,
  };
}

const index: SearchIndex = {
  version: 't',
  entries: [
    entry('1', [['护照', 'hu zhao'], ['签发', 'qian fa']], [['办护照', 'ban hu zhao']]),
    entry('2', [['护士', 'hu shi'], ['执业', 'zhi ye'], ['注册', 'zhu ce']]),
    entry('3', [['营业', 'ying ye'], ['执照', 'zhi zhao'], ['办理', 'ban li']]),
    entry('4', [['户口', 'hu kou'], ['迁移', 'qian yi']]),
  ],
  synonyms: [{ phrase: '开公司', pinyin: ['kai', 'gong', 'si'], targets: ['企业设立'] }],
};
const vocab = buildVocabulary(index);
const texts = (letters: string) => pinyinCandidates(letters, vocab).map((c) => c.text);

describe('pinyin candidates from the catalog', () => {
  it('offers the word a visitor spells in full first: huzhao → 护照, yingyezhizhao → 营业执照', () => {
    expect(texts('huzhao')[0]).toBe('护照');
    expect(texts('yingyezhizhao')[0]).toBe('营业执照');
    expect(texts('kaigongsi')[0]).toBe('开公司');
    expect(pinyinCandidates('huzhao', vocab)[0]).toEqual({ text: '护照', consumed: 6 });
  });

  it('takes initials and a word begun (yyzz, hzh, huzh), and nothing that does not fit the letters', () => {
    expect(texts('yyzz')[0]).toBe('营业执照');
    expect(texts('hzh')[0]).toBe('护照');
    expect(texts('huzh')).toContain('护照');
    expect(texts('huzhao')).not.toContain('户口');
    expect(texts('huzhao')).not.toContain('护士');
  });

  it("gives the first syllable's characters, the catalog's own before the common ones, consuming only that syllable", () => {
    const hu = pinyinCandidates('hu', vocab);
    const chars = hu.filter((c) => [...c.text].length === 1).map((c) => c.text);
    // 护 (three times in the catalog) and 户 before 呼 and 湖, which only the common table knows.
    expect(chars.slice(0, 2)).toEqual(['护', '户']);
    expect(chars).toContain('湖');
    expect(pinyinCandidates('huzhaob', vocab).find((c) => c.text === '护')).toEqual({ text: '护', consumed: 2 });
    // A word spelled out with letters after it covers only its own: 护照 + "b" (for 办…).
    expect(pinyinCandidates('huzhaob', vocab)[0]).toEqual({ text: '护照', consumed: 6 });
  });

  it('offers the syllables that unfinished letters begin (zh → 照, 执, 注…), and nothing for non-letters', () => {
    const zh = texts('zh');
    expect(zh).toEqual(expect.arrayContaining(['照', '执', '注']));
    expect(texts('护')).toEqual([]);
    expect(texts('')).toEqual([]);
  });

  it('suggests the characters that follow a written one in the catalog, most often first: 护 → 照, 士', () => {
    expect(nextChars(vocab, '护')).toEqual(['照', '士']);
    expect(nextChars(vocab, '执')).toEqual(['业', '照']);
    expect(nextChars(vocab, '龘')).toEqual([]);
  });
});
