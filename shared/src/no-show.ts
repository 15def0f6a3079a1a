import type { BilingualText } from './i18n-text.js';

/** The part of the hall's queue policy a visitor's no-show (过号) instruction depends on. */
export interface NoShowPolicy {
  /** minutes after a missed call within which the ticket is reinstated at the window; 0 = never */
  reinstateMinutes: number;
  /** the reinstated ticket goes in after this many waiting */
  rejoinAfter: number;
}

/**
 * What a visitor is told to do when they miss their call — one text for the wall band, the printed ticket, the
 * phone page and the voice, made from the policy the queue actually applies, so no surface can promise
 * something else (a visitor told to take a new ticket would lose a place the policy keeps for them).
 */
export function noShowMessage(p: NoShowPolicy): BilingualText {
  if (p.reinstateMinutes <= 0) {
    return { zh: '过号作废，请重新取号', en: 'A missed number is void: please take a new ticket' };
  }
  const within = `${p.reinstateMinutes}`;
  return {
    zh: `过号${within}分钟内请到办理窗口恢复排队，超时请重新取号`,
    en: `Missed your call? Within ${within} min, ask at your window to rejoin; later, take a new ticket`,
  };
}
