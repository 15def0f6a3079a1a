/**
 * The words the hall's voice can say, each a pre-rendered clip in public/voice/voice.wav (see
 * scripts/make-voice-clips.ts). Phrases of the default templates sound more natural than their characters
 * one by one; any other Chinese text in a hall's own template falls back to the single characters.
 */
export const PHRASES = ['请', '号到', '号窗口办理', '号窗口', '重呼', '窗口暂停服务', '暂停服务', '办理', '窗口'] as const;

export const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

export const CHARACTERS = [
  ...DIGITS,
  '十', '百', '请', '号', '到', '窗', '口', '办', '理', '重', '呼', '暂', '停', '服', '务', '前', '往', '综', '合',
  '受', '区', '业', '等', '候', '位', '您', '的', '第', '在', '取', '票', '预', '约', '报', '税', '咨', '询', '审', '批',
  '台', '室', '楼', '层', '至', '去', '过', '排', '队', '谢', '欢', '迎', '光', '临',
  // the no-show policy's instruction, said after a recall: 过号30分钟内请到办理窗口恢复排队，超时请重新取号 / 过号作废
  '分', '钟', '内', '恢', '复', '超', '时', '新', '作', '废',
] as const;

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Every clip key: the chime, phrases, characters and letters. */
export const CLIP_KEYS: readonly string[] = ['chime', ...new Set<string>([...PHRASES, ...CHARACTERS, ...LETTERS])];
