// Why each mutant the tests let live survives (issue #21: "surviving mutants either killed by a new test or
// explained in the report"). `npm run mutation` prints the reason beside each survivor it matches, and marks
// the others "not reasoned yet" — a new survivor shows up as unexplained rather than hiding in a count.
// A reason covers a file, a line range and optionally one mutator; file names as Stryker reports them.
export const SURVIVOR_REASONS = [];

/** The reason a survivor at file:line of this mutator survives, if one is recorded. */
export function reasonFor(file, line, mutator) {
  const r = SURVIVOR_REASONS.find(
    (x) => file.endsWith(x.file) && line >= x.lines[0] && line <= x.lines[1] && (x.mutators === undefined || x.mutators.includes(mutator)),
  );
  return r?.reason;
}
