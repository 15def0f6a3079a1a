import { PAUSE } from './speech-plan.js';
import type { Speak } from './voice-queue.js';

export type AudioHealth = 'ok' | 'unavailable' | 'unknown';

export interface VoiceSprite {
  file: string;
  /** clip → [start, duration] in seconds */
  clips: Record<string, [number, number]>;
}

export interface AudioPlayer {
  health(): AudioHealth;
  clips: ReadonlySet<string>;
  speak: Speak;
}

const PAUSE_AFTER_CHIME = 0.25;
/** the silence between the items of a merged announcement ("A012、A013") */
const PAUSE_SECONDS = 0.2;

/**
 * How long the clips take to say, back to back as `speak` schedules them (at rate 1): each clip, the pause after
 * the chime, a pause for each PAUSE. Pure: the silent speaker's pace, and the planner's bounded-lag test.
 */
export function spokenSeconds(keys: readonly string[], sprite: VoiceSprite): number {
  return keys.reduce((s, k) => s + (k === PAUSE ? PAUSE_SECONDS : (sprite.clips[k]?.[1] ?? 0.4) + (k === 'chime' ? PAUSE_AFTER_CHIME : 0)), 0);
}

/**
 * Plays announcements from the pre-rendered sprite with Web Audio: every clip of one announcement is scheduled
 * back to back on the audio clock, and the promise settles when the last has ended. Where audio cannot play
 * (no device, decoding failed, autoplay refused) the display says so in its health, and the queue still moves
 * at the pace speech would take, so order and timing stay the same.
 */
export async function createAudioPlayer(base: string, rate = 1): Promise<AudioPlayer> {
  let sprite: VoiceSprite = { file: '', clips: {} };
  let buffer: AudioBuffer | null = null;
  let ctx: AudioContext | null = null;
  let health: AudioHealth = 'unknown';
  try {
    sprite = (await (await fetch(`${base}voice/voice.json`)).json()) as VoiceSprite;
    ctx = new AudioContext();
    const bytes = await (await fetch(`${base}voice/${sprite.file}`)).arrayBuffer();
    buffer = await ctx.decodeAudioData(bytes);
    if (ctx.state === 'suspended') await Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 1000))]);
    health = ctx.state === 'running' ? 'ok' : 'unavailable';
  } catch {
    health = 'unavailable';
  }
  const clips = new Set(Object.keys(sprite.clips));
  const silent: Speak = (a) => new Promise((r) => setTimeout(r, (spokenSeconds(a.keys, sprite) / rate) * 1000));
  const speak: Speak = (a) => {
    if (!ctx || !buffer || health !== 'ok') return silent(a);
    const c = ctx;
    const b = buffer;
    return new Promise<void>((resolve) => {
      let t = c.currentTime + 0.05;
      let last: AudioBufferSourceNode | null = null;
      for (const key of a.keys) {
        if (key === PAUSE) {
          t += PAUSE_SECONDS / rate;
          continue;
        }
        const clip = sprite.clips[key];
        if (!clip) continue;
        const src = c.createBufferSource();
        src.buffer = b;
        src.playbackRate.value = rate;
        src.connect(c.destination);
        src.start(t, clip[0], clip[1]);
        t += clip[1] / rate + (key === 'chime' ? PAUSE_AFTER_CHIME / rate : 0);
        last = src;
      }
      const end = t;
      // onended is the signal; the timer is the backstop if the audio clock stalls (device gone).
      const timer = setTimeout(() => resolve(), (end - c.currentTime) * 1000 + 500);
      if (last) {
        last.onended = () => {
          clearTimeout(timer);
          resolve();
        };
      } else resolve();
    });
  };
  return { health: () => health, clips, speak };
}
