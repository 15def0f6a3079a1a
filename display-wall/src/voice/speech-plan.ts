import type { VoiceTemplates } from '@hall/shared';
import type { Utterance } from './announcement-plan.js';
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

/** A clip key that is no clip: a short silence between the items of a list. */
export const PAUSE = 'pause';

/** Part of a filled template: literal text (matched against the clips), words read one by one, or a pause. */
type Piece = { kind: 'literal'; text: string } | { kind: 'words'; text: string; words: string[] } | { kind: 'pause'; text: string };

const ticketPiece = (t: string): Piece => ({ kind: 'words', text: t, words: ticketWords(t) });
const windowPiece = (w: string): Piece => ({ kind: 'words', text: w, words: windowWords(w) });
const joined = (items: Piece[][]): Piece[] => items.flatMap((p, i) => (i === 0 ? p : [{ kind: 'pause', text: '、' } as Piece, ...p]));

/** Literal text; a number in it (the no-show policy's "30分钟") is read as a number, 三十, not skipped. */
const literalPieces = (text: string): Piece[] =>
  text
    .split(/([0-9]+)/)
    .filter((s) => s !== '')
    .map((s): Piece => (/^[0-9]+$/.test(s) ? { kind: 'words', text: s, words: windowWords(s) } : { kind: 'literal', text: s }));

/** Fills a template's placeholders with pieces; text between them stays literal. */
function fill(template: string, values: Record<string, Piece[]>): Piece[] {
  return template.split(/(\{[a-zA-Z]+\})/).flatMap((part): Piece[] => {
    const v = /^\{[a-zA-Z]+\}$/.test(part) ? values[part.slice(1, -1)] : undefined;
    return v ?? literalPieces(part);
  });
}

/** The pieces an utterance says, from the hall's phrasing for its form. */
function utterancePieces(templates: VoiceTemplates, u: Utterance): Piece[] {
  const head = u.calls[0]!;
  const one = { ticket: [ticketPiece(head.ticket)], window: [windowPiece(head.windowNo)], windowName: [windowPiece(head.windowNo)] };
  const tickets = joined(u.calls.map((c) => [ticketPiece(c.ticket)]));
  switch (u.form) {
    case 'single':
      return fill(templates.voice, one);
    case 'short':
      return fill(templates.voiceShort, one);
    case 'recall':
      return fill(templates.voiceRecall, one);
    case 'same-window':
      return fill(templates.voiceSameWindow, { ...one, tickets });
    case 'numbers':
      return fill(templates.voiceNumbers, { tickets });
    case 'brief':
      return fill(templates.voiceBrief, {
        calls: joined(u.calls.map((c) => fill(templates.voiceBriefItem, { ticket: [ticketPiece(c.ticket)], window: [windowPiece(c.windowNo)], windowName: [windowPiece(c.windowNo)] }))),
      });
  }
}

/**
 * What one utterance says and the clips that say it, in order: the chime (if the utterance opens with one), then
 * the hall's phrasing for its form with tickets read letter by letter, windows as numbers, and literal text matched greedily against the
 * clips there are (longest first); said `times` times. Characters with no clip are skipped and listed in `missing`.
 */
export function utteranceSpeech(templates: VoiceTemplates, u: Utterance, clips: ReadonlySet<string>): { text: string; keys: string[]; missing: string[] } {
  const pieces = utterancePieces(templates, u);
  const body: string[] = [];
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
        body.push(text.slice(i, i + matched));
        i += matched;
      } else {
        const ch = text[i]!;
        // Punctuation and spaces are pauses, not words.
        if (!/[\s\p{P}]/u.test(ch)) missing.push(ch);
        i += 1;
      }
    }
  };
  for (const p of pieces) {
    if (p.kind === 'literal') literal(p.text);
    else if (p.kind === 'pause') body.push(PAUSE);
    else for (const w of p.words) (clips.has(w) ? body : missing).push(w);
  }
  const keys = [...(u.chime ? ['chime'] : []), ...body];
  for (let i = 1; i < u.times; i++) keys.push(PAUSE, PAUSE, ...body);
  return { text: pieces.map((p) => p.text).join(''), keys, missing };
}

/**
 * The clips to play for one call on its own: the chime, then the template (the recall template, which says
 * 重呼, for a recall). Kept for the soak's model of a wall.
 */
export function speechPlan(templates: { voice: string; voiceRecall: string }, call: CallToSay, clips: ReadonlySet<string>): { keys: string[]; missing: string[] } {
  const all: VoiceTemplates = { ...templates, voiceShort: '', voiceSameWindow: '', voiceBrief: '', voiceBriefItem: '', voiceNumbers: '' };
  const { keys, missing } = utteranceSpeech(all, { form: call.recall ? 'recall' : 'single', calls: [{ seq: 0, queuedAt: 0, ...call }], times: 1, chime: true, pace: 'normal' }, clips);
  return { keys, missing };
}
