import { readFileSync } from 'node:fs';
import { noShowMessage, type VoiceRules } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { speechPlan, ticketWords, windowWords } from '../src/voice/speech-plan.js';
import { CLIP_KEYS } from '../src/voice/vocabulary.js';
import { nextUtterance, type Pace, type PendingCall } from '../src/voice/announcement-plan.js';
import { VoiceQueue, type Announcement, type PlanNext } from '../src/voice/voice-queue.js';

const RULES: VoiceRules = {
  repeat: 1,
  briefAbove: 2,
  numbersOnlyAbove: 6,
  briskFromWaiting: 100,
  briskAfterSeconds: 600,
  behindNumbersOnlyAbove: 100,
  maxPerAnnouncement: 10,
  chimeInRun: false,
  lateAfterSeconds: 10,
};
/** The hall's planner, with each announcement's text the tickets it names. */
const plannedBy =
  (rules: VoiceRules): PlanNext =>
  (pending, speaker) => {
    const next = nextUtterance(pending, rules, speaker);
    return next && { announcement: { seqs: next.utterance.calls.map((c) => c.seq), text: next.utterance.calls.map((c) => c.ticket).join(','), keys: [], pace: next.utterance.pace }, rest: next.rest };
  };
const planned = plannedBy(RULES);
const call = (seq: number): Omit<PendingCall, 'queuedAt'> => ({ seq, ticket: `A${String(seq).padStart(3, '0')}`, windowNo: String(seq), recall: false });

const clips = new Set(CLIP_KEYS);
const templates = { voice: '请{ticket}号到{window}号窗口办理', voiceRecall: '请{ticket}号到{window}号窗口办理（重呼）' };

describe('what the voice says', () => {
  it('reads a ticket letter by letter and digit by digit: A001 is "A 零零一"', () => {
    expect(ticketWords('A001')).toEqual(['A', '零', '零', '一']);
    expect(ticketWords('JK120')).toEqual(['J', 'K', '一', '二', '零']);
  });

  it('reads a window number as a number: 3 三, 10 十, 12 十二, 20 二十, 35 三十五; others digit by digit', () => {
    expect(['3', '10', '12', '20', '35'].map((n) => windowWords(n).join(''))).toEqual(['三', '十', '十二', '二十', '三十五']);
    expect(windowWords('105').join('')).toBe('一零五');
    expect(windowWords('A3').join('')).toBe('A三');
  });

  it('plays the chime, then the template with phrase clips where there are some; a recall says 重呼', () => {
    expect(speechPlan(templates, { ticket: 'A001', windowNo: '3', recall: false }, clips)).toEqual({
      keys: ['chime', '请', 'A', '零', '零', '一', '号到', '三', '号窗口办理'],
      missing: [],
    });
    const recall = speechPlan(templates, { ticket: 'A001', windowNo: '12', recall: true }, clips);
    expect(recall.keys.slice(-3)).toEqual(['二', '号窗口办理', '重呼']);
  });

  it("a hall's own template falls back to single characters, and names the ones it cannot say", () => {
    const plan = speechPlan({ voice: '{ticket}号请前往{window}号窗口，谢谢鑫', voiceRecall: '' }, { ticket: 'B002', windowNo: '5', recall: false }, clips);
    expect(plan.keys).toEqual(['chime', 'B', '零', '零', '二', '号', '请', '前', '往', '五', '号窗口', '谢', '谢']);
    expect(plan.missing).toEqual(['鑫']);
  });

  it('a recall ends with the no-show policy’s instruction (filled in by the hub), its minutes read as a number, every word a clip', () => {
    const said = (noShow: string) => speechPlan({ ...templates, voiceRecall: `请{ticket}号到{window}号窗口办理（重呼）。${noShow}` }, { ticket: 'A001', windowNo: '3', recall: true }, clips);
    const reinstated = said(noShowMessage({ reinstateMinutes: 30, rejoinAfter: 3 }).zh);
    expect(reinstated.missing).toEqual([]);
    expect(reinstated.keys.slice(reinstated.keys.indexOf('重呼') + 1).join('')).toBe('过号三十分钟内请到办理窗口恢复排队超时请重新取号');
    const voided = said(noShowMessage({ reinstateMinutes: 0, rejoinAfter: 3 }).zh);
    expect(voided.missing).toEqual([]);
    expect(voided.keys.slice(voided.keys.indexOf('重呼') + 1).join('')).toBe('过号作废请重新取号');
  });

  it('the sprite on disk has a clip for every word the voice can say', () => {
    const sprite = JSON.parse(readFileSync(new URL('../public/voice/voice.json', import.meta.url), 'utf8')) as { clips: Record<string, unknown> };
    expect(CLIP_KEYS.filter((k) => !(k in sprite.clips))).toEqual([]);
  });
});

