import type { CallRecord, DisplayScene } from '@hall/shared';
import { nextUtterance, type Pace } from './announcement-plan.js';
import type { AudioPlayer } from './audio-player.js';
import { utteranceSpeech } from './speech-plan.js';
import { VoiceQueue } from './voice-queue.js';

/** What tests and the heartbeat see of the voice: exposed on window.__voice. */
export interface VoiceProbe {
  /** tickets waiting to be announced */
  pending: string[];
  current: string | null;
  /** what was said, at which pace (brisk: the faster clips of an area behind its calls) */
  log: Array<{ seqs: number[]; text: string; pace: Pace; start: number; end: number }>;
  /** calls not yet spoken past the lateness limit (highlighted on the wall) */
  late: number[];
  audio: string;
  missing: string[];
}

export interface AnnouncerHooks {
  onSpeaking(text: string | null): void;
  onLate(seqs: ReadonlySet<number>): void;
}

/**
 * The voice of one display: announces the calls of its voice area (the windows the hub gave it) through one
 * queue, merging and shortening by the hall's rules when calls pile up — in order, none dropped, none said
 * twice. A call not spoken within the hall's limit is reported late until it is.
 */
export function createAnnouncer(player: AudioPlayer, getScene: () => DisplayScene | null, hooks: AnnouncerHooks) {
  const probe: VoiceProbe = { pending: [], current: null, log: [], late: [], audio: player.health(), missing: [] };
  const late = new Set<number>();
  const unspoken = new Set<number>();
  const known = new Set<number>();
  const lateChanged = () => {
    probe.late = [...late];
    hooks.onLate(new Set(late));
  };
  const queue = new VoiceQueue(
    player.speak,
    () => performance.now(),
    (pending, speaker) => {
      const s = getScene();
      // A wall sped up for tests (player.rate) is behind after as many seconds of speech as a real one.
      const rules = s && { ...s.voice.rules, briskAfterSeconds: s.voice.rules.briskAfterSeconds / player.rate };
      const next = rules ? nextUtterance(pending, rules, speaker) : null;
      if (!s || !next) return null;
      const speech = utteranceSpeech(s.templates, next.utterance, player.clips);
      for (const m of speech.missing) if (!probe.missing.includes(m)) probe.missing.push(m);
      return { announcement: { seqs: next.utterance.calls.map((c) => c.seq), text: speech.text, keys: speech.keys, pace: next.utterance.pace }, rest: next.rest };
    },
    () => {
      probe.pending = queue.pending.map((c) => c.ticket);
      probe.current = queue.current?.text ?? null;
      probe.log = queue.log;
      probe.audio = player.health();
      // A call is spoken once its announcement has ended: then it is no longer late.
      const spoken = queue.log.at(-1)?.seqs ?? [];
      let changed = false;
      for (const seq of spoken) {
        unspoken.delete(seq);
        changed = late.delete(seq) || changed;
      }
      if (changed) lateChanged();
      hooks.onSpeaking(probe.current);
    },
  );
  return {
    probe,
    announce(call: CallRecord): void {
      const s = getScene();
      if (!s || !s.power.on || !s.voice.windows.includes(call.windowNo)) return;
      // A call replayed after a reconnect is neither said nor timed again.
      if (known.has(call.seq)) return;
      known.add(call.seq);
      unspoken.add(call.seq);
      setTimeout(() => {
        if (!unspoken.has(call.seq)) return;
        late.add(call.seq);
        lateChanged();
      }, s.voice.rules.lateAfterSeconds * 1000);
      queue.enqueue({ seq: call.seq, ticket: call.ticket, windowNo: call.windowNo, recall: call.recall });
    },
  };
}
