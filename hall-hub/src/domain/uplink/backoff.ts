/**
 * Exponential backoff with jitter ("equal jitter"): half of the exponential step is kept, the other half is
 * random, so a hundred halls coming back after a provincial outage do not knock on the same second, and no
 * retry is ever immediate. `random01` comes in as an argument (pure).
 */
export function backoffDelay(failures: number, opts: { baseMs: number; maxMs: number }, random01: number): number {
  if (failures <= 0) return 0;
  const step = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(step / 2 + (step / 2) * random01);
}
