// Seeded randomness: every choice in the generator goes through here, never Math.random,
// so the output is byte-identical on every run. Each item gets its own stream (seeded by a
// label), so adding an item does not reshuffle the others.

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  pickSome<T>(list: readonly T[], count: number): T[];
}

/** FNV-1a, 32 bit. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    const value = list[int(0, list.length - 1)];
    if (value === undefined) throw new Error("pick from an empty list");
    return value;
  };
  const pickSome = <T>(list: readonly T[], count: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const [value] = pool.splice(int(0, pool.length - 1), 1);
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  return { next, int, chance: (p) => next() < p, pick, pickSome };
}

export const SEED = 20261101;

export function rngFor(label: string): Rng {
  return createRng(hashLabel(`${SEED}:${label}`));
}
