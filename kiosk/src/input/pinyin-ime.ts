// One lazily loaded chunk for the pinyin keyboard's candidates (the character table is ~11 KB gzipped).
export { buildVocabulary, nextChars, type Vocabulary } from './vocabulary.js';
export { pinyinCandidates, type Candidate } from './pinyin-candidates.js';
