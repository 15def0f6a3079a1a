import type { CallRecord, DisplayScene } from '@hall/shared';
import { callInArea } from '../store/wall-view.js';
import type { AudioPlayer } from './audio-player.js';
import { announcementText, speechPlan } from './speech-plan.js';
import { VoiceQueue } from './voice-queue.js';

/** What tests and the heartbeat see of the voice: exposed on window.__voice. */
export interface VoiceProbe {
  pending: string[];
  current: string | null;
  log: Array<{ seq: number; text: string; start: number; end: number }>;
  audio: string;
  missing: string[];
}

/**
 * The voice of one display: announces the calls of its area (all, its zone, or its window) if its settings
 * say it speaks, through one queue — in order, one at a time, none dropped.
 */
export function createAnnouncer(player: AudioPlayer, getScene: () => DisplayScene | null, onSpeaking: (text: string | null) => void) {
  const probe: VoiceProbe = { pending: [], current: null, log: [], audio: player.health(), missing: [] };
  const queue = new VoiceQueue(player.speak, () => performance.now(), () => {
    probe.pending = queue.pending.map((a) => a.text);
    probe.current = queue.current?.text ?? null;
    probe.log = queue.log;
    probe.audio = player.health();
    onSpeaking(probe.current);
  });
  return {
    probe,
    announce(call: CallRecord): void {
      const s = getScene();
      // A cases board (办件公示) shows no calls, so it says none.
      if (!s || !s.settings.voice || !s.power.on || s.settings.surface === 'case-board') return;
      if (!callInArea(call, { zone: s.settings.surface === 'zone-wall' ? s.settings.zone : null, windowNo: s.settings.surface === 'window-screen' ? s.settings.windowNo : null })) return;
      const template = call.recall ? s.templates.voiceRecall : s.templates.voice;
      const plan = speechPlan(s.templates, call, player.clips);
      for (const m of plan.missing) if (!probe.missing.includes(m)) probe.missing.push(m);
      queue.enqueue({ seq: call.seq, text: announcementText(template, call), keys: plan.keys });
    },
  };
}
