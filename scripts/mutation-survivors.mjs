// Why each mutant the tests let live survives (issue #21: "surviving mutants either killed by a new test or
// explained in the report"). `npm run mutation` prints the reason beside each survivor it matches, and marks
// the others "not reasoned yet" — a new survivor shows up as unexplained rather than hiding in a count.
// A reason covers a file, a line range and optionally some mutators; file names as Stryker reports them.
export const SURVIVOR_REASONS = [
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [61, 62],
    mutators: ['MethodExpression', 'EqualityOperator', 'ConditionalExpression'],
    reason:
      'equivalent: overtaken() is only called when the pending frame is incomplete (buf.length < at + total), so end = buf.length either way, and indexOf never returns an index at or past buf.length',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [48, 48],
    mutators: ['EqualityOperator', 'ConditionalExpression', 'LogicalOperator'],
    reason:
      'equivalent: a start byte with exactly 5 bytes left cannot hold a complete frame (8 at least), so the later length check refuses it as well',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [51, 51],
    mutators: ['EqualityOperator', 'ConditionalExpression'],
    reason:
      'equivalent for `length > maxPayload` in validAt: a frame that overtakes a false start is complete inside the false start’s span, so it is shorter than a length the framer already accepted (≤ maxPayload)',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [112, 112],
    reason: 'equivalent: when nothing is left, an empty buffer and an empty copy of the tail are the same',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [118, 121],
    reason:
      'equivalent: an empty read scans an unchanged buffer (same frames, same counters); a view of the chunk and a concatenated copy hold the same bytes (scan copies what it keeps)',
  },
];

/** The reason a survivor at file:line of this mutator survives, if one is recorded. */
export function reasonFor(file, line, mutator) {
  const r = SURVIVOR_REASONS.find(
    (x) => file.endsWith(x.file) && line >= x.lines[0] && line <= x.lines[1] && (x.mutators === undefined || x.mutators.includes(mutator)),
  );
  return r?.reason;
}
