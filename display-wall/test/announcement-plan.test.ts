import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VoiceRules, VoiceTemplates } from '@hall/shared';
import { nextUtterance, planAll, type PendingCall, type Utterance } from '../src/voice/announcement-plan.js';
import { utteranceSpeech } from '../src/voice/speech-plan.js';
import { CLIP_KEYS } from '../src/voice/vocabulary.js';

const RULES: VoiceRules = { repeat: 1, briefAbove: 2, numbersOnlyAbove: 6, maxPerAnnouncement: 10, lateAfterSeconds: 10 };
const TEMPLATES: VoiceTemplates = {
  voice: '请{ticket}号到{window}号窗口办理',
  voiceRecall: '请{ticket}号到{window}号窗口办理（重呼）',
  voiceSameWindow: '请{tickets}号到{window}号窗口办理',
  voiceBrief: '请{calls}窗口办理',
  voiceBriefItem: '{ticket}号到{window}号',
  voiceNumbers: '请{tickets}号到窗口办理',
};
const clips = new Set(CLIP_KEYS);
let seq = 0;
const c = (ticket: string, windowNo: string, recall = false): PendingCall => ({ seq: ++seq, ticket, windowNo, recall });
const said = (calls: PendingCall[], rules = RULES) => planAll(calls, rules).map((u) => utteranceSpeech(TEMPLATES, u, clips).text);

describe('announcing calls that pile up', () => {
  it('one call alone is said in full, as many times as the hall likes', () => {
    const [u] = planAll([c('A001', '3')], { ...RULES, repeat: 2 });
    expect(u).toMatchObject({ form: 'single', times: 2 });
    const speech = utteranceSpeech(TEMPLATES, u!, clips);
    expect(speech.text).toBe('请A001号到3号窗口办理');
    expect(speech.keys).toEqual(['chime', '请', 'A', '零', '零', '一', '号到', '三', '号窗口办理', 'pause', 'pause', '请', 'A', '零', '零', '一', '号到', '三', '号窗口办理']);
  });

  it('two calls to the same window are said together', () => {
    expect(said([c('A012', '3'), c('A013', '3')])).toEqual(['请A012、A013号到3号窗口办理']);
  });

  it('more than briefAbove waiting: several calls in one brief sentence, each with its window', () => {
    expect(said([c('A012', '3'), c('A013', '5'), c('B004', '12')])).toEqual(['请A012号到3号、A013号到5号、B004号到12号窗口办理']);
  });

  it('more than numbersOnlyAbove waiting: only the numbers, at most maxPerAnnouncement in one', () => {
    const calls = Array.from({ length: 13 }, (_, i) => c(`C${String(i + 1).padStart(3, '0')}`, String(i + 1)));
    const texts = said(calls);
    expect(texts[0]).toBe('请C001、C002、C003、C004、C005、C006、C007、C008、C009、C010号到窗口办理');
    expect(texts[1]).toBe('请C011号到11号、C012号到12号、C013号到13号窗口办理');
  });

  it('a recall is always said in its own full form with 重呼, and takes the same ticket’s unsaid first call with it', () => {
    const first = c('A020', '7');
    const others = Array.from({ length: 8 }, (_, i) => c(`B${String(i + 1).padStart(3, '0')}`, String(20 + i)));
    const recall = c('A020', '7', true);
    const plan = planAll([first, ...others, recall], RULES);
    expect(plan[0]).toMatchObject({ form: 'recall', calls: [first, recall] });
    expect(utteranceSpeech(TEMPLATES, plan[0]!, clips).keys).toContain('重呼');
    expect(plan.slice(1).every((u) => u.form !== 'recall')).toBe(true);
  });
});

/** A hall's worth of calls and speaker turns: calls arrive while the speaker talks. */
const arbitraryRun = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('call' as const), ticket: fc.integer({ min: 1, max: 12 }), windowNo: fc.integer({ min: 1, max: 5 }), recall: fc.boolean() }),
    fc.record({ kind: fc.constant('speak' as const) }),
  ),
  { maxLength: 80 },
);
const arbitraryRules = fc.record({
  repeat: fc.integer({ min: 1, max: 3 }),
  briefAbove: fc.integer({ min: 0, max: 8 }),
  numbersOnlyAbove: fc.integer({ min: 0, max: 12 }),
  maxPerAnnouncement: fc.integer({ min: 1, max: 12 }),
  lateAfterSeconds: fc.constant(10),
});

describe('the announcement planner, for any run of calls (properties)', () => {
  it('says every call exactly once — none dropped, none twice — always including the oldest waiting; every recall said as a recall', () => {
    fc.assert(
      fc.property(arbitraryRun, arbitraryRules, (run, rules) => {
        let pending: PendingCall[] = [];
        const calls: PendingCall[] = [];
        const spoken: Utterance[] = [];
        const speakOne = () => {
          const next = nextUtterance(pending, rules);
          if (!next) return;
          expect(next.utterance.calls[0]).toBe(pending[0]);
          expect(next.utterance.calls.length).toBeLessThanOrEqual(Math.max(rules.maxPerAnnouncement, pending.filter((p) => p.ticket === pending[0]!.ticket).length));
          spoken.push(next.utterance);
          pending = next.rest;
        };
        let n = 0;
        for (const step of run) {
          if (step.kind === 'speak') speakOne();
          else {
            const call = { seq: ++n, ticket: `A${String(step.ticket).padStart(3, '0')}`, windowNo: String(step.windowNo), recall: step.recall };
            calls.push(call);
            pending.push(call);
          }
        }
        while (pending.length) speakOne();
        const saidSeqs = spoken.flatMap((u) => u.calls.map((x) => x.seq));
        expect([...saidSeqs].sort((a, b) => a - b)).toEqual(calls.map((x) => x.seq));
        for (const u of spoken) {
          if (u.calls.some((x) => x.recall)) expect(u.form).toBe('recall');
          if (u.form === 'recall' || u.form === 'same-window') expect(new Set(u.calls.map((x) => x.windowNo)).size).toBe(1);
          // Within an announcement, calls are named in the order they were made.
          expect(u.calls.map((x) => x.seq)).toEqual([...u.calls.map((x) => x.seq)].sort((a, b) => a - b));
          // Every name in it is heard: the text holds each ticket.
          const text = utteranceSpeech(TEMPLATES, u, clips).text;
          for (const x of u.calls) expect(text).toContain(x.ticket);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the hall’s default rules', () => {
  it('two calls waiting to one window are said together even when the brief form is on', () => {
    expect(said([c('A030', '4'), c('A031', '4')], { ...RULES, briefAbove: 1 })).toEqual(['请A030、A031号到4号窗口办理']);
  });
});