/** The queue's change notifications as promises: `next()` resolves at the next change. */
function changes() {
  let waiting: Array<() => void> = [];
  return {
    onChange: () => {
      const w = waiting;
      waiting = [];
      for (const resolve of w) resolve();
    },
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}

/** A speaker whose playback the test finishes by hand, so order and overlap can be checked exactly. */
function manualSpeaker() {
  const playing: Array<{ a: Announcement; done: () => void }> = [];
  const queue = changes();
  let t = 0;
  return {
    playing,
    onChange: queue.onChange,
    now: () => t,
    speak: (a: Announcement) => new Promise<Pace>((said) => playing.push({ a, done: () => said(a.pace) })),
    /** finishes the announcement playing and waits for the queue to move on (the next one, or idle) */
    async finishOne() {
      t += 10;
      const moved = queue.next();
      playing.shift()!.done();
      await moved;
    },
  };
}

describe('the voice queue', () => {
  it('twenty calls in a burst: every one said once, in call order, one announcement at a time; the pile-up merged', async () => {
    const s = manualSpeaker();
    const q = new VoiceQueue(s.speak, s.now, planned, s.onChange);
    for (let i = 1; i <= 20; i++) q.enqueue(call(i));
    // The first call was alone when it came: said on its own; the nineteen behind it pile up.
    expect(s.playing.map((p) => p.a.seqs)).toEqual([[1]]);
    expect(q.pending).toHaveLength(19);
    while (s.playing.length) {
      expect(s.playing).toHaveLength(1); // never two at once
      await s.finishOne();
    }
    expect(q.log.flatMap((e) => e.seqs)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // 1 alone, then the backlog in announcements of at most ten numbers: four announcements, not twenty.
    expect(q.log.map((e) => e.seqs.length)).toEqual([1, 10, 9]);
    for (let i = 1; i < q.log.length; i++) expect(q.log[i]!.start).toBeGreaterThanOrEqual(q.log[i - 1]!.end);
    expect(q.current).toBeNull();
  });

  it('tells the planner when the speaker goes straight on (a run) and when it starts again from silence', async () => {
    const s = manualSpeaker();
    const states: boolean[] = [];
    const spy: PlanNext = (pending, speaker) => {
      states.push(speaker.running);
      return planned(pending, speaker);
    };
    const q = new VoiceQueue(s.speak, s.now, spy, s.onChange);
    q.enqueue(call(1));
    q.enqueue(call(2));
    await s.finishOne();
    await s.finishOne();
    q.enqueue(call(3));
    await s.finishOne();
    // 1 from silence, 2 in its run, then the run ends (nothing waits); 3 starts from silence again.
    expect(states).toEqual([false, true, true, false, true]);
  });

  it('stamps each call with the time it came and gives the planner the clock: an area behind speaks brisk, and normally once caught up', async () => {
    const s = manualSpeaker();
    let clock = 0;
    const q = new VoiceQueue(s.speak, () => clock, plannedBy({ ...RULES, briskFromWaiting: 3, briskAfterSeconds: 15 }), s.onChange);
    q.enqueue(call(1));
    expect(q.current?.pace).toBe('normal');
    // 2 arrives at 1 s and waits while 1 is said (20 s): its wait alone makes the area behind.
    clock = 1_000;
    q.enqueue(call(2));
    expect(q.pending[0]!.queuedAt).toBe(1_000);
    clock = 20_000;
    await s.finishOne();
    expect(q.log.at(-1)).toMatchObject({ seqs: [1], pace: 'normal' });
    expect(q.current).toMatchObject({ seqs: [2], pace: 'brisk' });
    // 3 arrives and is said at once: caught up, the normal pace again.
    q.enqueue(call(3));
    clock = 21_000;
    await s.finishOne();
    expect(q.current).toMatchObject({ seqs: [3], pace: 'normal' });
    await s.finishOne();
    expect(q.log.map((e) => e.pace)).toEqual(['normal', 'brisk', 'normal']);
  });

  it('logs the pace an announcement was played at: planned brisk, said normally where the brisk clips did not load', async () => {
    let idle: () => void = () => {};
    const finished = new Promise<void>((resolve) => (idle = resolve));
    const planned: Pace[] = [];
    const q: VoiceQueue = new VoiceQueue(
      async (a) => {
        planned.push(a.pace);
        return 'normal';
      },
      () => 0,
      plannedBy({ ...RULES, briskFromWaiting: 1 }),
      () => {
        if (q.current === null && q.pending.length === 0 && q.log.length > 0) idle();
      },
    );
    q.enqueue(call(1));
    await finished;
    expect(planned).toEqual(['brisk']);
    expect(q.log.map((e) => e.pace)).toEqual(['normal']);
  });

  it('a call replayed after a reconnect is not said twice; a failed playback does not stop the next', async () => {
    let fail = true;
    const said: number[][] = [];
    let idle: () => void = () => {};
    const finished = new Promise<void>((resolve) => (idle = resolve));
    const q: VoiceQueue = new VoiceQueue(
      async (a) => {
        if (fail) {
          fail = false;
          throw new Error('device gone');
        }
        said.push(a.seqs);
        return a.pace;
      },
      () => 0,
      planned,
      () => {
        if (q.current === null && q.pending.length === 0 && q.log.length > 0) idle();
      },
    );
    q.enqueue(call(1));
    q.enqueue(call(2));
    q.enqueue(call(1));
    await finished;
    expect(said).toEqual([[2]]);
    expect(q.log.map((e) => e.seqs)).toEqual([[1], [2]]);
  });
});
