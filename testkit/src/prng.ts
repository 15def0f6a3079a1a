// Seeded randomness for generators, benchmarks and the soak: never Math.random, so a run is the same for one seed
// on every machine and a failure can be replayed.

/** mulberry32: small, fast, good enough for a simulation; a number in [0, 1) per call, the same list for one seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bit: turns a label into a seed, so each item of a generator gets a stream of its own. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  pickSome<T>(list: readonly T[], count: number): T[];
}

/** The helpers a generator wants, over one mulberry32 stream. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    const value = list[int(0, list.length - 1)];
    if (value === undefined) throw new Error('pick from an empty list');
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
