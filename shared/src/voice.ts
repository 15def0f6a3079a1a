import { Type, type Static } from '@sinclair/typebox';

/**
 * How a speaking display turns the calls waiting to be announced into what it says: when calls pile up, they
 * are merged or shortened by rule — never dropped — so a morning rush is heard in seconds, not minutes.
 */
export const VoiceRulesSchema = Type.Object(
  {
    repeat: Type.Integer({
      minimum: 1,
      maximum: 3,
      default: 1,
      description: 'times a single call is said when nothing else waits and the speaker was silent (never in a run of announcements)',
    }),
    briefAbove: Type.Integer({
      minimum: 0,
      maximum: 100,
      default: 2,
      description: 'more calls than this waiting: several are said in one brief announcement, each number with its window',
    }),
    numbersOnlyAbove: Type.Integer({
      minimum: 0,
      maximum: 100,
      // At 1.4 s a ticket, only the numbers keep pace with a sustained 1 call/s in a busy zone (bench/morning-rush.ts).
      default: 2,
      description: 'more calls than this waiting: numbers only ("请A012、A013、B004号到窗口"); the walls show the windows',
    }),
    briskFromWaiting: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 2,
      description: 'this many calls waiting in an area: it is behind, and speaks with the brisk clips (the same words, faster) until it has caught up',
    }),
    briskAfterSeconds: Type.Number({
      minimum: 0,
      maximum: 600,
      default: 6,
      description: 'the oldest waiting call has waited this long: the area is behind (brisk clips) — 600 with briskFromWaiting 100 keeps one pace',
    }),
    behindNumbersOnlyAbove: Type.Integer({
      minimum: 0,
      maximum: 100,
      // Numbers only from two waiting while behind, with the brisk clips: p99 about 13 s in the simulated benchmark, 18.4 s without.
      default: 1,
      description: 'while an area is behind: more calls than this waiting (or numbersOnlyAbove, whichever is fewer) are said as numbers only',
    }),
    maxPerAnnouncement: Type.Integer({ minimum: 1, maximum: 20, default: 10, description: 'calls one merged announcement names at most' }),
    chimeInRun: Type.Boolean({
      default: false,
      description: 'the chime before every announcement, also in a run of them (off: only when the speaker starts from silence)',
    }),
    lateAfterSeconds: Type.Integer({
      minimum: 1,
      maximum: 600,
      default: 10,
      description: 'a call not yet spoken this long after it was made is highlighted on the wall until it is',
    }),
  },
  { additionalProperties: false, default: {} },
);
export type VoiceRules = Static<typeof VoiceRulesSchema>;

/** The phrasing: {ticket}, {window}; voiceShort is one call said in a run of announcements; merged forms {tickets} (joined by 、) and {calls} (brief items joined by 、). */
export const VoiceTemplatesSchema = Type.Object({
  voice: Type.String(),
  voiceRecall: Type.String(),
  voiceShort: Type.String(),
  voiceSameWindow: Type.String(),
  voiceBrief: Type.String(),
  voiceBriefItem: Type.String(),
  voiceNumbers: Type.String(),
});
export type VoiceTemplates = Static<typeof VoiceTemplatesSchema>;
