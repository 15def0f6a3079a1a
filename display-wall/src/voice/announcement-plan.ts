import type { VoiceRules } from '@hall/shared';

/** A call waiting to be announced in this display's area. */
export interface PendingCall {
  seq: number;
  ticket: string;
  windowNo: string;
  recall: boolean;
  /** when the call reached this speaker's queue (ms, the speaker's clock) */
  queuedAt: number;
}

/**
 * single: "请A012号到3号窗口办理"; short: "A012号到3号窗口" (one call in a run); recall: the full form with 重呼;
 * same-window: "请A012、A013号到3号窗口办理"; brief: "请A012号到3号、B004号到5号窗口办理";
 * numbers: "请A012、A013、B004号到窗口" (the walls show where).
 */
export type UtteranceForm = 'single' | 'short' | 'recall' | 'same-window' | 'brief' | 'numbers';

/** normal: the clips at the normal pace; brisk: the same words recorded faster, said while the area is behind. */
export type Pace = 'normal' | 'brisk';

/** What the speaker says next: the calls it names (each said here and nowhere else), in call order. */
export interface Utterance {
  form: UtteranceForm;
  calls: PendingCall[];
  /** times the utterance is said in a row (the hall's repeat, only when nothing else waits) */
  times: number;
  /** whether the chime opens it: only when the speaker starts from silence, not in a run of announcements */
  chime: boolean;
  pace: Pace;
}

/**
 * Where the speaker is: `running` when it has just finished an announcement and goes straight on; `now` its clock
 * (ms, as the calls' `queuedAt`) to tell how long the oldest call has waited — without it only the number of
 * calls waiting says whether the area is behind.
 */
export interface SpeakerState {
  running: boolean;
  now?: number;
}

const FROM_SILENCE: SpeakerState = { running: false };

/**
 * An area is behind its calls when `briskFromWaiting` or more wait, or the oldest has waited `briskAfterSeconds`:
 * it then speaks with the brisk clips, and with the normal ones again as soon as it has caught up.
 */
export function isBehind(pending: readonly PendingCall[], rules: VoiceRules, speaker: SpeakerState): boolean {
  const head = pending[0];
  if (!head) return false;
  const waited = speaker.now === undefined ? 0 : (speaker.now - head.queuedAt) / 1000;
  return pending.length >= rules.briskFromWaiting || waited >= rules.briskAfterSeconds;
}

/**
 * The next announcement from the calls waiting (pure). The oldest waiting call is always in it, so nothing
 * waits forever; every call it names leaves the queue, so none is said twice; none is dropped.
 *
 * A backlog — calls waiting behind the oldest, or calls that came while the speaker talked (it is `running`) —
 * means the speaker must keep pace with the calls, so each announcement is as short as what it says allows:
 * no repeat, no chime (the listeners are already listening: only a speaker starting from silence chimes, unless
 * the hall wants `chimeInRun`), a
 * lone call in its short form ("A012号到3号窗口"); calls to one window together; more than `briefAbove` waiting,
 * several in one brief sentence, each with its window; more than `numbersOnlyAbove`, only the numbers (at
 * 1.4 s a ticket, the shortest way to name several). Alone, with the speaker silent, a call is said in full,
 * repeated as the hall likes. A recall (重呼) is always said in its own full form, and takes with it the same
 * ticket's first call if that is still waiting.
 *
 * An area behind its calls (isBehind) says the same at the brisk pace, and merges harder: only the numbers once
 * more than `behindNumbersOnlyAbove` wait.
 */
export function nextUtterance(
  pending: readonly PendingCall[],
  rules: VoiceRules,
  speaker: SpeakerState = FROM_SILENCE,
): { utterance: Utterance; rest: PendingCall[] } | null {
  const head = pending[0];
  if (!head) return null;
  const chime = !speaker.running || rules.chimeInRun;
  const behind = isBehind(pending, rules, speaker);
  const pace: Pace = behind ? 'brisk' : 'normal';
  const sameTicket = (c: PendingCall) => c.ticket === head.ticket && c.windowNo === head.windowNo;
  const recalled = new Set(pending.filter((c) => c.recall).map((c) => `${c.ticket}@${c.windowNo}`));
  const take = (calls: PendingCall[], form: UtteranceForm, times = 1) => {
    const taken = new Set(calls.map((c) => c.seq));
    return { utterance: { form, calls, times, chime, pace }, rest: pending.filter((c) => !taken.has(c.seq)) };
  };
  if (recalled.has(`${head.ticket}@${head.windowNo}`)) return take(pending.filter(sameTicket), 'recall');

  // Plain calls whose ticket is not also being recalled (those go with their recall).
  const mergeable = pending.filter((c) => !c.recall && !recalled.has(`${c.ticket}@${c.windowNo}`));
  const max = Math.max(1, rules.maxPerAnnouncement);
  const waiting = pending.length;
  if (waiting > (behind ? Math.min(rules.numbersOnlyAbove, rules.behindNumbersOnlyAbove) : rules.numbersOnlyAbove)) return take(mergeable.slice(0, max), 'numbers');
  const sameWindow = mergeable.filter((c) => c.windowNo === head.windowNo).slice(0, max);
  if (waiting > rules.briefAbove) {
    const brief = mergeable.slice(0, max);
    // All to one window: the same-window form says the same in fewer words.
    return brief.every((c) => c.windowNo === head.windowNo) && brief.length > 1 ? take(brief, 'same-window') : take(brief, 'brief');
  }
  if (sameWindow.length > 1) return take(sameWindow, 'same-window');
  if (waiting > 1 || speaker.running) return take([head], 'short');
  return take([head], 'single', rules.repeat);
}

/**
 * Every announcement the pending calls make when nothing more arrives, one straight after the other (the
 * first from silence): for tests and the benchmark's plan.
 */
export function planAll(pending: readonly PendingCall[], rules: VoiceRules): Utterance[] {
  const out: Utterance[] = [];
  let rest = [...pending];
  for (let next = nextUtterance(rest, rules); next; next = nextUtterance(rest, rules, { running: true })) {
    out.push(next.utterance);
    rest = next.rest;
  }
  return out;
}
