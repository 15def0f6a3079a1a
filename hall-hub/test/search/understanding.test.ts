import { createSearcher, type Searcher } from '@hall/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverage } from '@hall/shared/search/coverage';
import { understand } from '@hall/shared/search/understand';
import { heldOutCatalog } from '@hall/testkit/demo-catalog';

/** Sentences, sounds and near misses over the held-out catalog (no aliases: only the language helps). */
let searcher: Searcher;
const names = (q: string, n = 3) => searcher.search(q, n).map((h) => h.name);

beforeAll(() => {
  searcher = createSearcher(heldOutCatalog().searchIndex());
}, 60_000);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const segment = (run: string) => [...segmenter.segment(run)].map((s) => s.segment);

describe('reading a sentence', () => {
  it('drops pronouns, modal and question words and particles by rule, keeping the words that mean something', () => {
    const units = understand('请问我想要去办居住证呀', [], segment);
    expect(units.filter((u) => u.weight > 0).map((u) => u.text).join('')).toBe('居住证');
    expect(units.filter((u) => u.weight === 0).map((u) => u.text)).toEqual(['办']);
  });

  it('finds the hall phrase inside a sentence before segmenting the rest', () => {
    const units = understand('我的驾照丢了怎么办', [{ lit: '驾照', text: '驾照', targets: ['驾驶证'] }, { lit: '丢了', text: '丢了', targets: ['补证'] }], segment);
    expect(units.filter((u) => u.weight > 0).map((u) => u.text)).toEqual(['驾照', '丢了']);
  });

  it('a word wrapped in a verb or a question finds what the bare word finds', () => {
    for (const word of ['居住证', '出生登记', '法律援助', '取水许可', '契税']) {
      const bare = names(word, 1)[0];
      expect(bare).toBeDefined();
      for (const q of [`办${word}`, `我要办${word}`, `${word}怎么办`, `${word}需要什么材料`, `想去${word}`]) expect(names(q), q).toContain(bare);
    }
  });

  it('takes two lone characters the segmenter cut apart for the word they make where a name has them side by side', () => {
    const units = understand('酒店评星级', [], segment);
    expect(units.map((u) => u.text)).toContain('星'); // the platform's dictionary does not know 星级
    expect(coverage('星级饭店评定（首次认定）', [], units)?.share).toBeGreaterThan(0.5);
    expect(coverage('卫星接收设施分级评定', [], units)).toBeNull(); // 星 and 级 apart are no word
  });

  it('a light verb picks among names that both fit (换 → 换证, 补 → 补证)', () => {
    expect(names('我想换驾照', 1)).toEqual(['机动车驾驶证换证（有效期满换证）']);
    expect(names('身份证丢了怎么办', 1)).toEqual(['居民身份证补领']);
  });
});

describe('sound-alike and near misses', () => {
  it('hears a wrongly typed character of the right sound, and says so', () => {
    const [hit] = searcher.search('身分证', 3);
    expect(hit?.name.startsWith('居民身份证')).toBe(true);
    expect(hit?.reason).toEqual({ how: 'sound', said: '身分证', means: '身份证' });
  });

  it('folds the sounds dialects merge (zh/z, -ng/-n) in characters and in pinyin', () => {
    expect(names('公积井提取')[0]).toMatch(/^住房公积金提取/);
    expect(names('jiasizheng')[0]).toMatch(/^机动车驾驶证/);
  });

  it('ranks sound-alike matches below what was typed', () => {
    const found = names('工商', 10);
    expect(found[0]).toBe('个体工商户注册登记');
    const soundOnly = found.indexOf('工伤认定申请');
    if (soundOnly >= 0) expect(soundOnly).toBeGreaterThan(0);
  });

  it('accepts one character off when nothing else fits', () => {
    const [hit] = searcher.search('法律缓助', 3);
    expect(hit?.name).toBe('法律援助申请');
    expect(hit?.reason?.how).toBe('near');
  });
});
