// Seeded randomness: every choice in the generator goes through here, never Math.random,
// so the output is byte-identical on every run. Each item gets its own stream (seeded by a
// label), so adding an item does not reshuffle the others. The generator (mulberry32) is the test kit's.
import { createRng, hashLabel, type Rng } from '@hall/testkit/prng';

export { createRng, hashLabel, type Rng };

export const SEED = 20261101;

export function rngFor(label: string): Rng {
  return createRng(hashLabel(`${SEED}:${label}`));
}
