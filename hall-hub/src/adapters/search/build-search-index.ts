import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import { DEFAULT_SYNONYMS, type SearchEntry, type SearchIndex, type SearchSynonym, type SynonymGroup } from '@hall/shared';
import type { SearchSource } from '../../domain/catalog/catalog-index.js';
import { LEXICON_SYNONYMS } from './lexicon.js';

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]$/u;

/**
 * Words pinyin-pro reads wrongly in catalog names (checked over the demo catalog's 1,204 names and aliases;
 * 银行, 重新, 重大, 校验, 会计, 调剂, 调运, 种畜禽 come out right). Each fixes the syllables of the characters
 * of the word wherever it occurs.
 */
const PINYIN_FIXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['典当行', ['dian', 'dang', 'hang']], // pinyin-pro: xing
  ['发卡', ['fa', 'ka']], // 预付卡发卡企业: pinyin-pro reads 卡企 as qia qi
  ['项目的', ['xiang', 'mu', 'de']], // 招标项目的招标范围: pinyin-pro takes 目的 as a word (di)
];

/** One toneless syllable per code point of `text` ('' for anything not Chinese), ü written v. */
export function pinyinOf(text: string): string[] {
  const chars = [...text];
  let syllables = pinyin(text, { toneType: 'none', type: 'array' });
  // pinyin-pro keeps one element per character here; if a version ever merges runs, fall back to one by one.
  if (syllables.length !== chars.length) syllables = chars.map((c) => pinyin(c, { toneType: 'none', type: 'array' })[0] ?? '');
  const out = chars.map((c, k) => (HAN.test(c) ? (syllables[k] ?? '').toLowerCase().replace(/ü/g, 'v') : ''));
  for (const [word, fix] of PINYIN_FIXES) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      const k = [...text.slice(0, at)].length;
      fix.forEach((s, j) => (out[k + j] = s));
    }
  }
  return out;
}

const words = new Intl.Segmenter('zh', { granularity: 'word' });

/** Word lengths in code points, so a kiosk (with another ICU) ranks exactly as the hub does. */
export function wordLengths(text: string): number[] {
  return [...words.segment(text)].map((s) => [...s.segment].length);
}

function entryOf({ summary, aliases }: SearchSource): SearchEntry {
  return {
    id: summary.id,
    name: summary.name,
    deptCode: summary.deptCode,
    deptName: summary.deptName,
    aliases: [...aliases],
    namePinyin: pinyinOf(summary.name),
    nameWords: wordLengths(summary.name),
    aliasPinyin: aliases.map(pinyinOf),
    lineId: summary.lineId,
    fullyOnline: summary.fullyOnline,
  };
}

/** The hall's phrases, one per phrase; a phrase listed twice (defaults and the hall's own) gets both targets. */
function synonymsOf(groups: readonly SynonymGroup[]): SearchSynonym[] {
  const byPhrase = new Map<string, Set<string>>();
  for (const g of groups) {
    for (const phrase of g.phrases) {
      const targets = byPhrase.get(phrase) ?? new Set<string>();
      for (const t of g.targets) targets.add(t);
      byPhrase.set(phrase, targets);
    }
  }
  return [...byPhrase].map(([phrase, targets]) => ({ phrase, pinyin: pinyinOf(phrase), targets: [...targets] }));
}

/**
 * The search index the kiosk downloads and the hub searches with: names and aliases with their pinyin, and the
 * hall's phrases. Its version is a hash of the content, so it changes exactly when the catalog (or the phrases) do.
 */
export function buildSearchIndex(sources: readonly SearchSource[], extraSynonyms: readonly SynonymGroup[] = []): SearchIndex {
  const entries = sources.map(entryOf);
  const synonyms = synonymsOf([...DEFAULT_SYNONYMS, ...LEXICON_SYNONYMS, ...extraSynonyms]);
  const readings = commonReadings();
  const version = createHash('sha256').update(JSON.stringify({ entries, synonyms })).digest('hex').slice(0, 16);
  return { version, entries, synonyms, readings };
}

let readingsTable: Record<string, string> | undefined;

/**
 * The syllables of the 3,755 most common characters (GB 2312 level 1, in its order), every reading of each:
 * a kiosk hears a wrongly typed character of the right sound with it. The same for every hall, so made once.
 */
export function commonReadings(): Record<string, string> {
  if (readingsTable) return readingsTable;
  const gb = new TextDecoder('gb18030');
  const table: Record<string, string> = {};
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let col = 0xa1; col <= 0xfe; col++) {
      if (row === 0xd7 && col > 0xf9) break;
      const ch = gb.decode(new Uint8Array([row, col]));
      for (const syl of pinyin(ch, { toneType: 'none', type: 'array', multiple: true })) {
        const s = syl.toLowerCase().replace(/ü/g, 'v');
        if (/^[a-z]+$/.test(s) && !(table[s] ?? '').includes(ch)) table[s] = (table[s] ?? '') + ch;
      }
    }
  }
  return (readingsTable = table);
}
