/**
 * The warning chime: two short tones made with Web Audio (no sound file to ship), three for a red warning.
 * Browsers start audio only after a user gesture; sign-in is one, and `unlock` is called on every click.
 */
let ctx: AudioContext | null = null;

export function unlockAudio(): void {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
  } catch {
    ctx = null;
  }
}

export function chime(level: 'yellow' | 'red'): boolean {
  if (!ctx) return false;
  const notes = level === 'red' ? [988, 784, 988] : [880, 660];
  const start = ctx.currentTime + 0.02;
  notes.forEach((hz, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    const t0 = start + i * 0.22;
    // A soft attack and decay: a chime, not a beep.
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.2);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(t0);
    osc.stop(t0 + 0.21);
  });
  return true;
}
