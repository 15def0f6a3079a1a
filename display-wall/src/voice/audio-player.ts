import type { Pace } from './announcement-plan.js';
import { PAUSE } from './speech-plan.js';
import type { Speak } from './voice-queue.js';

export type AudioHealth = 'ok' | 'unavailable' | 'unknown';

/** clip → [start, duration] in seconds, in its sprite file */
export type ClipPlaces = Record<string, [number, number]>;

export interface VoiceSprite {
  file: string;
  clips: ClipPlaces;
  /** the same words recorded at a brisk pace (an area behind its calls speaks with them), in their own file */
  brisk?: { file: string; clips: ClipPlaces };
}

export interface AudioPlayer {
  health(): AudioHealth;
  clips: ReadonlySet<string>;
  speak: Speak;
  /** how many times faster than real speech the player plays (tests speed it up); a wait is judged in speech time */
  rate: number;
}

const PAUSE_AFTER_CHIME = 0.25;
/** the silence between the items of a merged announcement ("A012、A013"); half as long at the brisk pace */
const PAUSE_SECONDS = 0.2;
const BRISK_PAUSE_SECONDS = 0.1;

/**
 * How long the clips take to say, back to back as `speak` schedules them (at rate 1): each clip, the pause after
 * the chime, a pause for each PAUSE. Pure: the silent speaker's pace, and the planner's bounded-lag test.
 */
export function spokenSeconds(keys: readonly string[], set: ClipSet): number {
  return keys.reduce((s, k) => s + (k === PAUSE ? set.pause : (set.clips[k]?.[1] ?? 0.4) + (k === 'chime' ? PAUSE_AFTER_CHIME : 0)), 0);
}

/** The clips an announcement is said with, and the pause between its items. */
export interface ClipSet {
  clips: ClipPlaces;
  pause: number;
  brisk: boolean;
}

/** The brisk clips and pause at the brisk pace, where the sprite has them; else the normal ones. */
export const clipsAt = (sprite: VoiceSprite, pace: Pace): ClipSet =>
  pace === 'brisk' && sprite.brisk ? { clips: sprite.brisk.clips, pause: BRISK_PAUSE_SECONDS, brisk: true } : { clips: sprite.clips, pause: PAUSE_SECONDS, brisk: false };

/**
 * Plays announcements from the pre-rendered sprites with Web Audio: every clip of one announcement is scheduled
 * back to back on the audio clock, from the brisk sprite when it is said at the brisk pace (if that sprite did
 * not load, from the normal one), and the promise settles when the last has ended. Where audio cannot play
 * (no device, decoding failed, autoplay refused) the display says so in its health, and the queue still moves
 * at the pace speech would take, so order and timing stay the same.
 */
export async function createAudioPlayer(base: string, rate = 1): Promise<AudioPlayer> {
  let sprite: VoiceSprite = { file: '', clips: {} };
  let buffer: AudioBuffer | null = null;
  let briskBuffer: AudioBuffer | null = null;
  let ctx: AudioContext | null = null;
  let health: AudioHealth = 'unknown';
  try {
    sprite = (await (await fetch(`${base}voice/voice.json`)).json()) as VoiceSprite;
    ctx = new AudioContext();
    const bytes = await (await fetch(`${base}voice/${sprite.file}`)).arrayBuffer();
    buffer = await ctx.decodeAudioData(bytes);
    const brisk = sprite.brisk;
    if (brisk) briskBuffer = await ctx.decodeAudioData(await (await fetch(`${base}voice/${brisk.file}`)).arrayBuffer()).catch(() => null);
    if (ctx.state === 'suspended') await Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 1000))]);
    health = ctx.state === 'running' ? 'ok' : 'unavailable';
  } catch {
    health = 'unavailable';
  }
  const clips = new Set(Object.keys(sprite.clips));
  const paceOf = (set: ClipSet): Pace => (set.brisk ? 'brisk' : 'normal');
  const silent: Speak = (a) => {
    const set = clipsAt(sprite, a.pace);
    return new Promise((r) => setTimeout(() => r(paceOf(set)), (spokenSeconds(a.keys, set) / rate) * 1000));
  };
  const speak: Speak = (a) => {
    if (!ctx || !buffer || health !== 'ok') return silent(a);
    const c = ctx;
    const set = clipsAt(sprite, briskBuffer ? a.pace : 'normal');
    const b = set.brisk ? briskBuffer! : buffer;
    return new Promise<Pace>((resolve) => {
      let t = c.currentTime + 0.05;
      let last: AudioBufferSourceNode | null = null;
      for (const key of a.keys) {
        if (key === PAUSE) {
          t += set.pause / rate;
          continue;
        }
        const clip = set.clips[key];
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
      const timer = setTimeout(() => resolve(paceOf(set)), (end - c.currentTime) * 1000 + 500);
      if (last) {
        last.onended = () => {
          clearTimeout(timer);
          resolve(paceOf(set));
        };
      } else resolve(paceOf(set));
    });
  };
  return { health: () => health, clips, speak, rate };
}
