/**
 * Renders the voice clips once, offline, with espeak-ng (Mandarin voice `cmn`; Latin letters in English, as
 * halls say "A" for ticket prefixes) and writes two sprites of the same words: public/voice/voice.ogg at the
 * normal pace (espeak rate 170 words a minute) and public/voice/voice-brisk.ogg at a brisk one (rate 215, pitch
 * unchanged), which an area that has fallen behind speaks with (the `brisk*` voice rules), and
 * public/voice/voice.json (clip → [start, duration] in seconds, per sprite). The chime is synthesised here (two
 * bell tones), the same in both. Each sprite is 16 kHz mono, encoded as Ogg Opus (24 kbit/s: about a tenth of
 * the WAV), which Chromium decodes; clips are 60 ms of silence apart so no clip bleeds into the next. The output
 * is committed, so `npm start` needs no speech engine.
 *
 *   apt-get install espeak-ng opus-tools && npx tsx display-wall/scripts/make-voice-clips.ts
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIP_KEYS } from '../src/voice/vocabulary.js';

const RATE = 16_000;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'voice');

function readWav(buf: Buffer): { rate: number; samples: Float32Array } {
  // espeak-ng writes a canonical PCM header with unknown lengths (streamed to stdout): find "data" and read on.
  const rate = buf.readUInt32LE(24);
  const data = buf.indexOf('data', 12, 'latin1') + 8;
  const n = Math.floor((buf.length - data) / 2);
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i++) samples[i] = buf.readInt16LE(data + i * 2) / 32768;
  return { rate, samples };
}

function resample(s: Float32Array, from: number, to: number): Float32Array {
  const n = Math.floor((s.length * to) / from);
  const o = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * from) / to;
    const k = Math.floor(x);
    const f = x - k;
    o[i] = (s[k] ?? 0) * (1 - f) + (s[k + 1] ?? 0) * f;
  }
  return o;
}

/** Cuts leading and trailing silence, keeping 15 ms either side so syllables are not clipped. */
function trim(s: Float32Array): Float32Array {
  const loud = (v: number) => Math.abs(v) > 0.02;
  let a = s.findIndex(loud);
  let b = s.length - 1;
  while (b > 0 && !loud(s[b]!)) b--;
  if (a < 0) return new Float32Array(0);
  const pad = Math.round(RATE * 0.015);
  a = Math.max(0, a - pad);
  b = Math.min(s.length - 1, b + pad);
  return s.slice(a, b + 1);
}

/** espeak-ng's speaking rates (words a minute): the normal pace, and the brisk one of an area behind its calls. */
const NORMAL_WPM = 170;
const BRISK_WPM = 215;

function speak(text: string, wpm: number): Float32Array {
  const wav = execFileSync('espeak-ng', ['-v', 'cmn', '-s', String(wpm), '--stdout', text]);
  const { rate, samples } = readWav(wav);
  return trim(resample(samples, rate, RATE));
}

/** Ding-dong: two decaying bell tones (E5 then C5) with a soft overtone. */
function chime(): Float32Array {
  const tone = (f: number, secs: number) => {
    const n = Math.round(RATE * secs);
    const o = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const env = Math.min(1, t / 0.01) * Math.exp(-t * 3.2);
      o[i] = 0.45 * env * (Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(2 * Math.PI * 2 * f * t));
    }
    return o;
  };
  const a = tone(659.25, 0.55);
  const b = tone(523.25, 0.9);
  const o = new Float32Array(a.length + b.length);
  o.set(a);
  o.set(b, a.length);
  return o;
}

const GAP = Math.round(RATE * 0.06);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function wavFile(pcm: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** One sprite of every clip at one speaking rate, written as `<name>.ogg`; its clips' places. */
function sprite(name: string, wpm: number): { file: string; clips: Record<string, [number, number]>; seconds: number } {
  const clips: Record<string, [number, number]> = {};
  const parts: Float32Array[] = [new Float32Array(GAP)];
  let at = GAP;
  for (const key of CLIP_KEYS) {
    const s = key === 'chime' ? chime() : speak(key, wpm);
    if (s.length === 0) throw new Error(`espeak-ng said nothing for ${key}`);
    clips[key] = [round(at / RATE), round(s.length / RATE)];
    parts.push(s, new Float32Array(GAP));
    at += s.length + GAP;
  }
  const pcm = Buffer.alloc(at * 2);
  let k = 0;
  for (const p of parts) for (const v of p) pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), 2 * k++);
  const wav = join(out, `${name}.wav`);
  writeFileSync(wav, wavFile(pcm));
  // A fixed stream serial: the same clips give the same file.
  execFileSync('opusenc', ['--quiet', '--serial', '1', '--bitrate', '24', '--comp', '10', wav, join(out, `${name}.ogg`)]);
  rmSync(wav);
  return { file: `${name}.ogg`, clips, seconds: at / RATE };
}

const normal = sprite('voice', NORMAL_WPM);
const brisk = sprite('voice-brisk', BRISK_WPM);
writeFileSync(join(out, 'voice.json'), `${JSON.stringify({ file: normal.file, clips: normal.clips, brisk: { file: brisk.file, clips: brisk.clips } })}\n`);
console.log(`${CLIP_KEYS.length} clips, ${normal.seconds.toFixed(1)} s of audio at ${NORMAL_WPM} wpm, ${brisk.seconds.toFixed(1)} s at ${BRISK_WPM}`);
