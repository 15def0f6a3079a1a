import { DIGITS } from './vocabulary.js';

export interface CallToSay {
  ticket: string;
  windowNo: string;
  recall: boolean;
}

/** "A001" → A 零 零 一: the prefix letter by letter, then every digit on its own, as halls read tickets. */
export function ticketWords(ticket: string): string[] {
  return [...ticket.toUpperCase()].map((ch) => (/[0-9]/.test(ch) ? DIGITS[Number(ch)]! : ch));
}

/** "3" → 三, "12" → 十二, "20" → 二十, "35" → 三十五; longer or mixed numbers digit by digit. */
export function windowWords(no: string): string[] {
  if (!/^[0-9]+$/.test(no)) return ticketWords(no);
  const n = Number(no);
  if (no.length > 1 && no.startsWith('0')) return ticketWords(no);
  if (n < 10) return [DIGITS[n]!];
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return [...(tens === 1 ? [] : [DIGITS[tens]!]), '十', ...(ones ? [DIGITS[ones]!] : [])];
  }
  return ticketWords(no);
}

/** The announcement as text, from the hall's template: what the log shows and tests compare. */
export function announcementText(template: string, call: CallToSay): string {
  return template.replaceAll('{ticket}', call.ticket).replaceAll('{window}', call.windowNo).replaceAll('{windowName}', call.windowNo);
}

/**
 * The clips to play for one call, in order: the chime, then the template with {ticket} and {window} read
 * the hall's way and literal text matched greedily against the clips there are (longest first). A recall
 * uses the recall template (which says 重呼). Characters with no clip are skipped and listed in `missing`.
 */
export function speechPlan(templates: { voice: string; voiceRecall: string }, call: CallToSay, clips: ReadonlySet<string>): { keys: string[]; missing: string[] } {
  const template = call.recall ? templates.voiceRecall : templates.voice;
  const keys = ['chime'];
  const missing: string[] = [];
  const longest = Math.max(1, ...[...clips].map((c) => c.length));
  const literal = (text: string) => {
    let i = 0;
    while (i < text.length) {
      let matched = 0;
      for (let len = Math.min(longest, text.length - i); len >= 1; len--) {
        if (clips.has(text.slice(i, i + len))) {
          matched = len;
          break;
        }
      }
      if (matched) {
        keys.push(text.slice(i, i + matched));
        i += matched;
      } else {
        const ch = text[i]!;
        // Punctuation and spaces are pauses, not words.
        if (!/[\s\p{P}]/u.test(ch)) missing.push(ch);
        i += 1;
      }
    }
  };
  const words = (ws: string[]) => {
    for (const w of ws) {
      if (clips.has(w)) keys.push(w);
      else missing.push(w);
    }
  };
  for (const part of template.split(/(\{ticket\}|\{window\}|\{windowName\})/)) {
    if (part === '{ticket}') words(ticketWords(call.ticket));
    else if (part === '{window}' || part === '{windowName}') words(windowWords(call.windowNo));
    else literal(part);
  }
  return { keys, missing };
}
