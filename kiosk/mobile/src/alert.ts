/**
 * The call alert: vibration where the phone has it, and a two-tone chime through Web Audio once the visitor
 * has tapped "turn on alert sound" (browsers allow sound only after a tap).
 */
let audio: AudioContext | null = null;

export function unlockSound(): boolean {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return false;
  audio = audio ?? new Ctx();
  void audio.resume();
  return true;
}

export function alertCalled(): void {
  navigator.vibrate?.([400, 150, 400, 150, 400]);
  if (!audio) return;
  const t = audio.currentTime;
  for (const [i, freq] of [880, 660, 880, 660].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.4, t + i * 0.35 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.35 + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(t + i * 0.35);
    osc.stop(t + i * 0.35 + 0.32);
  }
}
