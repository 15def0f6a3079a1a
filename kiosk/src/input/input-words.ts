import { lang } from '../store/store.js';

/** The input methods' own words, Chinese first (kept beside them, so the pages' message list stays as it is). */
const zh = {
  candidates: '候选词',
  more: '更多',
  handwriting: '手写',
  handwritingOpen: '手写输入',
  writeHere: '请在方框内写一个字，写完后点选下方的字',
  writingPad: '手写板：用手指在此书写',
  recognising: '正在识别…',
  suggestions: '您可能要写',
  undo: '撤销一笔',
  rewrite: '重写',
  closePad: '收起手写，用键盘',
  tooManyStrokes: '笔画太多，请点“重写”后重新书写',
};

const en: Record<keyof typeof zh, string> = {
  candidates: 'Candidates',
  more: 'More',
  handwriting: 'Handwrite',
  handwritingOpen: 'Handwriting input',
  writeHere: 'Write one character in the box, then tap it below',
  writingPad: 'Writing pad: write here with your finger',
  recognising: 'Recognising…',
  suggestions: 'You may want',
  undo: 'Undo stroke',
  rewrite: 'Rewrite',
  closePad: 'Close pad, use keyboard',
  tooManyStrokes: 'Too many strokes; tap “Rewrite” and write again',
};

export type InputWord = keyof typeof zh;
export const w = (key: InputWord): string => (lang.value === 'zh' ? zh : en)[key];
