// How many random cases a property suite tries. Under a Stryker mutation run (MUTATION_RUN set by
// stryker.vitest.config.ts) the suites run once per mutant, hundreds of times: there they try a twentieth of their
// cases (never fewer than `least`) from a fixed seed, so one run takes a second, not ten, and is the same each
// time (a draw that happened to fail on the unmutated code would otherwise count as a kill). Fewer cases can only
// let more mutants live: the score measured this way is a lower bound of the full suites' score.

export const underMutation = process.env.MUTATION_RUN === '1';

/** fast-check parameters: `numRuns` normally; under mutation a twentieth of it (at least `least`) and a fixed seed. */
export function propertyRuns(numRuns: number, least = 3): { numRuns: number; seed?: number } {
  return underMutation ? { numRuns: Math.max(least, Math.ceil(numRuns / 20)), seed: 21 } : { numRuns };
}

/**
 * A floor a suite asserts over all its cases (e.g. "more than 1,000 calls were checked"): under mutation scaled
 * to the cases tried, and halved, since a few cases spread less evenly (the seed is fixed: the unmutated run
 * Stryker starts with shows it holds).
 */
export function scaledFloor(floor: number, numRuns: number, least = 3): number {
  return underMutation ? Math.floor((floor * propertyRuns(numRuns, least).numRuns) / numRuns / 2) : floor;
}
